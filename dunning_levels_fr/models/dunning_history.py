# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models

from ..const import ACTION_PENALTY_INVOICED, ACTION_RECOVERY_FILE, FR_ACTIONS


class DunningHistory(models.Model):
    _inherit = "dunning.history"

    action = fields.Selection(
        selection_add=[
            (ACTION_PENALTY_INVOICED, "Penalties invoiced"),
            (ACTION_RECOVERY_FILE, "Recovery file built"),
        ],
        # The uninstall hook keeps these lines (as "other", the action in
        # their note); "set other" only catches what it would have missed.
        ondelete=dict.fromkeys(FR_ACTIONS, "set other"),
    )
