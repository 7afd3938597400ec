# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models

from ..const import ACTION_CALLED, CHANNEL_PHONE, STATE_DRAFT


class DunningLogCall(models.TransientModel):
    _name = "dunning.log.call"
    _description = "Log a Payment Reminder Call"

    reminder_ids = fields.Many2many(
        comodel_name="dunning.reminder", string="Reminders", required=True
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        compute="_compute_partner_id",
    )
    partner_phone = fields.Char(related="partner_id.phone")
    partner_mobile = fields.Char(related="partner_id.mobile")
    outcome = fields.Selection(
        selection=[
            ("promise", "Promised to pay"),
            ("paid", "Says it is paid"),
            ("dispute", "Disputes the invoice"),
            ("reached", "Reached, no commitment"),
            ("no_answer", "No answer"),
            ("voicemail", "Left a voicemail"),
            ("wrong_number", "Wrong number"),
        ],
        required=True,
    )
    comment = fields.Text(help="What the customer said.")
    update_level = fields.Boolean(
        string="Counts as the Reminder (mark as sent)",
        help="The call replaces the reminder to send: its level and today's date "
        "are set on the invoices.",
    )

    @api.model
    def default_get(self, fields_list):
        # EXTENDS 'base'
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "dunning.reminder":
            reminders = self.env["dunning.reminder"].browse(
                self.env.context.get("active_ids") or []
            )
            # A call is about the customer: all its reminders still to send.
            if len(reminders.partner_id) == 1:
                reminders |= reminders.search(
                    [
                        ("partner_id", "=", reminders.partner_id.id),
                        ("company_id", "in", reminders.company_id.ids),
                        ("state", "=", STATE_DRAFT),
                    ]
                )
            values["reminder_ids"] = [fields.Command.set(reminders.ids)]
        return values

    @api.depends("reminder_ids")
    def _compute_partner_id(self):
        for wizard in self:
            wizard.partner_id = wizard.reminder_ids.partner_id[:1]

    def action_log(self):
        """Record the call in the history; optionally count it as sent."""
        self.ensure_one()
        outcome = dict(self._fields["outcome"]._description_selection(self.env))[
            self.outcome
        ]
        note = f"{outcome}. {self.comment}" if self.comment else outcome
        self.reminder_ids._log_history(ACTION_CALLED, note=note, channel=CHANNEL_PHONE)
        if self.update_level:
            self.reminder_ids._mark_sent(CHANNEL_PHONE)
        for move in self.reminder_ids.move_id:
            move._message_log(
                body=self.env._("Payment reminder call: %(note)s", note=note)
            )
        return {"type": "ir.actions.act_window_close"}
