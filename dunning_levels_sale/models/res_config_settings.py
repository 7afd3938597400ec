# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dunning_sale_block_level = fields.Selection(
        related="company_id.dunning_sale_block_level",
        readonly=False,
    )
