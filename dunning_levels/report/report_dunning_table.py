# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from babel.dates import format_date as babel_format_date

from odoo import api, fields, models
from odoo.models import READ_GROUP_DISPLAY_FORMAT
from odoo.osv import expression
from odoo.tools.misc import get_lang, groupby


class ReportDunningTable(models.AbstractModel):
    _name = "report.dunning_levels.report_dunning_reminder_table"
    _description = "Payment Reminder Table"

    @api.model
    def _get_report_values(self, docids, data=None):
        """Return the values of the printed workspace: the reminders of its
        search, grouped as listed, with totals per group and overall.

        The reminders are searched with the user's rights and companies: the
        table shows what the list showed, never more.

        :param list docids: reminders to print when ``data`` has no search
        :param dict data: ``domain`` (the list's), ``group_by`` (field names,
            dates with a granularity such as ``invoice_date:month``) and
            ``ids`` (the selected reminders; default: all of the search), as
            :meth:`dunning.reminder.action_print_table` gives them
        :return: rendering values: ``rows`` (headers, lines and subtotals in
            print order, see :meth:`_get_rows`) and ``totals``
        """
        data = data or {}
        domain = list(data.get("domain") or [])
        # Printed from the list: its selection; otherwise the given records.
        ids = data.get("ids") or ([] if "domain" in data else docids)
        if ids:
            domain = expression.AND([domain, [("id", "in", list(ids))]])
        group_by = list(data.get("group_by") or [])
        reminders = self.env["dunning.reminder"].search(domain)
        return {
            "doc_ids": reminders.ids,
            "doc_model": "dunning.reminder",
            "docs": reminders,
            "company": self.env.company,
            "date": fields.Date.context_today(self),
            "group_by_labels": [self._get_group_by_label(spec) for spec in group_by],
            "rows": self._get_rows(reminders, domain, group_by),
            "totals": self._get_totals(reminders),
            "count": len(reminders),
        }

    @api.model
    def _get_rows(self, reminders, domain, group_by):
        """Return the rows of the table in print order.

        :param reminders: the reminders to print, in the list's order
        :param list domain: their domain, to group them as the list does
        :param list group_by: the list's grouping
        :return: list of dicts with a ``type``: ``group`` (``depth``,
            ``label``, ``count``), ``line`` (see :meth:`_get_line_values`) or
            ``subtotal`` (``depth``, ``label``, ``totals``)
        """
        if not group_by:
            return [self._get_line_values(reminder) for reminder in reminders]
        groups = self.env["dunning.reminder"]._read_group(
            domain, groupby=group_by, aggregates=["id:recordset"]
        )
        # Within their group, the reminders keep the list's order.
        position = {
            reminder_id: index for index, reminder_id in enumerate(reminders.ids)
        }
        return self._get_group_rows(position, groups, group_by, depth=0)

    @api.model
    def _get_group_rows(self, position, groups, group_by, depth):
        # ``groups`` come from _read_group sorted by their keys, kept in that
        # order by groupby.
        rows = []
        for value, subgroups in groupby(groups, key=lambda group: group[depth]):
            members = (
                self.env["dunning.reminder"]
                .union(*(group[-1] for group in subgroups))
                .sorted(lambda reminder: position[reminder.id])
            )
            label = self._format_group_value(group_by[depth], value)
            rows.append(
                {"type": "group", "depth": depth, "label": label, "count": len(members)}
            )
            if depth + 1 < len(group_by):
                rows += self._get_group_rows(position, subgroups, group_by, depth + 1)
            else:
                rows += [self._get_line_values(reminder) for reminder in members]
            rows.append(
                {
                    "type": "subtotal",
                    "depth": depth,
                    "label": label,
                    "totals": self._get_totals(members),
                }
            )
        return rows

    @api.model
    def _get_line_values(self, reminder):
        """Return what the table prints for one reminder.

        TO OVERRIDE to print more columns (with the template).

        :return: dict with ``type`` ``line``, ``reminder`` and ``state`` (its
            label)
        """
        states = dict(reminder._fields["state"]._description_selection(self.env))
        return {
            "type": "line",
            "reminder": reminder,
            "state": states.get(reminder.state),
        }

    @api.model
    def _get_totals(self, reminders):
        """Return the overdue and due totals of ``reminders``, one per
        currency (each amount is in its invoice's currency).

        :return: list of dicts ``currency``, ``amount_overdue``,
            ``amount_residual``
        """
        totals = []
        for currency in reminders.currency_id.sorted("name"):
            of_currency = reminders.filtered(lambda r, c=currency: r.currency_id == c)
            totals.append(
                {
                    "currency": currency,
                    "amount_overdue": currency.round(
                        sum(of_currency.mapped("amount_overdue"))
                    ),
                    "amount_residual": currency.round(
                        sum(of_currency.mapped("amount_residual"))
                    ),
                }
            )
        return totals

    @api.model
    def _get_group_by_label(self, spec):
        fname = spec.split(":")[0]
        field = self.env["dunning.reminder"]._fields[fname]
        return field._description_string(self.env)

    @api.model
    def _format_group_value(self, spec, value):
        """Return the label of a group as the list shows it.

        :param str spec: the grouping, e.g. ``partner_id`` or
            ``invoice_date:month``
        :param value: the group's value, as ``_read_group`` returns it
        """
        fname, __, granularity = spec.partition(":")
        field = self.env["dunning.reminder"]._fields[fname]
        if isinstance(value, models.BaseModel):
            return value.display_name if value else self.env._("None")
        if value in (None, False) and field.type != "boolean":
            return self.env._("None")
        if field.type in ("date", "datetime") and not granularity.endswith("number"):
            return babel_format_date(
                value,
                format=READ_GROUP_DISPLAY_FORMAT[granularity or "month"],
                locale=get_lang(self.env).code,
            )
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value)
        if field.type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        return str(value)
