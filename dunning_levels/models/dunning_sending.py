# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import io
import logging
import smtplib

import psycopg2.errors

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import pdf

from ..const import (
    ACTION_FAILED,
    ACTION_SENT,
    ATTACH_INVOICES_CONTEXT_KEY,
    CHANNEL_EMAIL,
    CHANNEL_LETTER,
    CHANNEL_PHONE,
    RAISE_TRANSIENT_CONTEXT_KEY,
    STATE_DRAFT,
)

_logger = logging.getLogger(__name__)

# Errors after which the same sending may go through a moment later: a
# connection to a server lost or refused, a conflict with a concurrent
# transaction (see _is_transient_error).
TRANSIENT_ERRORS = (
    ConnectionError,
    TimeoutError,
    smtplib.SMTPConnectError,
    smtplib.SMTPServerDisconnected,
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.DeadlockDetected,
    psycopg2.errors.LockNotAvailable,
)

# Letters rendered per call of the PDF engine (wkhtmltopdf) in a sending:
# a large sending is rendered in chunks, merged into one PDF, so that its
# memory does not grow with the number of letters (see _render_letters_pdf).
LETTER_CHUNK_SIZE = 100
# Reason code of a communication that failed on an error nobody foresaw (a
# broken template, a bug): it fails alone, the others go on.
UNEXPECTED_ERROR = "unexpected_error"
# Reason code of a communication a channel refused with a UserError.
CHANNEL_ERROR = "channel_error"


