# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The invoice claiming the late-payment penalties and the recovery indemnity
of late invoices."""

from odoo import Command, fields, models
from odoo.exceptions import UserError

from ..const import ACTION_PENALTY_INVOICED


class AccountMove(models.Model):
    _inherit = "account.move"

    # ------------------------------------------------------------
    # PENALTY INVOICE
    # ------------------------------------------------------------

    def _dunning_fr_prepare_penalty_line_vals(self, values):
        """Return the invoice line values claiming this invoice's penalties
        and indemnity.

        TO OVERRIDE to change the lines (analytic, labels).

        :param dict values: see :meth:`_dunning_fr_get_penalty_values`
        :return: list of ``Command.create`` values
        """
        self.ensure_one()
        company = self.company_id
        lines = []
        if values["penalty"]:
            lines.append(
                Command.create(
                    {
                        "product_id": company._dunning_fr_get_penalty_product().id,
                        "name": self.env._(
                            "Late-payment penalties on invoice %(invoice)s "
                            "(%(days)s days late, article L441-10 C. com.)",
                            invoice=self.name,
                            days=values["days_late"],
                        ),
                        "quantity": 1,
                        "price_unit": values["penalty"],
                        "tax_ids": [Command.clear()],
                    }
                )
            )
        if values["indemnity"]:
            lines.append(
                Command.create(
                    {
                        "product_id": company._dunning_fr_get_indemnity_product().id,
                        "name": self.env._(
                            "Fixed recovery indemnity on invoice %(invoice)s "
                            "(article D441-5 C. com.)",
                            invoice=self.name,
                        ),
                        "quantity": 1,
                        "price_unit": values["indemnity"],
                        "tax_ids": [Command.clear()],
                    }
                )
            )
        return lines

    def _dunning_fr_get_penalty_claims(self, date):
        """Return what is to be claimed on these invoices on ``date``, by
        penalty invoice to create.

        Only posted customer invoices count, and not those already claimed by
        a penalty invoice that is not cancelled.

        :param date: computation date
        :return: dict ``(customer, company, currency)`` -> list of
            ``(invoice, line values)``, invoices by due date
        """
        invoices = self.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state == "posted"
                and (
                    not m.dunning_fr_penalty_move_id
                    or m.dunning_fr_penalty_move_id.state == "cancel"
                )
            )
        )
        claims = {}
        for invoice in invoices.sorted(lambda m: (m.invoice_date_due, m.id)):
            values = invoice._dunning_fr_get_penalty_values(date)
            line_vals = invoice._dunning_fr_prepare_penalty_line_vals(values)
            if line_vals:
                key = (
                    invoice.commercial_partner_id,
                    invoice.company_id,
                    invoice.currency_id,
                )
                claims.setdefault(key, []).append((invoice, line_vals))
        return claims

    def _dunning_fr_create_penalty_move(self, partner, company, currency, items):
        """Create the draft penalty invoice of ``items`` and link the claimed
        invoices to it, in their history too.

        :param items: list of ``(invoice, line values)`` of one customer,
            company and currency
        :return: the penalty invoice
        """
        penalty_move = self.with_company(company).create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "currency_id": currency.id,
                "invoice_origin": ", ".join(inv.name for inv, __ in items),
                "invoice_line_ids": [vals for __, lines in items for vals in lines],
            }
        )
        claimed = self.browse([inv.id for inv, __ in items])
        claimed.dunning_fr_penalty_move_id = penalty_move
        claimed._dunning_log_history(
            ACTION_PENALTY_INVOICED,
            note=self.env._(
                "Penalties and indemnity claimed by draft invoice %(invoice)s.",
                invoice=penalty_move.display_name,
            ),
        )
        return penalty_move

    def action_dunning_fr_create_penalty_invoice(self):
        """Create draft invoices claiming the penalties and indemnity of these
        late invoices, one per customer and currency.

        Usable before or after the principal is paid; an invoice already
        claimed (penalty invoice not cancelled) is skipped. The history of
        each invoice records it.

        :return: action opening the draft invoices
        :raise UserError: when nothing is to be claimed
        """
        claims = self._dunning_fr_get_penalty_claims(fields.Date.context_today(self))
        if not claims:
            raise UserError(
                self.env._(
                    "There are no late-payment penalties or indemnity to invoice on "
                    "the selected invoices (not late, consumer customer without "
                    "formal notice, or already invoiced)."
                )
            )
        penalty_moves = self.browse()
        for (partner, company, currency), items in claims.items():
            penalty_moves |= self._dunning_fr_create_penalty_move(
                partner, company, currency, items
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", penalty_moves.ids)]
        if len(penalty_moves) == 1:
            action.update(
                res_id=penalty_moves.id, view_mode="form", views=[(False, "form")]
            )
        return action
