# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models


class DunningSend(models.TransientModel):
    _inherit = "dunning.send"

    # The sending service's Maileva channels (see
    # dunning.sending._get_channels).
    use_maileva = fields.Boolean(
        string="Maileva Letter",
        help="One letter per communication, printed and posted by Maileva (La "
        "Poste). At level 3 it goes registered if the company asks for it.",
    )
    use_maileva_registered = fields.Boolean(
        string="Maileva Registered Letter",
        help="One registered letter with acknowledgement of receipt per "
        "communication, posted by Maileva.",
    )

    @api.depends("use_maileva", "use_maileva_registered")
    def _compute_preview(self):
        # EXTENDS 'dunning_levels'
        return super()._compute_preview()
