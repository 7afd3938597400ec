# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dunning_send_on_job_queue = fields.Boolean(
        related="company_id.dunning_send_on_job_queue",
        readonly=False,
    )
