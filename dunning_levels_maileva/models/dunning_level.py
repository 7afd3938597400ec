# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models

from odoo.addons.dunning_levels.const import FORMAL_NOTICE_LEVEL


class DunningLevel(models.Model):
    _inherit = "dunning.level"

    # The sending service's Maileva channels as default channels of the level
    # (see dunning.level._get_channel_fields).
    send_maileva = fields.Boolean(
        string="Send by Maileva Letter",
        help="The sending wizard offers the letter posted by Maileva for the "
        "reminders of this level. The user may still change the channels of "
        "each sending.",
    )
    send_maileva_registered = fields.Boolean(
        string="Send by Maileva Registered Letter",
        help="The sending wizard offers the registered letter with "
        "acknowledgement of receipt posted by Maileva for the reminders of "
        "this level. The user may still change the channels of each sending.",
    )

    @api.model
    def _prepare_default_level_vals(self, company, level):
        # EXTENDS 'dunning_levels'
        # The formal notice of a new company goes as a registered letter
        # (proof of its sending) instead of a letter to print.
        values = super()._prepare_default_level_vals(company, level)
        if level == FORMAL_NOTICE_LEVEL and values.get("send_letter"):
            values.update(send_letter=False, send_maileva_registered=True)
        return values
