# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..const import (
    ACTION_FAILED,
    ACTION_SENT,
    CHANNEL_EMAIL,
    CHANNEL_LETTER,
    CHANNEL_PHONE,
    STATE_DRAFT,
)

_logger = logging.getLogger(__name__)

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
        for key in ("sent", "queued", "closed"):
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
    # PLANNING
    # ------------------------------------------------------------

    @api.model
    def _get_target_level(self, move, levels, options):
        """Return the level to send for ``move`` under the generation rule
        of ``options``.

        :param levels: the company's active levels, ordered
        :return: int level, or 0 when none applies
        """
        rule = options["generation_rule"]
        if rule == "chosen":
            return int(options["level"] or 0)
        if rule == "customer":
            return int(move.commercial_partner_id.dunning_customer_level or 0)
        if rule == "days":
            reached = levels.filtered(
                lambda lvl: lvl.delay_days <= move.dunning_days_overdue
            )
            return reached[-1:].level or 0
        return (
            levels.filtered(lambda lvl: lvl.level > move.dunning_level)[:1].level or 0
        )

    @api.model
    def _plan_invoice_levels(self, moves, options):
        """Decide the level of each invoice of ``moves``.

        :return: (list of (move, level) to remind, ``{move: problem}``)
        """
        options = self._get_options(options)
        plan, problems = [], {}
        today = fields.Date.context_today(self)
        overdue = moves._dunning_read_overdue([("id", "in", moves.ids)], today)
        levels = self.env["dunning.level"].search(
            [("company_id", "in", moves.company_id.ids)], order="level"
        )
        for move in moves:
            company_levels = levels.filtered(
                lambda lvl, m=move: lvl.company_id == m.company_id
            )
            level = self._get_target_level(move, company_levels, options)
            draft = move.dunning_reminder_ids.filtered(lambda r: r.state == STATE_DRAFT)
            if draft and draft.level == level:
                plan.append((move, level))
                continue
            error = move._dunning_check_remindable(
                level, options["allow_resend"], overdue, ignore_draft=True
            )
            if error:
                problems[move] = self._problem("not_remindable", error)
            else:
                plan.append((move, level))
        return plan, problems

    @api.model
    def _prepare_reminders_from_invoices(self, moves, options):
        """Create (or reuse) the draft reminders of ``moves``.

        A draft at another level than the one chosen is cancelled and
        replaced.

        :return: (``dunning.reminder`` records, ``{move: problem}``)
        """
        options = self._get_options(options)
        reminders = self.env["dunning.reminder"]
        plan, problems = self._plan_invoice_levels(moves, options)
        for move, level in plan:
            draft = move.dunning_reminder_ids.filtered(lambda r: r.state == STATE_DRAFT)
            if draft.level == level:
                reminders |= draft
                continue
            draft._cancel(
                note=self.env._(
                    "Replaced by a reminder at level %(level)s.", level=level
                )
            )
            try:
                with self.env.cr.savepoint():
                    reminders |= move._dunning_create_reminders(
                        level=level, allow_resend=options["allow_resend"]
                    )
            except UserError as error:
                problems[move] = self._problem("not_remindable", str(error))
        return reminders, problems

    # ------------------------------------------------------------
    # PREVIEW
    # ------------------------------------------------------------

    @api.model
    def _get_preview(self, options, reminders=None, moves=None):
        """Return what a sending would do, without changing anything.

        :param reminders: the reminders to send, or
        :param moves: the invoices whose reminders to send
        :return: dict with ``lines`` (``[{"level", "channel", "invoices",
            "customers", "amount"}]`` in company currency, by level then
            channel) and ``problems`` (list of problems, see
            :meth:`_problem`)
        """
        options = self._get_options(options)
        problems = []
        if moves:
            groups, problems = self._get_invoice_preview_groups(moves, options)
        else:
            groups, problems = self._get_reminder_preview_groups(reminders, options)
        channels = self._sorted_channels(options["channels"])
        if options["call_list"]:
            channels.append(CHANNEL_PHONE)
        if not channels:
            problems.append(
                self._problem("no_channel", self.env._("Choose at least one channel."))
            )
        lines = {}
        for group in groups:
            for channel in channels:
                entry = lines.setdefault(
                    (group["level"], channel),
                    {"invoices": 0, "customers": set(), "amount": 0.0},
                )
                entry["invoices"] += len(group["moves"])
                entry["customers"].add(group["partner"].id)
                entry["amount"] += sum(group["moves"].mapped("amount_residual_signed"))
                reminders = group.get("reminders")
                if reminders and channel != CHANNEL_PHONE:
                    problem = self._check(channel, reminders, options)
                    if problem:
                        problems.append(problem)
        return {
            "lines": [
                {
                    "level": level,
                    "channel": channel,
                    "invoices": entry["invoices"],
                    "customers": len(entry["customers"]),
                    "amount": entry["amount"],
                }
                for (level, channel), entry in sorted(lines.items())
            ],
            "problems": problems,
        }

    @api.model
    def _get_invoice_preview_groups(self, moves, options):
        plan, problems_by_move = self._plan_invoice_levels(moves, options)
        groups = [
            {"level": level, "partner": move.commercial_partner_id, "moves": move}
            for move, level in plan
        ]
        if options["grouping"] == "customer":
            merged = {}
            for group in groups:
                entry = merged.setdefault(
                    group["partner"],
                    {
                        "level": 0,
                        "partner": group["partner"],
                        "moves": self.env["account.move"],
                    },
                )
                entry["level"] = max(entry["level"], group["level"])
                entry["moves"] |= group["moves"]
            groups = list(merged.values())
        return groups, list(problems_by_move.values())

    @api.model
    def _get_reminder_preview_groups(self, reminders, options):
        problems = []
        to_send = reminders.filtered(lambda r: r.state == STATE_DRAFT)
        skipped = reminders - to_send
        if skipped:
            problems.append(
                self._problem(
                    "not_to_send",
                    self.env._(
                        "%(count)s selected reminder(s) are not to send any more.",
                        count=len(skipped),
                    ),
                )
            )
        obsolete = to_send._get_obsolete_reasons()
        labels = to_send._get_obsolete_reason_labels()
        codes = list(obsolete.values())
        for code in dict.fromkeys(codes):
            problems.append(
                self._problem(
                    code,
                    self.env._(
                        "%(count)s reminder(s) will be closed without sending: "
                        "%(reason)s",
                        count=codes.count(code),
                        reason=labels.get(code, code),
                    ),
                )
            )
        to_send -= self.env["dunning.reminder"].union(*obsolete)
        groups = [
            {
                "level": max(group.mapped("level")),
                "partner": group.partner_id[:1],
                "moves": group.move_id,
                "reminders": group,
            }
            for group in to_send._group_for_sending(
                options["grouping"], options["sort_key"]
            )
        ]
        return groups, problems

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
        valid, failures = [], []
        for group in groups:
            problem = self._check(channel, group, options)
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
    def _check(self, channel, group, options):
        """Return the problem preventing ``group`` from going through
        ``channel``, or None (see :meth:`_get_channels`)."""
        check = self._get_channels()[channel]["check"]
        return getattr(self, check)(channel, group, options)

    @api.model
    def _send_each(self, groups, send):
        """Call ``send(group)`` for each group in its own savepoint: a
        communication that fails is rolled back alone.

        :return: (groups sent, list of (group, problem))
        """
        sent, failures = [], []
        for group in groups:
            try:
                with self.env.cr.savepoint():
                    send(group)
            except UserError as error:
                failures.append((group, self._problem(CHANNEL_ERROR, str(error))))
                continue
            except Exception as error:
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
        self.env["dunning.reminder"].union(
            *groups
        ).move_id._dunning_ensure_access_tokens()
        return self._send_each(
            groups,
            lambda group: group._send_email(with_statement=options["attach_statement"]),
        )

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
        attachment = self._render_pdf_attachment(
            "dunning_levels.action_report_dunning_letter",
            letters,
            self.env._("Payment reminder letters.pdf"),
            data=self._get_letter_data(options),
        )
        letters._write_evidence({"letter_attachment_id": attachment.id})
        result["letter_attachment_ids"].append(attachment.id)
        return groups, []

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

    # ------------------------------------------------------------
    # RENDERING (preview and summary)
    # ------------------------------------------------------------

    @api.model
    def _render_preview_html(self, preview, company, background_threshold=0):
        """Render ``preview`` (see :meth:`_get_preview`) for the wizard.

        :param int background_threshold: when set, the sending goes to the
            background above this number of reminders: say so
        """
        background_note = background_threshold and self.env._(
            "More than %(threshold)s reminders: they will be sent in the "
            "background, in batches. You will be notified with the summary "
            "when it is done.",
            threshold=background_threshold,
        )
        return self.env["ir.qweb"]._render(
            "dunning_levels.dunning_sending_preview",
            {
                "preview": preview,
                "channel_labels": self._get_channel_labels(),
                "currency": company.currency_id,
                "background_note": background_note,
                "format_amount": self._format_amount,
            },
        )

    @api.model
    def _format_amount(self, amount, currency):
        return self.env["ir.qweb.field.monetary"].value_to_html(
            amount, {"display_currency": currency}
        )

    @api.model
    def _get_summary_lines(self, result):
        """Return the sentences of the summary of ``result``, after the
        counts: the reminders handed to asynchronous channels, and those
        closed without sending.

        :return: list of translated texts
        """
        lines = []
        channels = self._get_channels()
        for channel, count in result.get("queued", {}).items():
            method = channels.get(channel, {}).get("queued_message")
            if count and method:
                lines.append(getattr(self, method)(count))
        labels = self.env["dunning.reminder"]._get_obsolete_reason_labels()
        for code, count in result.get("closed", {}).items():
            if count:
                lines.append(
                    self.env._(
                        "%(count)s reminder(s) closed without sending: %(reason)s",
                        count=count,
                        reason=labels.get(code, code),
                    )
                )
        return lines

    @api.model
    def _render_summary_html(self, result, notes=()):
        """Render the summary of ``result`` (see :meth:`_new_result`).

        :param notes: sentences to add at the end (a background sending's
            skipped reminders, its stop)
        """
        result = {**self._new_result(), **(result or {})}
        return self.env["ir.qweb"]._render(
            "dunning_levels.dunning_sending_summary",
            {
                "result": result,
                "headline": self.env._(
                    "%(count)s reminder(s) sent, %(failed)s failure(s).",
                    count=result["sent_count"],
                    failed=len(result["failures"]),
                ),
                "lines": self._get_summary_lines(result),
                "notes": list(notes),
                "channel_labels": self._get_channel_labels(),
            },
        )
