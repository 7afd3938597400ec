# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dunning_fr_contract_rate = fields.Float(
        related="company_id.dunning_fr_contract_rate", readonly=False
    )
    dunning_fr_indemnity_amount = fields.Monetary(
        related="company_id.dunning_fr_indemnity_amount",
        currency_field="currency_id",
        readonly=False,
    )
    dunning_fr_prescription_months = fields.Integer(
        related="company_id.dunning_fr_prescription_months", readonly=False
    )
    dunning_fr_penalty_product_id = fields.Many2one(
        related="company_id.dunning_fr_penalty_product_id", readonly=False
    )
    dunning_fr_indemnity_product_id = fields.Many2one(
        related="company_id.dunning_fr_indemnity_product_id", readonly=False
    )
