# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import SQL, hmac

from ..const import (
    ACTION_FAILED,
    ACTION_SENT,
    ATTACH_INVOICES_CONTEXT_KEY,
    CHANNEL_EMAIL,
    OBSOLETE_ARCHIVED,
    OBSOLETE_NOT_OVERDUE,
    OBSOLETE_PAID,
    QWEB_COMPILE_CACHE_CONTEXT_KEY,
    STATE_DRAFT,
    STATE_SENT,
)
from ..tools import sort_text
from .account_move import SETTLED_PAYMENT_STATES

# Email state of a reminder for each status of its email notifications (one
# per recipient), the first found winning: one recipient not reached is
# enough for the email to count as failed.
EMAIL_STATUS_PRECEDENCE = (
    ("exception", "exception"),
    ("bounce", "bounce"),
    ("canceled", "canceled"),
    ("ready", "queued"),
    ("process", "queued"),
    ("pending", "queued"),
    ("sent", "sent"),
)
# Email states meaning the customer did not get the email.
EMAIL_FAILED_STATES = ("exception", "bounce", "canceled")
# What is known of the opening of a delivered email (``email_opening``).
EMAIL_OPENED = "opened"
EMAIL_NOT_SEEN = "not_seen"
# Scope of the signature of the email opening image's address.
EMAIL_TRACKING_SCOPE = "dunning_levels-email-opening"