class DunningSending(models.AbstractModel):
    """The sending of payment reminders: planning, problems, channels,
    history and result, in one place.

    It works on reminders and on a dict of options (see
    :meth:`_get_default_options`), never on a wizard: the sending wizard
    (``dunning.send``) collects the options and shows the preview and the
    result, the background sending (``dunning.send.job``) calls :meth:`_send`
    for each of its batches, and the reminders' row actions (email, letter)
    use it too.

    A sending splits the reminders into communications (one per customer, or
    one per invoice), checks each communication on each chosen channel, sends
    what can be sent and records the rest as failures with a reason code and
    a translated message. The result is plain data (see :meth:`_new_result`),
    merged over batches and rendered by the QWeb template
    ``dunning_levels.dunning_sending_summary``.

    Channels are declared by :meth:`_get_channels`; a channel addon adds its
    own entry there with the names of its check and send methods.
    """

    _name = "dunning.sending"
    _description = "Payment Reminder Sending"

    # ------------------------------------------------------------
    # CHANNELS
    # ------------------------------------------------------------

    @api.model
    def _get_channels(self):
        """Return the channels a sending can use, by code.

        TO EXTEND by channel addons: add an entry for their channel. Keys of
        an entry:

        - ``sequence``: sending order (the phone call list comes last);
        - ``check``: name of a method ``(channel, group, options)`` returning
          the problem (see :meth:`_problem`) that prevents sending the
          communication ``group`` through the channel, or None;
        - ``send``: name of a method ``(channel, groups, options, result)``
          sending the checked communications and returning ``(sent,
          failures)``: the groups sent, and ``(group, problem)`` for those
          that failed. It must not raise for one communication (see
          :meth:`_send_each`);
        - ``queued_message`` (optional): for asynchronous channels, whose
          send method returns no group as sent but counts in
          ``result["queued"]`` what it handed over, the name of a method
          ``(count)`` returning the summary's sentence about them.

        :return: ``{channel code: entry}``
        """
        return {
            CHANNEL_EMAIL: {
                "sequence": 10,
                "check": "_check_email",
                "send": "_send_email",
            },
            CHANNEL_LETTER: {
                "sequence": 20,
                "check": "_check_letter",
                "send": "_send_letter",
            },
        }

    @api.model
    def _get_channel_labels(self):
        """Return the translated label of each channel (those of the
        reminders' ``channel`` selection, and the phone call list)."""
        labels = self.env["dunning.reminder"]._get_channel_labels()
        labels[CHANNEL_PHONE] = self.env._("Phone call list")
        return labels

    @api.model
    def _sorted_channels(self, channels):
        """Return ``channels`` (codes) in sending order, unknown ones left
        out."""
        known = self._get_channels()
        return sorted(
            (channel for channel in channels if channel in known),
            key=lambda channel: known[channel]["sequence"],
        )

    # ------------------------------------------------------------
    # OPTIONS, PROBLEMS, RESULT
    # ------------------------------------------------------------

    @api.model
    def _get_default_options(self):
        """Return the options of a sending, with their default values.

        - ``channels``: channel codes (see :meth:`_get_channels`);
        - ``call_list``: print the phone call list too;
        - ``grouping``: ``customer`` or ``invoice`` (see
          ``dunning.reminder._group_for_sending``);
        - ``sort_key``: order of the communications (letters);
        - ``attach_statement``: attach the customer statement to emails;
        - ``attach_invoices``: print the invoice copies with every letter
          (level 3 letters always carry them);
        - ``generation_rule``, ``level``, ``allow_resend``: how the level of
          each invoice is chosen when sending from invoices (see
          :meth:`_get_target_level`).

        TO EXTEND to add options (channel addons).
        """
        return {
            "channels": [CHANNEL_EMAIL],
            "call_list": False,
            "grouping": "customer",
            "sort_key": "partner",
            "attach_statement": False,
            "attach_invoices": False,
            "generation_rule": "next",
            "level": 1,
            "allow_resend": False,
        }

    @api.model
    def _get_options(self, options=None):
        """Return ``options`` completed with the defaults."""
        return {**self._get_default_options(), **(options or {})}

    @api.model
    def _problem(self, code, message):
        """Return a problem: why something cannot be sent.

        :param str code: reason code, stable, for programs and counts
        :param str message: translated text, for users
        """
        return {"code": code, "message": str(message)}

    @api.model
    def _new_result(self):
        """Return an empty result of a sending.

        - ``sent``: ``{channel: reminders sent}``;
        - ``queued``: ``{channel: reminders handed to an asynchronous
          channel}`` (marked as sent when the channel reports back);
        - ``closed``: ``{reason code: reminders closed without sending}``
          (see ``dunning.reminder._get_obsolete_reasons``);
        - ``paused``: ``{reason: reminders kept to send, their invoice's
          reminders paused}`` (see ``dunning.reminder._get_pause_reasons``);
        - ``sent_count``: reminders sent by at least one channel;
        - ``groups``: ``[[reminder ids, channels]]`` of each communication
          sent;
        - ``failures``: ``[{"name", "channel", "code", "message"}]``, one per
          communication and channel not sent, or invoice not reminded;
        - ``letter_attachment_ids``, ``call_list_attachment_ids``: the PDF
          of the letters printed, of the phone call list.
        """
        return {
            "sent": {},
            "queued": {},
            "closed": {},
            "paused": {},
            "sent_count": 0,
            "groups": [],
            "failures": [],
            "letter_attachment_ids": [],
            "call_list_attachment_ids": [],
        }

    @api.model
    def _merge_results(self, result, other):
        """Return ``result`` with the figures of ``other`` added (the
        batches of a background sending).

        :param dict result: a result, possibly empty or from an older version
        :param dict other: a result (see :meth:`_new_result`)
        """
        merged = {**self._new_result(), **(result or {})}
        for key in ("sent", "queued", "closed", "paused"):
            counts = dict(merged[key])
            for name, count in other.get(key, {}).items():
                counts[name] = counts.get(name, 0) + count
            merged[key] = counts
        merged["sent_count"] += other.get("sent_count", 0)
        for key in (
            "groups",
            "failures",
            "letter_attachment_ids",
            "call_list_attachment_ids",
        ):
            merged[key] = list(merged[key]) + list(other.get(key, []))
        return merged

    @api.model
    def _add_failure(self, result, name, channel, problem):
        result["failures"].append(
            {"name": name or "", "channel": channel or "", **problem}
        )

    # ------------------------------------------------------------
    # SENDING
    # ------------------------------------------------------------

    @api.model
    def _send(self, options, reminders=None, moves=None):
        """Send ``reminders`` (or the reminders of ``moves``) through the
        channels of ``options``.

        Each communication is sent on its own: a failure is recorded (history
        and result) and the others go on. The reminders no longer to send
        (invoice paid, no longer overdue, customer archived) are closed
        instead, their reason in the result.

        :return: the result (see :meth:`_new_result`)
        """
        options = self._get_options(options)
        result = self._new_result()
        if moves:
            reminders, problems = self._prepare_reminders_from_invoices(moves, options)
            for move, problem in problems.items():
                self._add_failure(result, move._dunning_display_name(), "", problem)
        else:
            reminders._lock_for_sending()
            reminders = reminders.filtered(lambda r: r.state == STATE_DRAFT)
        # Checked now, not at generation: an invoice paid since, even while
        # the generation ran, gets no reminder.
        for code, closed in reminders._close_obsolete().items():
            result["closed"][code] = result["closed"].get(code, 0) + len(closed)
            reminders -= closed
        # Paused by the customer's answer: kept to send once the pause ends.
        paused = reminders._get_pause_reasons()
        for reason in paused.values():
            result["paused"][reason] = result["paused"].get(reason, 0) + 1
        reminders -= reminders.browse().union(*paused)
        groups = reminders._group_for_sending(options["grouping"], options["sort_key"])
        sent = {}
        for channel in self._sorted_channels(options["channels"]):
            ok_groups = self._send_channel(channel, groups, options, result)
            for group in ok_groups:
                sent.setdefault(group, []).append(channel)
        self._record_sent(sent, result)
        if options["call_list"] and groups:
            attachment = self._render_pdf_attachment(
                "dunning_levels.action_report_dunning_call_list",
                reminders,
                self.env._("Call list.pdf"),
            )
            result["call_list_attachment_ids"].append(attachment.id)
        return result

    @api.model
    def _send_channel(self, channel, groups, options, result):
        """Send ``groups`` through ``channel``: the communications with a
        problem fail, the others go to the channel's send method.

        :return: the groups sent
        """
        entry = self._get_channels()[channel]
        check = getattr(self, entry["check"])
        valid, failures = [], []
        for group in groups:
            problem = check(channel, group, options)
            if problem:
                failures.append((group, problem))
            else:
                valid.append(group)
        sent = []
        if valid:
            sent, send_failures = getattr(self, entry["send"])(
                channel, valid, options, result
            )
            failures += send_failures
        for group, problem in failures:
            group._log_history(ACTION_FAILED, note=problem["message"], channel=channel)
            self._add_failure(
                result, group.partner_id[:1].display_name, channel, problem
            )
        return sent

    @api.model
    def _add_queued(self, result, channel, groups):
        """Count in ``result`` the reminders of ``groups`` handed to the
        asynchronous ``channel`` (see :meth:`_get_channels`)."""
        count = sum(len(group) for group in groups)
        result["queued"][channel] = result["queued"].get(channel, 0) + count

    @api.model
    def _send_each(self, groups, send, together=False):
        """Call ``send(group)`` for each group in its own savepoint: a
        communication that fails is rolled back alone.

        :param bool together: first send all the groups in one savepoint,
            their writes flushed together; if one fails, roll them all back
            and send them one by one as above. Only for a ``send`` whose
            effects are all in the database (a queued email), which may then
            run twice.
        :return: (groups sent, list of (group, problem))
        """
        if together and len(groups) > 1 and self._send_together(groups, send):
            return list(groups), []
        sent, failures = [], []
        for group in groups:
            try:
                with self.env.cr.savepoint():
                    send(group)
            except UserError as error:
                failures.append((group, self._problem(CHANNEL_ERROR, str(error))))
                continue
            except Exception as error:
                if self._must_raise(error):
                    raise
                # One broken communication must not cost the others their
                # sending (a background batch holds a hundred of them).
                _logger.exception(
                    "Payment reminders %s not sent: unexpected error", group.ids
                )
                failures.append(
                    (
                        group,
                        self._problem(
                            UNEXPECTED_ERROR,
                            self.env._(
                                "Unexpected error, please tell your "
                                "administrator: %(error)s",
                                error=str(error) or type(error).__name__,
                            ),
                        ),
                    )
                )
                continue
            sent.append(group)
        return sent, failures

    @api.model
    def _send_together(self, groups, send):
        """Call ``send(group)`` for all the groups in one savepoint.

        :return: whether they were all sent; if not, nothing was
        """
        try:
            with self.env.cr.savepoint():
                for group in groups:
                    send(group)
        except Exception as error:
            if self._must_raise(error):
                raise
            _logger.info(
                "Payment reminders: a communication among %s failed, sending "
                "them one by one",
                len(groups),
            )
            return False
        return True

    @api.model
    def _must_raise(self, error):
        """Return whether ``error`` must propagate rather than fail one
        communication: a transient error when the caller retries the whole
        batch (see :meth:`_is_transient_error`)."""
        return bool(
            self.env.context.get(RAISE_TRANSIENT_CONTEXT_KEY)
            and self._is_transient_error(error)
        )

    @api.model
    def _is_transient_error(self, error):
        """Return whether ``error``, raised while sending one communication,
        is transient: the same sending may go through a moment later (a
        connection lost, a database conflict).

        Such an error fails the communication like any other, unless the
        sending runs with the context key ``RAISE_TRANSIENT_CONTEXT_KEY``:
        it then propagates, and the caller (a job queue) retries the whole
        batch later.

        TO EXTEND by channels talking to a service (call super).

        :param Exception error: the error raised
        :rtype: bool
        """
        return isinstance(error, TRANSIENT_ERRORS)

    @api.model
    def _record_sent(self, sent, result):
        """Mark the communications of ``sent`` (``{group: channels}``) as
        sent, write their history and count them in ``result``.

        Recorded in one go per channel, not communication by communication:
        each reminder is marked sent by its first channel, the others write
        a history line.
        """
        reminders_model = self.env["dunning.reminder"]
        first_channel, other_channels = {}, {}
        for group, group_channels in sent.items():
            first_channel.setdefault(group_channels[0], []).append(group)
            for channel in group_channels[1:]:
                other_channels.setdefault(channel, []).append(group)
            for channel in group_channels:
                result["sent"][channel] = result["sent"].get(channel, 0) + len(group)
            result["sent_count"] += len(group)
            result["groups"].append([group.ids, group_channels])
        for channel, channel_groups in first_channel.items():
            channel_reminders = reminders_model.union(*channel_groups)
            marked = channel_reminders._mark_sent(channel)
            # An asynchronous channel (a postal service) may have marked them
            # sent already in this run: the first channel still gets its line.
            (channel_reminders - marked)._log_history(ACTION_SENT, channel=channel)
        for channel, channel_groups in other_channels.items():
            reminders_model.union(*channel_groups)._log_history(
                ACTION_SENT, channel=channel
            )

    @api.model
    def _record_composed_email(self, reminders, message):
        """Record that ``reminders`` were emailed with ``message``, written
        by the user in the composer (the reminders' row action): sent by
        email, their delivery followed as in a mass sending."""
        reminders._write_evidence({"mail_message_id": message.id})
        self._record_sent({reminders: [CHANNEL_EMAIL]}, self._new_result())
        reminders._email_update_status()

    # ------------------------------------------------------------
    # EMAIL AND LETTER
    # ------------------------------------------------------------

    @api.model
    def _check_email(self, channel, group, options):
        if not group._get_email_recipients():
            return self._problem(
                "no_email",
                self.env._(
                    "%(customer)s has no email address.",
                    customer=group.partner_id[:1].name,
                ),
            )
        return None

    @api.model
    def _send_email(self, channel, groups, options, result):
        reminders = self.env["dunning.reminder"].union(*groups)
        reminders.move_id._dunning_ensure_access_tokens()
        reminders._prefetch_email_data()
        thread_values = (
            reminders.browse()
            .union(*(group._get_email_carrier() for group in groups))
            ._get_email_thread_values()
        )
        authors = {}
        sent, failures = self._send_each(
            groups,
            lambda group: group.with_context(
                **{ATTACH_INVOICES_CONTEXT_KEY: options["attach_invoices"]}
            )._send_email(
                with_statement=options["attach_statement"],
                thread_values=thread_values,
                authors=authors,
                subscribe_sender=False,
            ),
            together=True,
        )
        reminders.browse().union(*sent)._subscribe_email_senders()
        return sent, failures

    @api.model
    def _check_letter(self, channel, group, options):
        address = group.move_id.partner_id[:1] or group.partner_id[:1]
        if not (address.street and address.zip and address.city):
            return self._problem(
                "incomplete_address",
                self.env._(
                    "%(customer)s has an incomplete postal address.",
                    customer=group.partner_id[:1].name,
                ),
            )
        return None

    @api.model
    def _send_letter(self, channel, groups, options, result):
        """Print the letters of ``groups`` in one PDF, kept on each reminder
        for reprint."""
        letters = self.env["dunning.reminder"].union(*groups)
        attachment = self._store_pdf(
            self._render_letters_pdf(groups, options),
            self.env._("Payment reminder letters.pdf"),
            letters._name,
            letters[:1].id,
        )
        letters._write_evidence({"letter_attachment_id": attachment.id})
        result["letter_attachment_ids"].append(attachment.id)
        return groups, []

    @api.model
    def _render_letters_pdf(self, groups, options):
        """Render the letters of ``groups`` (one per communication, in this
        order) in one PDF.

        The PDF engine renders at most :data:`LETTER_CHUNK_SIZE` letters per
        call, whose PDFs are merged page by page: the memory of a large
        sending (thousands of letters) stays that of one chunk's rendering,
        plus the merged document. In tests, where Odoo renders reports as
        HTML unless told otherwise, there is no PDF to merge: the letters are
        rendered in one call.

        :param list groups: ``dunning.reminder`` recordsets, one per letter
        :return: the PDF, as bytes
        """
        report = "dunning_levels.action_report_dunning_letter"
        data = self._get_letter_data(options)
        reminders = self.env["dunning.reminder"]
        chunks = [
            reminders.union(*groups[start : start + LETTER_CHUNK_SIZE])
            for start in range(0, len(groups), LETTER_CHUNK_SIZE)
        ]
        report_model = self.env["ir.actions.report"]
        content, content_type = report_model._render_qweb_pdf(
            report, chunks[0].ids, data=data
        )
        if len(chunks) == 1:
            return content
        if content_type != "pdf":
            return report_model._render_qweb_pdf(
                report, reminders.union(*groups).ids, data=data
            )[0]
        writer = pdf.PdfFileWriter()
        for index, chunk in enumerate(chunks):
            if index:
                content = report_model._render_qweb_pdf(report, chunk.ids, data=data)[0]
            for page in pdf.PdfFileReader(io.BytesIO(content), strict=False).pages:
                writer.add_page(page)
        with io.BytesIO() as buffer:
            writer.write(buffer)
            return buffer.getvalue()

    @api.model
    def _get_letter_data(self, options):
        """Return the ``data`` of the letter report for ``options``."""
        return {
            "grouping": options["grouping"],
            "sort_key": options["sort_key"],
            "attach_invoices": options["attach_invoices"],
        }

    # ------------------------------------------------------------
    # DOCUMENTS
    # ------------------------------------------------------------

    @api.model
    def _render_pdf_attachment(
        self, report_ref, records, name, data=None, res_model=None, res_id=None
    ):
        """Render the PDF report ``report_ref`` of ``records`` and store it.

        :param str res_model: model the attachment belongs to (default: that
            of ``records``, the first record)
        :return: the ``ir.attachment``
        """
        pdf, __ = self.env["ir.actions.report"]._render_qweb_pdf(
            report_ref, records.ids, data=data
        )
        return self._store_pdf(
            pdf,
            name,
            res_model or records._name,
            records[:1].id if res_id is None else res_id,
        )

    @api.model
    def _store_pdf(self, pdf, name, res_model, res_id):
        """Store the PDF ``pdf`` as an attachment of ``res_model``,
        ``res_id``.

        :return: the ``ir.attachment``
        """
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": pdf,
                "mimetype": "application/pdf",
                "res_model": res_model,
                "res_id": res_id,
            }
        )
