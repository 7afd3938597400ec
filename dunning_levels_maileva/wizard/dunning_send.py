# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models

from ..tools.maileva_codes import MAILEVA_CHANNELS


class DunningSend(models.TransientModel):
    _inherit = "dunning.send"

    # The sending service's Maileva channels (see
    # dunning.sending._get_channels).
    use_maileva = fields.Boolean(
        string="Maileva Letter",
        compute="_compute_use_channels",
        store=True,
        readonly=False,
        help="One letter per communication, printed and posted by Maileva (La "
        "Poste). At level 3 it goes registered if the company asks for it.",
    )
    use_maileva_registered = fields.Boolean(
        string="Maileva Registered Letter",
        compute="_compute_use_channels",
        store=True,
        readonly=False,
        help="One registered letter with acknowledgement of receipt per "
        "communication, posted by Maileva.",
    )

    @api.depends("use_maileva", "use_maileva_registered")
    def _compute_preview(self):
        # EXTENDS 'dunning_levels'
        return super()._compute_preview()

    @api.depends("use_maileva", "use_maileva_registered")
    def _compute_show_attach_invoices(self):
        # EXTENDS 'dunning_levels'
        return super()._compute_show_attach_invoices()

    @api.model
    def _get_invoice_copy_channels(self):
        # EXTENDS 'dunning_levels'
        # Maileva posts the same letter as the printed one, copies included.
        return super()._get_invoice_copy_channels() + list(MAILEVA_CHANNELS)
