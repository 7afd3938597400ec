# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, formatLang, plaintext2html

from ..const import (
    ACTION_DISPUTE_CREDITED,
    ACTION_DISPUTE_RESOLVED,
    ACTION_PAYMENT_EXPIRED,
    ACTION_PROMISE_BROKEN,
    ACTION_PROMISE_KEPT,
    ANSWER_CHANNEL_OFFICE,
    ANSWER_CHANNEL_PHONE,
    ANSWER_CHANNEL_PORTAL,
    ANSWER_DISPUTE,
    ANSWER_PAYMENT,
    ANSWER_PROMISE,
    ANSWER_STATE_BROKEN,
    ANSWER_STATE_CREDITED,
    ANSWER_STATE_DONE,
    ANSWER_STATE_EXPIRED,
    ANSWER_STATE_KEPT,
    ANSWER_STATE_OPEN,
    ANSWER_STATE_RESOLVED,
    CHANNEL_PHONE,
)
from .account_move import SETTLED_PAYMENT_STATES

# What a promise or an announced payment becomes when its invoices are
# settled, and when its pause ends with an invoice still unpaid; and the
# history line written then.
SETTLED_OUTCOMES = {
    ANSWER_PROMISE: (ANSWER_STATE_KEPT, ACTION_PROMISE_KEPT),
    ANSWER_PAYMENT: (ANSWER_STATE_DONE, None),
    ANSWER_DISPUTE: (ANSWER_STATE_RESOLVED, ACTION_DISPUTE_RESOLVED),
}
EXPIRED_OUTCOMES = {
    ANSWER_PROMISE: (ANSWER_STATE_BROKEN, ACTION_PROMISE_BROKEN),
    ANSWER_PAYMENT: (ANSWER_STATE_EXPIRED, ACTION_PAYMENT_EXPIRED),
}


