# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import math
import os
import re

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, plaintext2html
from odoo.tools.mimetypes import guess_mimetype

from ..const import (
    ACTION_DISPUTE_OPENED,
    ACTION_PAYMENT_ANNOUNCED,
    ACTION_PROMISE,
    ANSWER_CHANNEL_PORTAL,
    ANSWER_DISPUTE,
    ANSWER_FILE_TYPES,
    ANSWER_PAYMENT,
    ANSWER_PAYMENT_METHODS,
    ANSWER_PROMISE,
    ANSWER_STATE_OPEN,
    MAX_ANSWER_FILE_SIZE,
)
from .account_move import SETTLED_PAYMENT_STATES

# Markup in a customer's message: a tag, a comment or a doctype. A message is
# plain text; a lone "<" ("amount < 100") is not markup.
HTML_MARKUP_RE = re.compile(r"<\s*[a-zA-Z!/?]")


class AccountMove(models.Model):
    """The customers' answers to the reminders of their invoices (promise
    to pay, payment announced, dispute) and the pause of the reminders they
    bring.

    The ``_dunning_*`` answer methods are the one API recording answers:
    the customer page calls them as superuser after checking its token, the
    back office's wizards as the user. They validate everything and store
    nothing when they refuse.
    """

    _inherit = "account.move"

    dunning_answer_ids = fields.Many2many(
        comodel_name="dunning.answer",
        relation="dunning_answer_account_move_rel",
        column1="move_id",
        column2="answer_id",
        string="Customer Answers",
        readonly=True,
        copy=False,
    )
    dunning_pause = fields.Selection(
        selection=[
            (ANSWER_PROMISE, "Promise to Pay"),
            (ANSWER_PAYMENT, "Payment Announced"),
            (ANSWER_DISPUTE, "In Dispute"),
        ],
        string="Reminders Paused",
        compute="_compute_dunning_pause",
        store=True,
        index="btree_not_null",
        help="Why the reminders of the invoice are paused: an open answer of "
        "the customer.",
    )
    dunning_paused_until = fields.Date(
        string="Reminders Paused Until",
        compute="_compute_dunning_pause",
        store=True,
        help="Last day of the pause; empty for a dispute, paused until resolved.",
    )
    dunning_pause_label = fields.Char(
        string="Pause",
        compute="_compute_dunning_pause_label",
        help="Why and until when the reminders of the invoice are paused.",
    )

    @api.depends(
        "dunning_answer_ids.state",
        "dunning_answer_ids.paused_until",
        "payment_state",
    )
    def _compute_dunning_pause(self):
        for move in self:
            answer = move._dunning_get_pausing_answer()
            move.dunning_pause = answer.kind
            move.dunning_paused_until = answer.paused_until

    @api.depends("dunning_pause", "dunning_paused_until")
    def _compute_dunning_pause_label(self):
        for move in self:
            answer = move._dunning_get_pausing_answer()
            move.dunning_pause_label = answer._get_pause_label() if answer else False

    def _dunning_get_pausing_answer(self):
        """Return the open answer pausing this invoice's reminders: a
        dispute first, else the one pausing longest; none once settled.

        :return: ``dunning.answer`` record, possibly empty
        """
        self.ensure_one()
        answers = self.sudo().dunning_answer_ids.filtered(
            lambda a: a.state == ANSWER_STATE_OPEN
        )
        if not answers or self.payment_state in SETTLED_PAYMENT_STATES:
            return answers.browse()
        disputes = answers.filtered(lambda a: a.kind == ANSWER_DISPUTE)
        if disputes:
            return disputes.sorted("id")[-1]
        return answers.sorted(lambda a: (a.paused_until, a.id))[-1]

    def _dunning_is_paused(self, date):
        """Return whether this invoice's reminders are paused on ``date``:
        in dispute, or an answer pausing them until ``date`` or later."""
        self.ensure_one()
        return self.dunning_pause == ANSWER_DISPUTE or bool(
            self.dunning_pause
            and self.dunning_paused_until
            and self.dunning_paused_until >= date
        )

    def _dunning_close_settled(self):
        # EXTENDS 'dunning_levels'
        # A settled invoice ends the answers about it: a promise kept, a
        # payment announced done, a dispute credited or resolved.
        res = super()._dunning_close_settled()
        self.sudo().dunning_answer_ids._close_settled()
        return res

    def action_dunning_record_answer(self):
        """Open the wizard recording a customer's answer about these
        invoices (buttons of the invoice's reminders tab; the kind comes in
        the context, ``default_kind``)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "dunning_levels.dunning_record_answer_action"
        )
        action["context"] = {
            **self.env.context,
            "active_model": self._name,
            "active_ids": self.ids,
        }
        return action

    # ------------------------------------------------------------
    # ANSWERS (API of the customer page and the back office)
    # ------------------------------------------------------------

    def _dunning_promise_to_pay(self, date, message=None, channel=None, author=None):
        """Record the customer's promise to pay these invoices by ``date``.

        Their reminders pause until ``date`` plus the company's grace days;
        if they are still unpaid then, the promise is broken and the
        reminders resume at the next level (see
        ``dunning.answer._expire_answers``).

        :param date: ``date`` or ISO string, from today to the company's
            maximum promise horizon
        :param str message: what the customer wrote, plain text
        :param str channel: ``portal`` (default), ``phone`` or ``office``
        :param author: ``res.partner`` who answered (default: the user's)
        :return: the ``dunning.answer``, the open one already recorded when
            the same promise is submitted again
        :raise UserError: on an invalid answer; nothing is stored
        """
        company = self._dunning_check_answerable()
        date = self._dunning_parse_date(date)
        today = fields.Date.context_today(self)
        max_date = fields.Date.add(today, days=company.dunning_promise_max_days)
        if date < today:
            raise UserError(self.env._("The promised date cannot be in the past."))
        if date > max_date:
            raise UserError(
                self.env._(
                    "The promised date cannot be later than %(date)s "
                    "(%(days)s days from today).",
                    date=format_date(self.env, max_date),
                    days=company.dunning_promise_max_days,
                )
            )
        message = self._dunning_check_answer_message(message)
        return self._dunning_record_answer(
            {
                "kind": ANSWER_PROMISE,
                "date_promised": date,
                "paused_until": fields.Date.add(
                    date, days=company.dunning_promise_grace_days
                ),
                "message": message,
            },
            match=[("date_promised", "=", date)],
            action=ACTION_PROMISE,
            channel=channel,
            author=author,
        )

    def _dunning_announce_payment(
        self,
        payment_date,
        amount,
        method,
        message=None,
        files=None,
        channel=None,
        author=None,
    ):
        """Record that the customer says it paid these invoices.

        Their reminders pause for the company's pause days; the responsible
        accountant gets a to-do with the proof.

        :param payment_date: ``date`` or ISO string, today at the latest
        :param amount: amount paid, in the invoices' currency, above zero
        :param str method: ``transfer``, ``check``, ``card``, ``cash`` or
            ``other``
        :param list files: ``[(file name, raw bytes)]``, PDF, PNG or JPEG
        :return: the ``dunning.answer`` (see :meth:`_dunning_promise_to_pay`)
        :raise UserError: on an invalid answer; nothing is stored
        """
        company = self._dunning_check_answerable()
        payment_date = self._dunning_parse_date(payment_date)
        today = fields.Date.context_today(self)
        if payment_date > today:
            raise UserError(self.env._("The payment date cannot be in the future."))
        try:
            amount = float(amount)
        except (TypeError, ValueError):
            amount = math.nan
        currency = self.currency_id
        if len(currency) != 1:
            raise UserError(
                self.env._("Announce the payment of invoices of one currency at once.")
            )
        if not math.isfinite(amount) or currency.compare_amounts(amount, 0) <= 0:
            raise UserError(self.env._("The amount paid must be a number above zero."))
        if method not in ANSWER_PAYMENT_METHODS:
            raise UserError(self.env._("Choose how the invoices were paid."))
        message = self._dunning_check_answer_message(message)
        files = self._dunning_check_answer_files(files)
        amount = currency.round(amount)
        answer = self._dunning_record_answer(
            {
                "kind": ANSWER_PAYMENT,
                "payment_date": payment_date,
                "amount": amount,
                "currency_id": currency.id,
                "payment_method": method,
                "paused_until": fields.Date.add(
                    today, days=company.dunning_payment_pause_days
                ),
                "message": message,
            },
            match=[
                ("payment_date", "=", payment_date),
                ("amount", "=", amount),
                ("payment_method", "=", method),
            ],
            action=ACTION_PAYMENT_ANNOUNCED,
            channel=channel,
            author=author,
            files=files,
            activity=self.env._("Payment announced: check the bank account"),
        )
        return answer

    def _dunning_open_dispute(
        self, reason, message=None, files=None, channel=None, author=None
    ):
        """Record that the customer disputes these invoices for ``reason``.

        No reminder is generated or sent for them until an accountant
        resolves the dispute, or a credit note settles the invoices. The
        invoices' salesperson gets a to-do, else the responsible accountant.

        :param reason: ``dunning.dispute.reason`` record
        :param list files: ``[(file name, raw bytes)]``, PDF, PNG or JPEG
        :return: the ``dunning.answer`` (see :meth:`_dunning_promise_to_pay`)
        :raise UserError: on an invalid answer; nothing is stored
        """
        company = self._dunning_check_answerable()
        reason = reason.exists() if reason else reason
        if (
            not reason
            or len(reason) != 1
            or reason._name != "dunning.dispute.reason"
            or not reason.sudo().active
            or reason.sudo().company_id not in (company, company.browse())
        ):
            raise UserError(self.env._("Choose the reason of the dispute."))
        message = self._dunning_check_answer_message(message)
        files = self._dunning_check_answer_files(files)
        salespeople = self.invoice_user_id.filtered(
            lambda u: u.active and not u.share and company in u.company_ids
        )
        return self._dunning_record_answer(
            {"kind": ANSWER_DISPUTE, "reason_id": reason.id, "message": message},
            match=[("reason_id", "=", reason.id)],
            action=ACTION_DISPUTE_OPENED,
            channel=channel,
            author=author,
            files=files,
            activity=self.env._("Invoice disputed: %(reason)s", reason=reason.name),
            activity_users=salespeople,
        )

    # ------------------------------------------------------------
    # ANSWERS: VALIDATION
    # ------------------------------------------------------------

    def _dunning_check_answerable(self):
        """Check that these invoices may be answered together: open customer
        invoices that may be reminded (see :meth:`_get_dunning_eligible_domain`),
        of one customer in one company.

        :return: their ``res.company``
        :raise UserError: otherwise
        """
        if not self:
            raise UserError(self.env._("Choose at least one invoice."))
        # The customer page checks its token, then calls as superuser; a
        # user of the back office answers for the invoices it may edit.
        if not self.env.su:
            self.check_access("write")
        moves = self.sudo()
        if len(moves.company_id) != 1:
            raise UserError(
                self.env._("Answer for the invoices of one company at a time.")
            )
        if len(moves.commercial_partner_id) != 1:
            raise UserError(
                self.env._("Answer for the invoices of one customer at a time.")
            )
        company = moves.company_id
        eligible = moves.filtered_domain(self._get_dunning_eligible_domain(company))
        if eligible != moves:
            raise UserError(
                self.env._(
                    "These invoices cannot be answered: %(invoices)s are not "
                    "open customer invoices to remind.",
                    invoices=", ".join(
                        (moves - eligible).mapped(lambda m: m.name or "")
                    ),
                )
            )
        return company

    @api.model
    def _dunning_parse_date(self, value):
        try:
            date = fields.Date.to_date(value)
        except (TypeError, ValueError):
            date = None
        if not date:
            raise UserError(self.env._("Give a valid date."))
        return date

    @api.model
    def _dunning_check_answer_message(self, message):
        """Return the customer's ``message`` trimmed, plain text.

        :raise UserError: when it holds HTML markup
        """
        message = (message or "").strip()
        if HTML_MARKUP_RE.search(message):
            raise UserError(
                self.env._("Write your message as plain text, without HTML tags.")
            )
        return message or False

    @api.model
    def _dunning_check_answer_files(self, files):
        """Check the files a customer attaches to an answer: each at most
        ``MAX_ANSWER_FILE_SIZE``, a PDF, PNG or JPEG by its content and its
        name alike.

        :param list files: ``[(file name, raw bytes)]``
        :return: the same list, names stripped of any path
        :raise UserError: for the first file refused
        """
        checked = []
        for name, raw in files or []:
            name = os.path.basename((name or "").replace("\\", "/")).strip()
            if not name or not isinstance(raw, bytes) or not raw:
                raise UserError(self.env._("A file is empty or has no name."))
            if len(raw) > MAX_ANSWER_FILE_SIZE:
                raise UserError(
                    self.env._(
                        "%(file)s is too large: %(size)s MB at most.",
                        file=name,
                        size=MAX_ANSWER_FILE_SIZE // (1024 * 1024),
                    )
                )
            extensions = ANSWER_FILE_TYPES.get(guess_mimetype(raw))
            if not extensions or os.path.splitext(name)[1].lower() not in extensions:
                raise UserError(
                    self.env._(
                        "%(file)s is not accepted: attach a PDF, PNG or JPEG file.",
                        file=name,
                    )
                )
            checked.append((name, raw))
        return checked

    # ------------------------------------------------------------
    # ANSWERS: RECORDING
    # ------------------------------------------------------------

    def _dunning_record_answer(
        self,
        vals,
        match,
        action,
        channel=None,
        author=None,
        files=None,
        activity=None,
        activity_users=None,
    ):
        """Create the answer of ``vals`` on these checked invoices, or return
        the open one already recorded with the same kind, invoices and
        ``match`` terms (a form submitted twice).

        Each invoice gets a chatter note with what the customer wrote and
        the files, and a history line; ``activity``, when given, is the
        summary of a to-do for ``activity_users``, else the company's
        responsible accountant.

        :return: the ``dunning.answer``
        """
        answers = self.env["dunning.answer"].sudo()
        moves = self.sudo()
        company = moves.company_id
        for answer in answers.search(
            [
                ("company_id", "=", company.id),
                ("partner_id", "=", moves.commercial_partner_id.id),
                ("kind", "=", vals["kind"]),
                ("state", "=", ANSWER_STATE_OPEN),
                *match,
            ]
        ):
            if answer.move_ids == moves:
                return answer.with_env(self.env)
        author = author or self.env.user.partner_id
        answer = answers.create(
            {
                **vals,
                "company_id": company.id,
                "partner_id": moves.commercial_partner_id.id,
                "move_ids": [fields.Command.set(moves.ids)],
                "channel": channel or ANSWER_CHANNEL_PORTAL,
                "author_id": author.id,
            }
        )
        if files:
            answer.attachment_ids = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {
                            "name": name,
                            "raw": raw,
                            "res_model": answer._name,
                            "res_id": answer.id,
                        }
                        for name, raw in files
                    ]
                )
            )
        note = answer._get_history_note()
        moves._dunning_log_answer(answer, action, note, files=files)
        if activity:
            users = activity_users or company._dunning_get_responsible()
            answer._schedule_activity(users, activity)
        return answer.with_env(self.env)

    def _dunning_log_answer(self, answer, action, note, files=None):
        """Write ``answer`` in these invoices' history (``action``) and post
        it in their chatter, in the name of who answered, with a copy of its
        ``files`` (``[(file name, raw bytes)]``) on each invoice."""
        history = self.env["dunning.history"].sudo()
        labels = dict(history._fields["action"]._description_selection(self.env))
        body = Markup("<p>{}</p>{}").format(
            note,
            plaintext2html(answer.message) if answer.message else "",
        )
        for move in self:
            history.create(
                {
                    "move_id": move.id,
                    "action": action,
                    "level": move.dunning_level,
                    "note": note,
                    "channel": answer._get_history_channel(),
                }
            )
            move.message_post(
                body=body,
                subject=labels[action],
                author_id=answer.author_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                attachments=files or [],
            )
