# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""French fields of invoices, and their limitation period.

The other French responsibilities of ``account.move`` live in their own
files: the late-payment penalties (``account_move_penalty.py``), the legal
mentions of the communications (``account_move_mentions.py``), the penalty
invoice (``account_move_penalty_invoice.py``) and the recovery file
(``account_move_recovery.py``).
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# Limitation periods: 5 years between professionals (L110-4 C. com.), 2 years
# against consumers (L218-2 C. conso.).
PRESCRIPTION_YEARS = {True: 5, False: 2}


class AccountMove(models.Model):
    _inherit = "account.move"

    dunning_fr_penalty_move_id = fields.Many2one(
        comodel_name="account.move",
        string="Penalty Invoice",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Invoice claiming the late-payment penalties and the recovery "
        "indemnity of this invoice.",
    )
    dunning_fr_prescription_date = fields.Date(
        string="Prescription Date",
        compute="_compute_dunning_fr_prescription",
        help="Day the limitation period of this invoice ends: 5 years after its "
        "due date against a professional, 2 years against a consumer. A formal "
        "notice does not interrupt it; a court action does.",
    )
    dunning_fr_prescription_soon = fields.Boolean(
        string="Prescription Soon",
        compute="_compute_dunning_fr_prescription",
        search="_search_dunning_fr_prescription_soon",
        help="Unpaid invoice whose limitation period ends within the warning "
        "period set on the company.",
    )

    # ------------------------------------------------------------
    # CUSTOMER TYPE
    # ------------------------------------------------------------

    def _dunning_fr_is_b2b(self):
        """Return whether the invoice's customer is a professional."""
        self.ensure_one()
        return self.commercial_partner_id._dunning_fr_is_b2b()

    # ------------------------------------------------------------
    # PRESCRIPTION
    # ------------------------------------------------------------

    @api.depends(
        "invoice_date_due",
        "amount_residual",
        "commercial_partner_id.dunning_fr_customer_type",
        "commercial_partner_id.is_company",
        "commercial_partner_id.vat",
    )
    def _compute_dunning_fr_prescription(self):
        today = fields.Date.context_today(self)
        for move in self:
            # A new invoice has a due date before it has a customer: without
            # one, nothing tells which limitation period applies.
            if (
                move.move_type != "out_invoice"
                or not move.invoice_date_due
                or not move.commercial_partner_id
            ):
                move.dunning_fr_prescription_date = False
                move.dunning_fr_prescription_soon = False
                continue
            years = PRESCRIPTION_YEARS[move._dunning_fr_is_b2b()]
            prescription = move.invoice_date_due + relativedelta(years=years)
            warning = today + relativedelta(
                months=move.company_id.dunning_fr_prescription_months
            )
            move.dunning_fr_prescription_date = prescription
            move.dunning_fr_prescription_soon = bool(
                move.state == "posted"
                and not move.currency_id.is_zero(move.amount_residual)
                and prescription <= warning
            )

    def _search_dunning_fr_prescription_soon(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        today = fields.Date.context_today(self)
        warning = today + relativedelta(
            months=self.env.company.dunning_fr_prescription_months
        )
        domain = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            "|",
            "&",
            ("commercial_partner_id.dunning_fr_is_b2b", "=", True),
            (
                "invoice_date_due",
                "<=",
                warning - relativedelta(years=PRESCRIPTION_YEARS[True]),
            ),
            "&",
            ("commercial_partner_id.dunning_fr_is_b2b", "=", False),
            (
                "invoice_date_due",
                "<=",
                warning - relativedelta(years=PRESCRIPTION_YEARS[False]),
            ),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", *domain]
