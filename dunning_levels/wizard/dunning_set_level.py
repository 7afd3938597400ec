# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models

from ..const import LEVEL_SELECTION


class DunningSetLevel(models.TransientModel):
    _name = "dunning.set.level"
    _description = "Set Payment Reminder Level"

    move_ids = fields.Many2many(
        comodel_name="account.move",
        string="Invoices",
        required=True,
        domain=[("move_type", "=", "out_invoice"), ("state", "=", "posted")],
    )
    level = fields.Selection(
        selection=[("0", "0 - Never reminded"), *LEVEL_SELECTION],
        string="New Level",
        required=True,
        default="0",
    )
    note = fields.Text(help="Why the level is changed; kept in the history.")

    @api.model
    def default_get(self, fields_list):
        # EXTENDS 'base'
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "account.move":
            moves = self.env["account.move"].browse(
                self.env.context.get("active_ids", [])
            )
            values["move_ids"] = [fields.Command.set(moves.ids)]
            if len(moves) == 1:
                values["level"] = str(moves.dunning_level)
        return values

    def action_apply(self):
        """Set the chosen level on the invoices."""
        self.ensure_one()
        self.move_ids._dunning_set_level(int(self.level), note=self.note)
        return {"type": "ir.actions.act_window_close"}