class DunningAnswer(models.Model):
    """A customer's answer to its payment reminders about one or several
    invoices: a promise to pay by a date, a payment announced, or a dispute.

    While open, it pauses the reminders of its invoices (see
    ``account.move.dunning_pause``): a promise until its date plus the
    company's grace days, a payment announced for the company's pause days,
    a dispute until an accountant resolves it or credits the invoice.

    Answers are recorded through the invoices' API
    (``account.move._dunning_promise_to_pay``,
    ``_dunning_announce_payment``, ``_dunning_open_dispute``), which
    validates them; never created directly.
    """

    _name = "dunning.answer"
    _description = "Customer Answer"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    kind = fields.Selection(
        selection=[
            (ANSWER_PROMISE, "Promise to Pay"),
            (ANSWER_PAYMENT, "Payment Announced"),
            (ANSWER_DISPUTE, "Dispute"),
        ],
        required=True,
        readonly=True,
    )
    state = fields.Selection(
        selection=[
            (ANSWER_STATE_OPEN, "Open"),
            (ANSWER_STATE_KEPT, "Kept"),
            (ANSWER_STATE_BROKEN, "Broken"),
            (ANSWER_STATE_RESOLVED, "Resolved"),
            (ANSWER_STATE_CREDITED, "Credited"),
            (ANSWER_STATE_DONE, "Paid"),
            (ANSWER_STATE_EXPIRED, "Expired"),
        ],
        required=True,
        readonly=True,
        default=ANSWER_STATE_OPEN,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        readonly=True,
        index=True,
        check_company=True,
    )
    move_ids = fields.Many2many(
        comodel_name="account.move",
        relation="dunning_answer_account_move_rel",
        column1="answer_id",
        column2="move_id",
        string="Invoices",
        required=True,
        readonly=True,
        check_company=True,
    )
    channel = fields.Selection(
        selection=[
            (ANSWER_CHANNEL_PORTAL, "Customer Page"),
            (ANSWER_CHANNEL_PHONE, "Phone"),
            (ANSWER_CHANNEL_OFFICE, "Back Office"),
        ],
        required=True,
        readonly=True,
        default=ANSWER_CHANNEL_OFFICE,
    )
    author_id = fields.Many2one(
        comodel_name="res.partner",
        string="Answered By",
        readonly=True,
        help="Who answered: the customer's contact on the customer page, the "
        "accountant who recorded a call or a letter.",
    )
    date_promised = fields.Date(string="Promised Date", readonly=True)
    paused_until = fields.Date(
        string="Reminders Paused Until",
        readonly=True,
        index=True,
        help="Last day the invoices' reminders are paused; empty for a "
        "dispute, paused until it is resolved.",
    )
    payment_date = fields.Date(readonly=True)
    amount = fields.Monetary(readonly=True, currency_field="currency_id")
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    payment_method = fields.Selection(
        selection=[
            ("transfer", "Bank Transfer"),
            ("check", "Check"),
            ("card", "Card"),
            ("cash", "Cash"),
            ("other", "Other"),
        ],
        readonly=True,
    )
    reason_id = fields.Many2one(
        comodel_name="dunning.dispute.reason",
        string="Dispute Reason",
        readonly=True,
        check_company=True,
    )
    message = fields.Text(readonly=True, help="What the customer wrote, as written.")
    attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        relation="dunning_answer_ir_attachment_rel",
        column1="answer_id",
        column2="attachment_id",
        string="Files",
        readonly=True,
    )
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)

    @api.depends("kind", "partner_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for answer in self:
            answer.display_name = self.env._(
                "%(kind)s: %(customer)s",
                kind=kinds.get(answer.kind, ""),
                customer=answer.partner_id.display_name or "",
            )

    # ------------------------------------------------------------
    # LABELS
    # ------------------------------------------------------------

    def _get_pause_label(self):
        """Return why and until when this open answer pauses the reminders,
        as the workspace, the invoice and the sending preview say it:
        "Promise to pay until 12/12/2026".

        TO OVERRIDE for new kinds of answers.
        """
        self.ensure_one()
        if self.kind == ANSWER_DISPUTE:
            return self.env._("In dispute: %(reason)s", reason=self.reason_id.name)
        until = format_date(self.env, self.paused_until)
        if self.kind == ANSWER_PROMISE:
            return self.env._("Promise to pay until %(date)s", date=until)
        return self.env._("Payment announced, paused until %(date)s", date=until)

    def _get_history_note(self):
        """Return how the history and the chatter tell this answer: what,
        through which channel, by whom, and its details.

        TO OVERRIDE for new kinds of answers.
        """
        self.ensure_one()
        channels = dict(self._fields["channel"]._description_selection(self.env))
        if self.kind == ANSWER_PROMISE:
            what = self.env._(
                "Promise to pay on %(date)s",
                date=format_date(self.env, self.date_promised),
            )
        elif self.kind == ANSWER_PAYMENT:
            methods = dict(
                self._fields["payment_method"]._description_selection(self.env)
            )
            what = self.env._(
                "Payment announced: %(amount)s paid on %(date)s by %(method)s",
                amount=formatLang(self.env, self.amount, currency_obj=self.currency_id),
                date=format_date(self.env, self.payment_date),
                method=methods.get(self.payment_method, ""),
            )
        else:
            what = self.env._("Dispute: %(reason)s", reason=self.reason_id.name)
        return self.env._(
            "%(answer)s (%(channel)s, %(author)s)",
            answer=what,
            channel=channels.get(self.channel, ""),
            author=self.author_id.display_name or "",
        )

    def _get_history_channel(self):
        """Return the ``dunning.history.channel`` of this answer's lines: the
        phone for a call, none otherwise."""
        self.ensure_one()
        return CHANNEL_PHONE if self.channel == ANSWER_CHANNEL_PHONE else False

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_resolve(self):
        """Resolve these open disputes: the reminders of their invoices
        resume (button of the answer's form)."""
        disputes = self.filtered(
            lambda a: a.kind == ANSWER_DISPUTE and a.state == ANSWER_STATE_OPEN
        )
        if disputes != self:
            raise UserError(self.env._("Only open disputes can be resolved."))
        disputes._close(ANSWER_STATE_RESOLVED, ACTION_DISPUTE_RESOLVED)
        return True

    def action_open_invoices(self):
        """Open the invoices this answer is about."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", self.move_ids.ids)]
        action["context"] = {"create": False}
        return action

    # ------------------------------------------------------------
    # CLOSING
    # ------------------------------------------------------------

    def _close(self, state, action=None, note=None):
        """Close these answers in ``state``; when ``action`` is given, write
        it in the history of their invoices and post it in their chatter.

        Their invoices' reminders resume with it (see
        ``account.move._compute_dunning_pause``).
        """
        if not self:
            return
        self.sudo().write({"state": state, "date_closed": fields.Date.today()})
        if not action:
            return
        history = self.env["dunning.history"]
        labels = dict(history._fields["action"]._description_selection(self.env))
        for answer in self:
            text = labels[action]
            if note:
                text = f"{text}: {note}"
            answer.move_ids._dunning_log_history(action, note=text)
            for move in answer.move_ids:
                move.sudo()._message_log(body=plaintext2html(text))

    def _close_settled(self):
        """Close the open answers whose invoices are all settled (paid, in
        payment or reversed): a promise is kept, a payment announced done, a
        dispute credited when an invoice was reversed, else resolved."""
        for answer in self.filtered(lambda a: a.state == ANSWER_STATE_OPEN):
            states = set(answer.move_ids.mapped("payment_state"))
            if not states <= set(SETTLED_PAYMENT_STATES):
                continue
            state, action = SETTLED_OUTCOMES[answer.kind]
            if answer.kind == ANSWER_DISPUTE and "reversed" in states:
                state, action = ANSWER_STATE_CREDITED, ACTION_DISPUTE_CREDITED
            answer._close(state, action)

    @api.model
    def _expire_answers(self, company, date):
        """Close the open promises and payments announced of ``company``
        whose pause ended before ``date``: kept (done) when their invoices
        are settled, else broken (expired), written in the history and the
        chatter, and the responsible accountant asked to call the customer
        about a broken promise.

        Called by the generation before it looks for invoices to remind:
        those of a broken promise get their next level the same morning.
        """
        answers = self.sudo().search(
            [
                ("company_id", "=", company.id),
                ("state", "=", ANSWER_STATE_OPEN),
                ("kind", "in", list(EXPIRED_OUTCOMES)),
                ("paused_until", "<", date),
            ]
        )
        answers._close_settled()
        for answer in answers.filtered(lambda a: a.state == ANSWER_STATE_OPEN):
            state, action = EXPIRED_OUTCOMES[answer.kind]
            answer._close(state, action)
            if state == ANSWER_STATE_BROKEN:
                answer._schedule_activity(
                    answer.company_id._dunning_get_responsible(),
                    self.env._("Promise to pay broken: call the customer"),
                )
        return answers

    def _schedule_activity(self, users, summary):
        """Schedule a to-do on this answer for each of ``users`` (none when
        empty), with its files."""
        self.ensure_one()
        for user in users:
            activity = self.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=plaintext2html(self.message) if self.message else "",
                user_id=user.id,
            )
            if self.attachment_ids:
                activity.attachment_ids = self.attachment_ids
