# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dunning_min_interval_days = fields.Integer(
        related="company_id.dunning_min_interval_days",
        readonly=False,
    )
    dunning_min_amount = fields.Monetary(
        related="company_id.dunning_min_amount",
        readonly=False,
        currency_field="currency_id",
    )
    dunning_send_background_threshold = fields.Integer(
        related="company_id.dunning_send_background_threshold",
        readonly=False,
    )
