# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The contractual rate may not be lower than this many times the legal
# interest rate (art. L441-10 C. com.).
LEGAL_RATE_FLOOR_FACTOR = 3


class ResCompany(models.Model):
    _inherit = "res.company"

    dunning_fr_contract_rate = fields.Float(
        string="Contractual Penalty Rate (%)",
        digits=(16, 2),
        help="Late-payment penalty rate set by your terms and conditions. Leave "
        "at 0 to apply the statutory rate (ECB rate + 10 points). It may not be "
        "below three times the legal interest rate.",
    )
    dunning_fr_indemnity_amount = fields.Monetary(
        string="Recovery Indemnity",
        currency_field="currency_id",
        default=40.0,
        help="Fixed indemnity for recovery costs per late invoice, owed by "
        "professional customers (art. L441-10 and D441-5 C. com.).",
    )
    dunning_fr_prescription_months = fields.Integer(
        string="Prescription Warning",
        default=6,
        help="Flag unpaid invoices this many months before their limitation "
        "period ends (5 years against professionals, 2 years against consumers).",
    )
    dunning_fr_penalty_product_id = fields.Many2one(
        comodel_name="product.product",
        string="Penalty Product",
        check_company=True,
        help="Product of the late-payment penalty lines of penalty invoices.",
    )
    dunning_fr_indemnity_product_id = fields.Many2one(
        comodel_name="product.product",
        string="Indemnity Product",
        check_company=True,
        help="Product of the recovery indemnity lines of penalty invoices.",
    )

    @api.constrains("dunning_fr_contract_rate")
    def _check_dunning_fr_contract_rate(self):
        today = fields.Date.context_today(self)
        legal_rate = self.env["dunning.rate"]._get_legal_rate(today)
        for company in self:
            rate = company.dunning_fr_contract_rate
            if rate < 0:
                raise ValidationError(
                    self.env._("The contractual penalty rate cannot be negative.")
                )
            if rate and legal_rate is not None:
                floor = LEGAL_RATE_FLOOR_FACTOR * legal_rate
                if rate < floor:
                    raise ValidationError(
                        self.env._(
                            "The contractual penalty rate (%(rate)s%%) cannot be "
                            "lower than three times the legal interest rate "
                            "(3 x %(legal)s%% = %(floor)s%%, article L441-10 of "
                            "the Code de commerce). Set at least %(floor)s%%, or "
                            "0 to apply the statutory rate.",
                            rate=round(rate, 2),
                            legal=round(legal_rate, 2),
                            floor=round(floor, 2),
                        )
                    )

    def _dunning_fr_get_penalty_product(self):
        """Return the product of penalty lines (configured, else the default)."""
        self.ensure_one()
        return self.dunning_fr_penalty_product_id or self.env.ref(
            "dunning_levels_fr.product_late_payment_penalty"
        )

    def _dunning_fr_get_indemnity_product(self):
        """Return the product of indemnity lines (configured, else the default)."""
        self.ensure_one()
        return self.dunning_fr_indemnity_product_id or self.env.ref(
            "dunning_levels_fr.product_recovery_indemnity"
        )
