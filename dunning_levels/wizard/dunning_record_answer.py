# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models

from ..const import (
    ANSWER_CHANNEL_OFFICE,
    ANSWER_CHANNEL_PHONE,
    ANSWER_DISPUTE,
    ANSWER_PAYMENT,
    ANSWER_PROMISE,
)


class DunningRecordAnswer(models.TransientModel):
    """Record a customer's answer received by phone, mail or letter: a
    promise to pay, a payment announced or a dispute, on invoices of one
    customer (invoice form, invoice list). Validated and stored by the
    invoices' answer API, as the customer page's answers."""

    _name = "dunning.record.answer"
    _description = "Record a Customer Answer"

    move_ids = fields.Many2many(
        comodel_name="account.move",
        string="Invoices",
        required=True,
        domain=[("move_type", "=", "out_invoice"), ("state", "=", "posted")],
    )
    kind = fields.Selection(
        selection=[
            (ANSWER_PROMISE, "Promise to Pay"),
            (ANSWER_PAYMENT, "Payment Announced"),
            (ANSWER_DISPUTE, "Dispute"),
        ],
        required=True,
        default=ANSWER_PROMISE,
    )
    channel = fields.Selection(
        selection=[
            (ANSWER_CHANNEL_OFFICE, "Back Office"),
            (ANSWER_CHANNEL_PHONE, "Phone"),
        ],
        required=True,
        default=ANSWER_CHANNEL_OFFICE,
    )
    date_promised = fields.Date(string="Promised Date")
    payment_date = fields.Date(default=fields.Date.context_today)
    amount = fields.Monetary(currency_field="currency_id")
    currency_id = fields.Many2one(
        comodel_name="res.currency", compute="_compute_currency_id"
    )
    payment_method = fields.Selection(
        selection=lambda self: (
            self.env["dunning.answer"]
            ._fields["payment_method"]
            ._description_selection(self.env)
        ),
        default="transfer",
    )
    reason_id = fields.Many2one(
        comodel_name="dunning.dispute.reason", string="Dispute Reason"
    )
    message = fields.Text(help="What the customer said.")

    @api.model
    def default_get(self, fields_list):
        # EXTENDS 'base'
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "account.move":
            moves = self.env["account.move"].browse(
                self.env.context.get("active_ids") or []
            )
            values["move_ids"] = [fields.Command.set(moves.ids)]
            values["amount"] = sum(moves.mapped("amount_residual"))
        return values

    @api.depends("move_ids")
    def _compute_currency_id(self):
        for wizard in self:
            wizard.currency_id = (
                wizard.move_ids.currency_id[:1] or self.env.company.currency_id
            )

    def action_record(self):
        """Record the answer (see ``account.move._dunning_promise_to_pay``
        and its siblings) and open it."""
        self.ensure_one()
        answer = self._record_answer()
        return {
            "type": "ir.actions.act_window",
            "res_model": answer._name,
            "res_id": answer.id,
            "view_mode": "form",
        }

    def _record_answer(self):
        """Record the answer of this wizard through the invoices' API.

        :return: the ``dunning.answer``
        :raise UserError: when the API refuses it
        """
        moves = self.move_ids
        common = {"message": self.message, "channel": self.channel}
        if self.kind == ANSWER_PROMISE:
            return moves._dunning_promise_to_pay(self.date_promised, **common)
        if self.kind == ANSWER_PAYMENT:
            return moves._dunning_announce_payment(
                self.payment_date, self.amount, self.payment_method, **common
            )
        return moves._dunning_open_dispute(self.reason_id, **common)