class DunningReminder(models.Model):
    """The helpers of the sending of payment reminders, which the sending
    service (``dunning.sending``) drives: locking, reasons to close instead
    of sending, marking sent, grouping into communications, the email and its
    delivery, the letter and the proofs."""

    _inherit = "dunning.reminder"

    email_opening = fields.Selection(
        selection=[
            (EMAIL_OPENED, "Opened"),
            (EMAIL_NOT_SEEN, "No opening seen"),
        ],
        compute="_compute_email_opening",
        search="_search_email_opening",
        help="Whether the customer opened the reminder's email, as told by an "
        "invisible image in the email, downloaded when it is displayed. "
        "Opened: displayed at least once, see the date. No opening seen: "
        "delivered, and no display reported yet; many email clients block "
        "images until the reader allows them, so the customer may have read "
        "it anyway.",
    )
    email_opened_datetime = fields.Datetime(
        string="Opened On",
        readonly=True,
        copy=False,
        help="When the customer first displayed the reminder's email.",
    )
    email_open_count = fields.Integer(
        string="Openings",
        readonly=True,
        copy=False,
        help="How many times the reminder's email was displayed with its "
        "images, by any of its recipients.",
    )

    # ------------------------------------------------------------
    # STATE AT SENDING TIME
    # ------------------------------------------------------------

    def _lock_for_sending(self):
        """Lock these reminders until the end of the transaction, so that
        two users sending them at the same time do not both send them.

        Waits for a transaction sending them to end; PostgreSQL then refuses
        the lock (the rows changed since this transaction began), Odoo's
        request handling retries the request, and the retry finds them sent
        and sends nothing.
        """
        if not self:
            return
        self.env.cr.execute(
            SQL(
                "SELECT id FROM dunning_reminder WHERE id IN %s FOR NO KEY UPDATE",
                tuple(self.ids),
            ),
            log_exceptions=False,
        )

    def _get_obsolete_reasons(self):
        """Return which of these reminders must not be sent any more, and why.

        Checked at sending time by every channel, in the user's sending as in
        the background: since its generation, the invoice may have been paid
        (possibly while the generation ran), the overdue installment settled,
        or the customer archived.

        TO OVERRIDE to add reasons: call ``super()`` and add entries.

        :return: ``{reminder: reason code}``, codes among
            :meth:`_get_obsolete_reason_labels`
        """
        if not self:
            return {}
        today = fields.Date.context_today(self)
        overdue = self.env["account.move"]._dunning_read_overdue(
            [("id", "in", self.move_id.ids)], today
        )
        reasons = {}
        for reminder in self:
            move = reminder.move_id
            if move.payment_state in SETTLED_PAYMENT_STATES:
                reasons[reminder] = OBSOLETE_PAID
            elif move.id not in overdue:
                reasons[reminder] = OBSOLETE_NOT_OVERDUE
            elif not reminder.partner_id.active:
                reasons[reminder] = OBSOLETE_ARCHIVED
        return reasons

    def _get_obsolete_reason_labels(self):
        """Return the translated text of each reason code of
        :meth:`_get_obsolete_reasons`.

        :return: ``{code: text}``
        """
        return {
            OBSOLETE_PAID: self.env._("The invoice is paid."),
            OBSOLETE_NOT_OVERDUE: self.env._("The invoice is no longer overdue."),
            OBSOLETE_ARCHIVED: self.env._("The customer is archived."),
        }

    def _close_obsolete(self):
        """Close, without sending them, the reminders that must not be sent
        any more (see :meth:`_get_obsolete_reasons`), with the reason in their
        history.

        :return: ``{reason code: closed reminders}``
        """
        labels = self._get_obsolete_reason_labels()
        by_reason = {}
        for reminder, code in self._get_obsolete_reasons().items():
            by_reason[code] = by_reason.get(code, self.browse()) | reminder
        for code, reminders in by_reason.items():
            reminders._close(note=labels.get(code, code))
        return by_reason

    def _mark_sent(self, channel, action=ACTION_SENT, note=None):
        """Record that these reminders were sent through ``channel``.

        Channels call this once their sending succeeded. Each invoice takes
        the level of its reminder and today's date as last reminder; the
        history and the invoice's chatter record it.

        :param str channel: a value of the ``channel`` selection
        :param str action: ``sent`` or ``marked_sent`` (sent by other means)
        :param str note: optional text stored in the history
        """
        to_send = self.filtered(lambda r: r.state == STATE_DRAFT)
        if not to_send:
            return to_send
        now = fields.Datetime.now()
        to_send._write_evidence(
            {
                "state": STATE_SENT,
                "channel": channel,
                "sent_datetime": now,
                "sent_by_id": self.env.user.id,
            }
        )
        today = fields.Date.context_today(self)
        for level in set(to_send.mapped("level")):
            to_send.filtered(
                lambda r, lvl=level: r.level == lvl
            ).move_id._dunning_write({"dunning_level": level, "dunning_date": today})
        to_send._log_history(action, note=note)
        channel_label = self._get_channel_labels()
        to_send.move_id._message_log_batch(
            bodies={
                reminder.move_id.id: Markup("%s")
                % self.env._(
                    "Payment reminder level %(level)s sent (%(channel)s).",
                    level=reminder.level,
                    channel=channel_label.get(channel, channel),
                )
                for reminder in to_send
            }
        )
        return to_send

    # ------------------------------------------------------------
    # ROW ACTIONS (one reminder)
    # ------------------------------------------------------------

    def action_send_email(self):
        """Open the email of this reminder in the composer, ready to edit.

        The email is posted in the invoice's chatter (replies come back
        there); sending it marks the reminder as sent.
        """
        self.ensure_one()
        if self.state != STATE_DRAFT:
            raise UserError(self.env._("Only reminders to send can be emailed."))
        values = self._prepare_email_values()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send Payment Reminder"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": "account.move",
                "default_res_ids": values["move"].ids,
                "default_composition_mode": "comment",
                "default_subject": values["subject"],
                "default_body": values["body"],
                "default_partner_ids": values["recipients"].ids,
                "default_attachment_ids": values["attachments"].ids,
                "default_email_from": values["email_from"],
                "dunning_reminder_ids": self.ids,
            },
        }

    def action_print_letter(self):
        """Download the letter of this reminder (its row's printer): as
        printed if it was, else rendered now with the invoice copy (letter,
        customer address, then the invoice).

        Printing the letter of a reminder still to send asks first whether
        it counts as sending it (see :meth:`_action_print_letters`).
        """
        self.ensure_one()
        if self.letter_attachment_id:
            return self.letter_attachment_id._dunning_get_download_action()
        return self._action_print_letters(
            {"grouping": "invoice", "attach_invoices": True}
        )

    def action_print_letters(self):
        """Print the letters of these reminders (their Print menu), one per
        customer, asking first whether those still to send count as sent
        (see :meth:`_action_print_letters`)."""
        return self._action_print_letters({})

    def _action_print_letters(self, options):
        """Return the action printing the letters of these reminders with
        ``options`` (see ``dunning.sending._get_default_options``).

        When some are still to send and the user may send them, the
        ``dunning.print.letter`` wizard asks once whether to mark them sent by
        printed letter (the company's setting answers by default). Letters of
        reminders already sent print at once, and change nothing.
        """
        options = self.env["dunning.sending"]._get_options(options)
        drafts = self.filtered(lambda r: r.state == STATE_DRAFT)
        if drafts and drafts.has_access("write"):
            return self.env["dunning.print.letter"]._get_action(self, options)
        return self._get_letter_report_action(options)

    def _get_letter_report_action(self, options):
        """Return the report action downloading the letters of these
        reminders, printed with ``options`` (see
        ``dunning.sending._get_default_options``)."""
        data = self.env["dunning.sending"]._get_letter_data(options)
        return self.env.ref(
            "dunning_levels.action_report_dunning_letter"
        ).report_action(self, data=data, config=False)

    # ------------------------------------------------------------
    # PROOFS OF SENDING
    # ------------------------------------------------------------

    def _get_proof_attachments(self):
        """Return the proofs of sending of these reminders: deposit and
        delivery proofs, acknowledgements of receipt.

        TO OVERRIDE by channels that keep their proofs elsewhere. Default:
        the documents attached to the reminders, their letters excepted.

        :return: ``ir.attachment`` recordset
        """
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("id", "not in", self.letter_attachment_id.ids),
            ],
            order="id",
        )

    def _get_proof_reference(self):
        """Return how the sending of this reminder can be proven, e.g. the
        registered letter's number and its delivery state.

        TO OVERRIDE by channels that give such references.

        :return: translated text, empty when the channel gives none
        """
        self.ensure_one()
        return ""

    # ------------------------------------------------------------
    # EMAIL
    # ------------------------------------------------------------

    def _get_email_recipients(self):
        """Return who receives the email of this communication.

        TO OVERRIDE to add contacts. Default: the invoice contacts having an
        email, else the customer.
        """
        recipients = self.move_id.partner_id.filtered("email")
        return recipients or self.partner_id.filtered("email")

    def _get_email_attachments(self, level, with_statement=False):
        """Return the attachments of the email of this communication: the
        invoice PDFs when the level or the sending asks for them (context key
        ``ATTACH_INVOICES_CONTEXT_KEY``, the sending's ``attach_invoices``
        option), the customer statement on demand."""
        attachments = self.env["ir.attachment"]
        if level.attach_invoice or self.env.context.get(ATTACH_INVOICES_CONTEXT_KEY):
            for invoice in self.move_id:
                attachments |= invoice._dunning_get_invoice_pdf()
        if with_statement:
            partner = self.partner_id[:1]
            # Pending, as the composer's uploads: posting the email attaches
            # it to the invoice. Billing users may not write on customers, so
            # not to the customer.
            attachments |= (
                self.env["dunning.sending"]
                .with_company(self.company_id[:1])
                ._render_pdf_attachment(
                    "dunning_levels.action_report_dunning_statement",
                    partner,
                    self.env._("Statement %(customer)s.pdf", customer=partner.name),
                    res_model="mail.compose.message",
                    res_id=0,
                )
            )
        return attachments

    def _get_communication_level(self):
        """Return the ``dunning.level`` of one communication covering these
        reminders: the configuration of the highest of their levels."""
        # Iterating keeps the prefetch: the levels of every communication
        # being sent are read at once.
        top = max(self, key=lambda reminder: reminder.level, default=self.browse())
        return top.level_id

    def _prepare_email_values(self, with_statement=False):
        """Render the email of this communication (one customer's reminders).

        :return: dict with ``move`` (the invoice whose chatter carries it),
            ``level``, ``subject``, ``body``, ``email_from``, ``recipients``,
            ``attachments``
        :raise UserError: when the email cannot be sent (no template, no
            address)
        """
        level = self._get_communication_level()
        template = level.mail_template_id
        if not template:
            raise UserError(
                self.env._(
                    "Level %(level)s has no email template.", level=level.display_name
                )
            )
        recipients = self._get_email_recipients()
        if not recipients:
            raise UserError(
                self.env._(
                    "%(customer)s has no email address.",
                    customer=self.partner_id[:1].display_name,
                )
            )
        partner = self.partner_id[:1]
        # Rendered in the reminders' company, whichever company the user works
        # in: its name, address, bank account and invoices.
        rendered = (
            template.with_company(self.company_id[:1])
            .with_context(
                dunning_move_ids=tuple(self.move_id.ids),
                **{QWEB_COMPILE_CACHE_CONTEXT_KEY: True},
                **level._get_render_context(),
            )
            ._generate_template(partner.ids, ["subject", "body_html", "email_from"])[
                partner.id
            ]
        )
        return {
            "move": self._get_email_carrier().move_id,
            "level": level,
            "subject": rendered.get("subject"),
            "body": rendered.get("body_html"),
            "email_from": rendered.get("email_from"),
            "recipients": recipients,
            "attachments": self._get_email_attachments(level, with_statement),
        }

    def _prefetch_email_data(self):
        """Read at once, for all the communications of a sending, what their
        emails read one communication at a time: the invoices' overdue
        figures and installments and the customers' reminder page links
        (created when missing).

        TO EXTEND (call super) to read ahead what an extension's emails read.
        """
        moves = self.move_id
        moves.mapped("dunning_days_overdue")
        moves.dunning_installment_line_ids.mapped("date_maturity")
        self._ensure_accesses()
        self.partner_id.sudo().mapped("dunning_access_ids")
        # Posting on an invoice gives its customer a portal link: Odoo reads
        # the customer's users, then writes its signup type, which reads its
        # contacts.
        customers = moves.partner_id.sudo()
        customers.mapped("user_ids")
        customers.mapped("child_ids")

    def _get_email_carrier(self):
        """Return the reminder of this communication whose invoice carries
        its email in the chatter (replies come back there): the invoice due
        first."""
        return self.sorted(
            lambda reminder: (reminder.move_id.invoice_date_due, reminder.move_id.id)
        )[:1]

    def _get_email_thread_values(self):
        """Return what Odoo's ``message_post`` looks up on the thread of each
        of these reminders' invoices, read for all of them at once: its
        alias domain, its company, its reply-to address (``None`` when
        neither the invoice nor its company has an alias: the sender's
        address then, as Odoo does).

        :return: ``{move id: {"record_alias_domain_id": int,
            "record_company_id": int, "reply_to": str or None}}``
        """
        moves = self.move_id
        alias_domains = moves.sudo()._mail_get_alias_domains(
            default_company=self.env.company
        )
        companies = moves._mail_get_companies(default=self.env.company)
        reply_tos = moves._notify_get_reply_to(default=None)
        return {
            move.id: {
                "record_alias_domain_id": alias_domains[move.id].id,
                "record_company_id": companies[move.id].id,
                "reply_to": reply_tos[move.id],
            }
            for move in moves
        }

    def _send_email(
        self,
        with_statement=False,
        thread_values=None,
        authors=None,
        subscribe_sender=True,
    ):
        """Email this communication through the invoice's chatter.

        The mail is queued (sent by the mail queue), the message kept on the
        reminders to follow its delivery.

        A sending of many communications gives what ``message_post`` would
        otherwise look up for each of them, with the same results:

        :param dict thread_values: see :meth:`_get_email_thread_values`
        :param dict authors: ``{sender address: author partner id}``, the
            partners of the senders' addresses, filled as the sending goes
        :param bool subscribe_sender: let ``message_post`` make the sender
            follow the invoice; a sending of many communications does it
            once for all of them instead (see :meth:`_subscribe_email_senders`)
        :return: the posted ``mail.message``
        """
        values = self._prepare_email_values(with_statement=with_statement)
        move = values["move"]
        email_from = values["email_from"] or None
        post_values = {}
        if email_from and thread_values and move.id in thread_values:
            post_values = dict(thread_values[move.id])
            post_values["reply_to"] = post_values["reply_to"] or email_from
        if email_from and authors is not None:
            if email_from not in authors:
                authors[email_from] = move._message_compute_author(
                    email_from=email_from
                )[0]
            post_values["author_id"] = authors[email_from]
        move = move.with_context(mail_notify_force_send=False)
        if not subscribe_sender:
            move = move.with_context(mail_create_nosubscribe=True)
        message = move.message_post(
            body=values["body"],
            subject=values["subject"],
            email_from=email_from,
            partner_ids=values["recipients"].ids,
            attachment_ids=values["attachments"].ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            **post_values,
        )
        # Queued: the mail queue reports what becomes of it (see
        # _email_update_status).
        self._write_evidence(
            {
                "mail_message_id": message.id,
                "email_status": "queued",
                "email_failure_reason": False,
            }
        )
        return message

    def _subscribe_email_senders(self):
        """Make the sender of these reminders' emails follow the invoices
        carrying them, so that the customers' replies reach them: what
        ``message_post`` does for each message, done in one go for a whole
        sending (emails posted with ``subscribe_sender=False``).

        The sender is the user; a user who is archived (OdooBot, who runs the
        scheduled sendings) posts on behalf of the email's author, who then
        follows the invoice if active, as in ``message_post``. Nobody does
        with the context key ``mail_create_nosubscribe``, as there.
        """
        messages = self.mail_message_id
        if not messages or self.env.context.get("mail_create_nosubscribe"):
            return
        if self.env.user.active:
            followers = {self.env.user.partner_id: messages}
        else:
            followers = {
                author: author_messages
                for author, author_messages in messages.sudo()
                .grouped("author_id")
                .items()
                if author.active
            }
        for partner, partner_messages in followers.items():
            self.env["account.move"].browse(
                partner_messages.mapped("res_id")
            )._message_subscribe(partner_ids=partner.ids)

    def _get_email_failure_reason(self, notification):
        """Return the translated reason why the email of ``notification``
        did not reach its recipient.

        :param notification: ``mail.notification`` of type ``email``
        """
        labels = dict(
            notification._fields["failure_type"]._description_selection(self.env)
        )
        if notification.notification_status == "canceled":
            reason = self.env._("email cancelled")
        else:
            reason = labels.get(notification.failure_type) or self.env._(
                "unknown error"
            )
        # A refused connection is told on the mail, not on its notifications.
        detail = notification.failure_reason or notification.mail_mail_id.failure_reason
        if detail:
            reason = f"{reason} ({detail})"
        return self.env._(
            "Email to %(recipient)s not delivered: %(reason)s",
            recipient=notification.res_partner_id.email or "",
            reason=reason,
        )

    def _email_update_status(self):
        """Bring ``email_status`` in line with the email's notifications and
        act on the change.

        Called when the email is queued and whenever Odoo changes the status
        of one of its notifications: the mail queue sending it (or failing
        to), a bounce coming back, a resend or a cancellation from the
        chatter. Idempotent: only a change of status acts.

        A reminder sent by email counts as sent once its email is queued. An
        email that fails afterwards leaves the reminder sent, shows the
        reason and writes one ``failed`` history line, in the name of the
        user who sent it: :meth:`action_email_failed_resend` sends it again
        by email or as a letter.
        """
        for reminder in self.filtered("mail_message_id"):
            notifications = reminder.mail_message_id.sudo().notification_ids.filtered(
                lambda n: n.notification_type == "email"
            )
            statuses = set(notifications.mapped("notification_status"))
            status = next(
                (state for key, state in EMAIL_STATUS_PRECEDENCE if key in statuses),
                False,
            )
            previous = reminder.email_status
            if status == previous:
                continue
            if status not in EMAIL_FAILED_STATES:
                reminder._write_evidence(
                    {"email_status": status, "email_failure_reason": False}
                )
                continue
            failed = notifications.filtered(
                lambda n, s=status: n.notification_status == s
            )[:1]
            reason = reminder._get_email_failure_reason(failed)
            reminder._write_evidence(
                {"email_status": status, "email_failure_reason": reason}
            )
            if previous not in EMAIL_FAILED_STATES:
                sender = reminder.mail_message_id.create_uid or self.env.user
                reminder.with_user(sender).sudo()._log_history(
                    ACTION_FAILED, note=reason, channel=CHANNEL_EMAIL
                )

    def action_email_failed_resend(self):
        """Send again the communications whose email failed, by email (once
        the address is fixed) or as a letter.

        The same level is prepared again for each invoice of the failed
        emails and the sending wizard opens on the new reminders, the channel
        left to choose; the failed reminders are closed, their history saying
        why.

        :return: action opening the sending wizard
        :raise UserError: when a reminder is not a sent one whose email
            failed, or its invoice cannot be reminded again
        """
        failed = self.filtered(
            lambda r: r.state == STATE_SENT and r.email_status in EMAIL_FAILED_STATES
        )
        if not self or failed != self:
            raise UserError(
                self.env._(
                    "Only sent reminders whose email failed can be sent again this way."
                )
            )
        # The whole communication: every reminder its email covered.
        failed |= self.search(
            [
                ("mail_message_id", "in", failed.mail_message_id.ids),
                ("state", "=", STATE_SENT),
            ]
        )
        new = self.browse()
        for reminder in failed:
            new |= reminder.move_id._dunning_create_reminders(
                level=reminder.level, allow_resend=True
            )
        failed._close(
            note=self.env._("Email failed: the reminder is prepared again to send.")
        )
        return new._open_wizard("dunning.send", self.env._("Send Again"))

    # ------------------------------------------------------------
    # EMAIL OPENING
    # ------------------------------------------------------------

    @api.depends("email_status", "email_opened_datetime")
    def _compute_email_opening(self):
        for reminder in self:
            if reminder.email_opened_datetime:
                reminder.email_opening = EMAIL_OPENED
            elif reminder.email_status == "sent":
                # Delivered: an opening not seen is unknown, not denied.
                reminder.email_opening = EMAIL_NOT_SEEN
            else:
                reminder.email_opening = False

    def _search_email_opening(self, operator, value):
        # Not stored: the generation inserts reminders in SQL, a stored
        # computed field would cost it a recomputation of every new reminder.
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(self.env._("Operation not supported"))
        values = {value} if operator in ("=", "!=") else set(value)
        # Each value, False included, as a domain on the stored fields its
        # computation reads.
        opened = [("email_opened_datetime", "!=", False)]
        not_seen = [
            ("email_opened_datetime", "=", False),
            ("email_status", "=", "sent"),
        ]
        domains = {
            EMAIL_OPENED: opened,
            EMAIL_NOT_SEEN: not_seen,
            False: ["!", *expression.OR([opened, not_seen])],
        }
        domain = expression.OR([domains[val] for val in values if val in domains])
        if operator in ("!=", "not in"):
            return ["!", *expression.normalize_domain(domain)]
        return domain

    @api.model
    def _email_get_tracking_token(self, message_id):
        """Return the signature of the email opening image of the message
        ``message_id``: only this database can make it, and it names one
        message only.

        :param int message_id: id of a ``mail.message`` of a reminder email
        :return: hexadecimal string
        """
        return hmac(self.env(su=True), EMAIL_TRACKING_SCOPE, message_id)

    @api.model
    def _email_get_tracking_url(self, message):
        """Return the address of the image telling that ``message``, the
        email of payment reminders, was opened (served by the
        ``dunning_levels`` controller).

        :param message: ``mail.message`` record
        :return: absolute URL
        """
        token = self._email_get_tracking_token(message.id)
        return (
            f"{message.get_base_url()}/dunning_levels/email/"
            f"{message.id}/{token}/blank.gif"
        )

    @api.model
    def _email_record_opening(self, message_id):
        """Record that the email ``message_id`` was displayed: every reminder
        it covers is opened, at the first display's date, and counts one more
        opening.

        Called by the tracking image's route, as the public user, once the
        image's signature checked: acts as superuser on the reminders of this
        email only, whatever their company.

        :param int message_id: id of the ``mail.message`` the image names
        :return: the reminders of the email
        """
        reminders = self.sudo().search([("mail_message_id", "=", message_id)])
        now = fields.Datetime.now()
        for reminder in reminders:
            reminder.write(
                {
                    "email_opened_datetime": reminder.email_opened_datetime or now,
                    "email_open_count": reminder.email_open_count + 1,
                }
            )
        return reminders

    # ------------------------------------------------------------
    # GROUPING FOR SENDING
    # ------------------------------------------------------------

    def _get_sort_key_function(self, sort_key):
        """Return the key sorting groups of reminders for ``sort_key``.

        TO OVERRIDE to add sort keys (``_selection_sort_key`` of the sending
        wizard lists them).

        :param str sort_key: ``partner``, ``salesperson`` or ``category``
        :return: function taking a group of reminders, returning a sort key
        """

        if sort_key == "salesperson":
            return lambda group: (
                sort_text(group.invoice_user_id[:1].name),
                sort_text(group.partner_id.name),
            )
        if sort_key == "category":
            return lambda group: (
                sort_text(group.partner_id.category_id[:1].name),
                sort_text(group.partner_id.name),
            )
        return lambda group: (sort_text(group.partner_id.name), group.partner_id.id)

    def _group_for_sending(self, grouping="customer", sort_key="partner"):
        """Split these reminders into communications, in sending order.

        :param str grouping: ``customer`` (one communication per customer and
            currency, covering all its reminders, written at the highest of
            their levels) or ``invoice`` (one per reminder)
        :param str sort_key: see :meth:`_get_sort_key_function`
        :return: list of ``dunning.reminder`` recordsets, one per communication
        """
        if grouping == "invoice":
            groups = list(self.sorted(lambda r: r.move_id.name or ""))
        else:
            ids_by_key = {}
            # _origin: in the wizard's form, reminders are new records.
            for reminder in self.sorted(
                lambda r: (r.date_maturity or r.generated_date, r._origin.id)
            ):
                key = (reminder.partner_id, reminder.company_id, reminder.currency_id)
                ids_by_key.setdefault(key, []).append(reminder.id)
            # Groups share the prefetch of all the reminders: a field read on
            # one group is read for every group at once.
            groups = [
                self.browse(ids).with_prefetch(self._prefetch_ids)
                for ids in ids_by_key.values()
            ]
        return sorted(groups, key=self._get_sort_key_function(sort_key))
