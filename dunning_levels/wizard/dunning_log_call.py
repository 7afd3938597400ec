# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models

from ..const import ACTION_CALLED, ANSWER_CHANNEL_PHONE, CHANNEL_PHONE, STATE_DRAFT
from ..models.account_move import SETTLED_PAYMENT_STATES


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
    promise_date = fields.Date(
        string="Promised Date",
        help="Records the customer's promise: the invoices are not reminded "
        "until this date, plus the company's grace days.",
    )
    dispute_reason_id = fields.Many2one(
        comodel_name="dunning.dispute.reason",
        help="Records the dispute: the invoices are not reminded until it is resolved.",
    )
    payment_date = fields.Date(default=fields.Date.context_today)
    payment_amount = fields.Monetary(string="Amount Paid", currency_field="currency_id")
    payment_method = fields.Selection(
        selection=lambda self: (
            self.env["dunning.answer"]
            ._fields["payment_method"]
            ._description_selection(self.env)
        ),
        default="transfer",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency", compute="_compute_currency_id"
    )
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

    @api.depends("reminder_ids")
    def _compute_currency_id(self):
        for wizard in self:
            wizard.currency_id = (
                wizard.reminder_ids.currency_id[:1] or self.env.company.currency_id
            )

    @api.onchange("outcome")
    def _onchange_outcome(self):
        if self.outcome == "paid" and not self.payment_amount:
            self.payment_amount = sum(
                self.reminder_ids.move_id.mapped("amount_residual")
            )

    def action_log(self):
        """Record the call in the history; optionally count it as sent.

        A promise, a payment announced or a dispute is recorded as the
        customer's answer (see ``account.move._dunning_promise_to_pay`` and
        its siblings), which pauses the invoices' reminders; refused, nothing
        is logged.
        """
        self.ensure_one()
        self._record_answer()
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

    def _record_answer(self):
        """Record the customer's answer the outcome of the call stands for,
        on the open invoices of the reminders, when its details were given
        (the promised date, the dispute's reason, the amount paid): without
        them the call is only logged, as before answers existed.

        :return: the ``dunning.answer``, or None for the other outcomes
        :raise UserError: when the answer is refused
        """
        moves = self.reminder_ids.move_id.filtered(
            lambda m: m.payment_state not in SETTLED_PAYMENT_STATES
        )
        common = {"message": self.comment, "channel": ANSWER_CHANNEL_PHONE}
        if self.outcome == "promise" and self.promise_date:
            return moves._dunning_promise_to_pay(self.promise_date, **common)
        if self.outcome == "paid" and self.payment_amount:
            return moves._dunning_announce_payment(
                self.payment_date, self.payment_amount, self.payment_method, **common
            )
        if self.outcome == "dispute" and self.dispute_reason_id:
            return moves._dunning_open_dispute(self.dispute_reason_id, **common)
        return None
