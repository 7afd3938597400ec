# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models


class DunningHistory(models.Model):
    _inherit = "dunning.history"

    action = fields.Selection(
        selection_add=[
            ("penalty_invoiced", "Penalties invoiced"),
            ("recovery_file", "Recovery file built"),
        ],
        # The uninstall hook keeps these lines (as "other", the action in
        # their note); "set other" only catches what it would have missed.
        ondelete={"penalty_invoiced": "set other", "recovery_file": "set other"},
    )
