# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models


class DunningSend(models.TransientModel):
    _inherit = "dunning.send"

    # The sending service's "sms" channel (see dunning.sending._get_channels).
    use_sms = fields.Boolean(
        string="SMS",
        compute="_compute_use_channels",
        store=True,
        readonly=False,
        help="One SMS per communication, sent through Odoo's SMS queue. The "
        "reminders are marked as sent once the SMS provider accepted it.",
    )

    @api.depends("use_sms")
    def _compute_preview(self):
        # EXTENDS 'dunning_levels'
        return super()._compute_preview()
