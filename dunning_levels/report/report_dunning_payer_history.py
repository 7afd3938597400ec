# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models

from ..const import ACTION_MARKED_SENT, ACTION_SENT, LEVELS


class ReportDunningPayerHistory(models.AbstractModel):
    _name = "report.dunning_levels.report_dunning_payer_history"
    _description = "Payer History"

    @api.model
    def _get_report_values(self, docids, data=None):
        """Return the payer history of customers ``docids`` in the current
        company: what they were invoiced, what they paid, and when each
        invoice was reminded at each level.

        :param list docids: ``res.partner`` ids (their commercial partners
            are reported)
        :return: rendering values, one dict per customer under ``customers``
            (see :meth:`_get_customer_values`)
        """
        partners = self.env["res.partner"].browse(docids).commercial_partner_id
        company = self.env.company
        return {
            "doc_ids": partners.ids,
            "doc_model": "res.partner",
            "docs": partners,
            "company": company,
            "date": fields.Date.context_today(self),
            "levels": LEVELS,
            "customers": [
                self._get_customer_values(partner, company) for partner in partners
            ],
        }

    @api.model
    def _get_customer_values(self, partner, company):
        """Return the payer history of one customer.

        TO OVERRIDE to print more about the customer or its invoices.

        :param partner: a commercial partner
        :param company: the company whose invoices are read
        :return: dict with ``partner``, ``currency`` (the company's),
            ``lines`` (one dict per posted invoice or credit note, oldest
            first: ``invoice``, ``amount_total``, ``amount_paid``,
            ``amount_residual`` in the company currency, credit notes
            negative, and ``reminder_dates``: ``{level: date}`` of the first
            reminder sent at each level), ``amount_total`` (to pay),
            ``amount_paid`` (collected) and ``amount_residual`` (balance)
        """
        invoices = self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", partner.id),
                ("company_id", "=", company.id),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
            ],
            order="invoice_date, name, id",
        )
        sent = self.env["dunning.history"].search(
            [
                ("move_id", "in", invoices.ids),
                ("action", "in", (ACTION_SENT, ACTION_MARKED_SENT)),
            ],
            order="date, id",
        )
        reminder_dates = {}
        for history in sent:
            dates = reminder_dates.setdefault(history.move_id, {})
            dates.setdefault(
                history.level, fields.Date.context_today(self, history.date)
            )
        currency = company.currency_id
        lines = [
            {
                "invoice": invoice,
                "amount_total": invoice.amount_total_signed,
                "amount_paid": currency.round(
                    invoice.amount_total_signed - invoice.amount_residual_signed
                ),
                "amount_residual": invoice.amount_residual_signed,
                "reminder_dates": reminder_dates.get(invoice, {}),
            }
            for invoice in invoices
        ]
        return {
            "partner": partner,
            "currency": currency,
            "lines": lines,
            **{
                key: currency.round(sum(line[key] for line in lines))
                for key in ("amount_total", "amount_paid", "amount_residual")
            },
        }
