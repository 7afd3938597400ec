# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.tools import format_amount

from odoo.addons.dunning_levels.const import OPEN_STATES

# Who may read a customer's reminder warning, which tells what it owes: the
# salespeople (as on their quotations) and the accounting users.
WARNING_GROUPS = (
    "sales_team.group_sale_salesman,"
    "account.group_account_invoice,account.group_account_readonly"
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    dunning_max_level = fields.Integer(
        string="Highest Reminder Level",
        compute="_compute_dunning_warning",
        groups=WARNING_GROUPS,
        help="Highest level of the customer's open payment reminders (to send or "
        "sent) in the current company; 0 when it has none.",
    )
    dunning_warning = fields.Char(
        string="Payment Reminder Warning",
        compute="_compute_dunning_warning",
        groups=WARNING_GROUPS,
    )

    @api.depends("commercial_partner_id")
    @api.depends_context("company")
    def _compute_dunning_warning(self):
        summaries = self._dunning_get_reminder_summaries(self.env.company)
        for partner in self:
            summary = summaries.get(partner.commercial_partner_id._origin.id, {})
            partner.dunning_max_level = summary.get("level", 0)
            partner.dunning_warning = summary.get("warning", False)

    def _dunning_get_reminder_summaries(self, company):
        """Return what salespeople must know of these customers' reminders.

        Only the reminders and invoices of ``company`` count. The figures are
        read as superuser: salespeople usually have no accounting rights, yet
        they must be warned. Nothing else is done with these rights.

        :param company: ``res.company`` whose reminders count
        :return: ``{commercial partner id: summary}`` for the customers with
            open reminders only; a summary is a dict with the keys ``level``
            (highest open level), ``level_name``, ``overdue_moves`` (overdue
            invoices, as superuser), ``overdue_amount``, ``currency`` (the
            company's) and ``warning`` (a sentence stating all of it)
        """
        levels = self._dunning_read_open_levels(company)
        if not levels:
            return {}
        level_names = {
            level.level: level.name
            for level in self.env["dunning.level"]
            .sudo()
            .with_context(active_test=False)
            .search([("company_id", "=", company.id)])
        }
        reminded = self.browse(list(levels)).with_company(company).sudo()
        reminded._dunning_invalidate_overdue()
        return {
            customer.id: customer._dunning_prepare_reminder_summary(
                levels[customer.id], level_names.get(levels[customer.id], "")
            )
            for customer in reminded
        }

    def _dunning_read_open_levels(self, company):
        """Return the highest level of these customers' open reminders.

        Read as superuser, like the rest of the summaries.

        :param company: ``res.company`` whose reminders count
        :return: ``{commercial partner id: level}``, for the customers with
            open reminders only
        """
        customers = self.commercial_partner_id._origin
        if not customers:
            return {}
        return {
            customer.id: level
            for customer, level in self.env["dunning.reminder"]
            .sudo()
            ._read_group(
                customers._get_dunning_open_reminder_domain(company),
                groupby=["partner_id"],
                aggregates=["level:max"],
            )
        }

    def _dunning_prepare_reminder_summary(self, level, level_name):
        """Return the reminder summary of this customer.

        Called as superuser in the summary's company, the overdue figures
        invalidated (see :meth:`_dunning_get_reminder_summaries`).

        :param int level: highest level of the customer's open reminders
        :param str level_name: that level's name
        :return: the summary, see :meth:`_dunning_get_reminder_summaries`
        """
        self.ensure_one()
        moves = self.dunning_overdue_move_ids
        amount = self.dunning_overdue_amount
        currency = self.dunning_currency_id
        return {
            "level": level,
            "level_name": level_name,
            "overdue_moves": moves,
            "overdue_amount": amount,
            "currency": currency,
            "warning": self.env._(
                "%(customer)s has open payment reminders: level %(level)s "
                "(%(level_name)s), %(count)s overdue invoice(s) totalling "
                "%(amount)s.",
                customer=self.name,
                level=level,
                level_name=level_name,
                count=len(moves),
                amount=format_amount(self.env, amount, currency),
            ),
        }

    def _get_dunning_open_reminder_domain(self, company):
        """Return the domain of these customers' open reminders in ``company``.

        TO OVERRIDE to change which reminders make a customer "under
        reminders" for the sales team.
        """
        return [
            ("partner_id", "in", self.commercial_partner_id._origin.ids),
            ("company_id", "=", company.id),
            ("state", "in", OPEN_STATES),
        ]

    def _dunning_invalidate_overdue(self):
        """Forget the overdue figures cached for these customers.

        They declare no dependency (they follow every payment and the date),
        so a value cached earlier in the transaction, e.g. when the customer
        was created, may be out of date.
        """
        self.invalidate_recordset(
            ["dunning_overdue_move_ids", "dunning_overdue_amount"]
        )

    def action_dunning_view_overdue_invoices(self):
        """Open the customer's overdue invoices in the current company.

        The list is the one the warning counts; each user then sees the
        invoices their rights allow.
        """
        self.ensure_one()
        customer = self.commercial_partner_id.sudo()
        customer._dunning_invalidate_overdue()
        moves = customer.dunning_overdue_move_ids
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action.update(
            name=self.env._("Overdue Invoices"),
            domain=[("id", "in", moves.ids)],
            context={"default_move_type": "out_invoice", "create": False},
        )
        return action
