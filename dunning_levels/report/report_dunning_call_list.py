# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models


class ReportDunningCallList(models.AbstractModel):
    _name = "report.dunning_levels.report_dunning_call_list"
    _description = "Payment Reminder Call List"

    @api.model
    def _get_report_values(self, docids, data=None):
        """Return the values of the call list of reminders ``docids``.

        Printing the list is not a reminder: it changes no level and writes
        no history; calls are recorded afterwards.

        :param list docids: ``dunning.reminder`` ids
        :param dict data: optional ``sort_key`` (``partner``, the default,
            ``salesperson`` or ``category``)
        :return: rendering values, one dict per customer to call under
            ``customers``
        """
        data = data or {}
        reminders = self.env["dunning.reminder"].browse(docids)
        groups = reminders._group_for_sending(
            grouping="customer", sort_key=data.get("sort_key") or "partner"
        )
        return {
            "doc_ids": docids,
            "doc_model": "dunning.reminder",
            "docs": reminders,
            "company": reminders.company_id[:1] or self.env.company,
            "date": fields.Date.context_today(self),
            "customers": [self._get_call_values(group) for group in groups],
        }

    @api.model
    def _get_call_values(self, reminders):
        """Return what the call list prints for one customer.

        TO OVERRIDE to print more about the customer.

        :param reminders: ``dunning.reminder`` records of one customer and
            currency
        :return: dict with the keys ``partner`` (the customer), ``contacts``
            (invoice contacts other than the customer, whose phones are
            printed too), ``currency``, ``lines`` (one dict per reminder:
            ``reminder``, ``invoice``, ``name``, ``date_due``,
            ``days_overdue``, ``amount_due``, ``level`` and ``installments``,
            the overdue installments printed under the invoice, see
            ``account.move._get_dunning_installment_lines``) and
            ``amount_due``
        """
        partner = reminders[:1].partner_id
        currency = reminders[:1].currency_id
        today = fields.Date.context_today(self)
        installments = reminders.move_id._get_dunning_installment_lines(today)
        lines = []
        for reminder in reminders:
            invoice = reminder.move_id
            date_due = reminder.date_maturity or invoice.invoice_date_due
            lines.append(
                {
                    "reminder": reminder,
                    "invoice": invoice,
                    "name": invoice.name,
                    "date_due": date_due,
                    "days_overdue": max((today - date_due).days, 0) if date_due else 0,
                    "amount_due": invoice.amount_residual,
                    "level": reminder.level,
                    "installments": installments[invoice.id],
                }
            )
        return {
            "partner": partner,
            "contacts": reminders.move_id.partner_id - partner,
            "currency": currency,
            "lines": lines,
            "amount_due": currency.round(sum(line["amount_due"] for line in lines)),
        }
