# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models
from odoo.exceptions import AccessError


class AccountMove(models.Model):
    _inherit = "account.move"

    maileva_sending_ids = fields.Many2many(
        comodel_name="maileva.sending",
        relation="account_move_maileva_sending_rel",
        column1="move_id",
        column2="sending_id",
        string="Maileva Sendings",
        readonly=True,
        copy=False,
    )
    maileva_sending_count = fields.Integer(compute="_compute_maileva_sending_count")

    def _compute_maileva_sending_count(self):
        for move in self:
            move.maileva_sending_count = len(move.maileva_sending_ids)

    def write(self, vals):
        # EXTENDS 'account'
        if "maileva_sending_ids" in vals and not self.env.su:
            # The letters of a record are linked by their sending only: an
            # unlinked letter still on its way would let a second one go.
            raise AccessError(
                self.env._("The Maileva letters are linked by their sending only.")
            )
        return super().write(vals)

    def action_open_maileva_sendings(self):
        """Open the Maileva sendings of these invoices."""
        return self.maileva_sending_ids._get_action()
