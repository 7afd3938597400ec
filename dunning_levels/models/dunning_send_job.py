# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext

from ..const import STATE_DRAFT
from ..tools import can_commit

_logger = logging.getLogger(__name__)

# Reminders sent per call of the background sending cron; the cron framework
# commits after each call and calls again while reminders remain.
JOB_BATCH_SIZE = 100
# A job whose batch failed (an unexpected error, the batch rolled back) this
# many times in a row stops, so that it does not hold the other jobs back.
MAX_ATTEMPTS = 3


class DunningSendJob(models.Model):
    """A mass sending of payment reminders running in the background.

    The sending wizard records one when more reminders are selected than the
    company's threshold. The scheduled action sends them in batches of whole
    communications through the sending service (``dunning.sending``), each
    batch committed with the list of reminders it processed: a crash resumes
    with the next batch, and a reminder no longer to send (sent meanwhile by
    someone else) is skipped, so that nothing is sent twice. Each batch tells
    the job's open forms to reload (Odoo's bus).
    """

    _name = "dunning.send.job"
    _description = "Background Sending of Payment Reminders"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    state = fields.Selection(
        selection=[
            ("pending", "Waiting"),
            ("running", "In Progress"),
            ("done", "Done"),
            ("cancelled", "Cancelled"),
            ("failed", "Failed"),
        ],
        default="pending",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Requested By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        default=lambda self: self.env.company,
        index=True,
    )
    send_options = fields.Json(
        readonly=True,
        help="Options of the sending (channels, grouping, sorting), replayed "
        "for every batch: see dunning.sending._get_default_options.",
    )
    reminder_ids = fields.Many2many(
        comodel_name="dunning.reminder",
        relation="dunning_send_job_reminder_rel",
        column1="job_id",
        column2="reminder_id",
        string="Reminders",
        readonly=True,
    )
    processed_reminder_ids = fields.Many2many(
        comodel_name="dunning.reminder",
        relation="dunning_send_job_processed_reminder_rel",
        column1="job_id",
        column2="reminder_id",
        string="Processed Reminders",
        readonly=True,
        help="Reminders already handled by a batch: sent, failed or skipped.",
    )
    total_count = fields.Integer(string="Reminders to Send", readonly=True)
    done_count = fields.Integer(string="Reminders Processed", readonly=True)
    progress = fields.Float(compute="_compute_progress", string="Progress (%)")
    sent_count = fields.Integer(string="Reminders Sent", readonly=True)
    failed_count = fields.Integer(string="Failures", readonly=True)
    skipped_count = fields.Integer(
        string="Skipped",
        readonly=True,
        help="Reminders no longer to send when their batch came (sent, "
        "cancelled or closed meanwhile).",
    )
    result_data = fields.Json(
        readonly=True,
        help="What the batches did, for the final summary: see "
        "dunning.sending._new_result.",
    )
    # Sanitized although only the model writes it: what it shows comes from
    # customer names and error texts.
    summary_html = fields.Html(readonly=True, string="Summary")
    attachment_ids = fields.Many2many(
        comodel_name="ir.attachment",
        string="Documents",
        readonly=True,
        help="Letters and call lists printed by the batches.",
    )
    date_done = fields.Datetime(string="Finished On", readonly=True)
    last_batch_date = fields.Datetime(
        string="Last Batch Started On", readonly=True, copy=False
    )
    attempt_count = fields.Integer(
        readonly=True,
        copy=False,
        help="Batches started since the last one that went through.",
    )

    @api.depends("total_count", "done_count")
    def _compute_progress(self):
        for job in self:
            job.progress = (
                100.0 * job.done_count / job.total_count if job.total_count else 100.0
            )

    @api.depends("total_count")
    def _compute_display_name(self):
        for job in self:
            job.display_name = self.env._(
                "Sending of %(count)s reminder(s) #%(id)s",
                count=job.total_count,
                id=job._origin.id or "",
            )

    # ------------------------------------------------------------
    # CREATION (from the sending wizard)
    # ------------------------------------------------------------

    @api.model
    def _create_from_wizard(self, wizard, reminders, options, result=None):
        """Record the background sending of ``reminders`` with ``options``
        (see ``dunning.sending._get_default_options``), from the company of
        ``wizard`` (a ``dunning.send``), and wake the scheduled action up.

        The job sends in the name of the current user: their right to send
        ``reminders`` from the wizard's company is checked here, then the job
        is created as superuser (users have no right to create jobs).

        :param dict result: what is already known, e.g. the invoices the
            wizard could not remind (see ``dunning.sending._new_result``)
        :raise AccessError: when the user may not send these reminders
        """
        result = result or self.env["dunning.sending"]._new_result()
        reminders.check_access("write")
        if not self.env.su and wizard.company_id not in self.env.user.company_ids:
            raise AccessError(
                self.env._(
                    "You cannot send payment reminders from %(company)s.",
                    company=wizard.company_id.display_name,
                )
            )
        job = self.sudo().create(
            {
                "user_id": self.env.user.id,
                "company_id": wizard.company_id.id,
                "send_options": options,
                "reminder_ids": [Command.set(reminders.ids)],
                "total_count": len(reminders),
                "failed_count": len(result["failures"]),
                "result_data": result,
            }
        )
        job._schedule()
        return job.sudo(False)

    def _schedule(self):
        """Start these sendings in the background.

        TO EXTEND to run them elsewhere than in the scheduled action (e.g.
        on a job queue); a job left to the scheduled action must match
        :meth:`_get_cron_domain`. Default: wake the scheduled action up.
        """
        self._trigger_cron()

    def _trigger_cron(self):
        self.env.ref("dunning_levels.ir_cron_dunning_send_job").sudo()._trigger()

    def _get_action(self):
        """Return the action showing this job's progress."""
        self.ensure_one()
        return self._get_records_action(
            name=self.env._("Background Sending"), context={}
        )

    # ------------------------------------------------------------
    # PROCESSING
    # ------------------------------------------------------------

    @api.model
    def _cron_process_jobs(self, batch_size=JOB_BATCH_SIZE):
        """Scheduled action: send one batch of the least recently served
        unfinished job.

        Reports its progress in reminders; the cron framework commits and
        calls again while reminders remain, and the cron is triggered again
        when it stops before the end. A batch that fails is rolled back and
        retried at the next run (every 10 minutes), up to
        :data:`MAX_ATTEMPTS` times.
        """
        # Least recently served first: a job whose batches keep failing does
        # not hold the others back.
        jobs = self.sudo().search(
            self._get_cron_domain(),
            order="last_batch_date asc nulls first, id",
        )
        done = 0
        job = jobs[:1]
        refusal = job and job.with_context(lang=job.user_id.lang)._get_refusal()
        if job.attempt_count >= MAX_ATTEMPTS:
            _logger.error(
                "Background sending %s stopped: its last %s batches failed.",
                job.id,
                job.attempt_count,
            )
            job._finish(state="failed")
        elif refusal:
            _logger.warning("Background sending %s refused: %s", job.id, refusal)
            job._finish(state="failed", refusal=refusal)
        elif job:
            # Recorded (and committed) before the batch: if it fails, the next
            # call serves another job and this one counts the failure.
            job.write(
                {
                    "last_batch_date": fields.Datetime.now(),
                    "attempt_count": job.attempt_count + 1,
                }
            )
            if can_commit(self.env):
                self.env.cr.commit()  # pylint: disable=invalid-commit
            done = job._process_batch(batch_size)
        remaining = sum(job.total_count - job.done_count for job in jobs)
        _logger.info(
            "Background sending: %s reminder(s) processed, %s remaining",
            done,
            remaining,
        )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        if remaining:
            self._trigger_cron()

    @api.model
    def _get_cron_domain(self):
        """Return the domain of the jobs the scheduled action sends.

        TO EXTEND to leave out the jobs sent by other means (call super).
        """
        return [("state", "in", ("pending", "running"))]

    def _get_refusal(self):
        """Return why this job may not send in its user's name any more, or
        None.

        Checked before each batch: since the sending was asked for, its user
        may have been archived, or lost the right to send reminders or the
        access to a company of the job.

        TO OVERRIDE to refuse more jobs (call super).

        :return: translated reason, or None
        """
        self.ensure_one()
        user = self.user_id
        if not user.active:
            return self.env._("%(user)s is archived.", user=user.name)
        outside = (self.company_id | self.reminder_ids.company_id) - user.company_ids
        if outside:
            return self.env._(
                "%(user)s is not allowed in %(companies)s any more.",
                user=user.name,
                companies=", ".join(outside.mapped("display_name")),
            )
        reminders = (self.reminder_ids - self.processed_reminder_ids).with_env(
            self.env(
                user=user.id,
                su=False,
                context=dict(
                    self.env.context, allowed_company_ids=user.company_ids.ids
                ),
            )
        )
        if not reminders.has_access("write"):
            return self.env._(
                "%(user)s is not allowed to send these reminders any more.",
                user=user.name,
            )
        return None

    def _get_sending_env(self):
        """Return the environment sending this job's batches: its user's,
        in the job's companies and the user's language."""
        self.ensure_one()
        context = dict(
            self.env.context,
            allowed_company_ids=(self.company_id | self.reminder_ids.company_id).ids,
            lang=self.user_id.lang,
            tz=self.user_id.tz,
        )
        # The scheduled action's progress is the job's, not the sending's.
        context.pop("ir_cron_progress_id", None)
        return self.env(user=self.user_id.id, su=False, context=context)

    def _get_send_options(self):
        """Return this job's sending options.

        A job recorded before the sending service stored the wizard's fields
        (``use_<channel>`` booleans): they are read as the same options.
        """
        self.ensure_one()
        options = dict(self.send_options or {})
        if "channels" not in options:
            options["channels"] = [
                channel
                for channel in self.env["dunning.sending"]._get_channels()
                if options.pop(f"use_{channel}", False)
            ]
            options["call_list"] = options.pop("use_phone", False)
        return options

    def _get_result(self):
        """Return what this job's batches did (``result_data``).

        A job recorded before the sending service kept its communications
        and failures as lists: they are read as the same result.
        """
        self.ensure_one()
        result = dict(self.result_data or {})
        if isinstance(result.get("sent"), list):
            groups = result.pop("sent")
            result["groups"] = groups
            result["sent_count"] = sum(len(ids) for ids, __ in groups)
            result["failures"] = [
                {"name": name, "channel": channel, "code": "", "message": reason}
                for name, channel, reason in result.get("failures", [])
            ]
            result.pop("counters", None)
        return {**self.env["dunning.sending"]._new_result(), **result}

    def _split_batches(self, reminders, batch_size=JOB_BATCH_SIZE):
        """Split ``reminders`` into batches of whole communications, in
        sending order, of at most ``batch_size`` reminders (a communication
        larger than that makes a batch of its own).

        :return: list of ``dunning.reminder`` recordsets
        """
        self.ensure_one()
        options = self._get_send_options()
        batches, batch = [], self.env["dunning.reminder"]
        for group in reminders._group_for_sending(
            options.get("grouping", "customer"), options.get("sort_key", "partner")
        ):
            if batch and len(batch) + len(group) > batch_size:
                batches.append(batch)
                batch = self.env["dunning.reminder"]
            batch |= group
        if batch:
            batches.append(batch)
        return batches

    def _send_batch(self, reminders):
        """Send ``reminders``, whole communications of this job, in the name
        of the job's user; those no longer to send are skipped.

        The reminders are locked for the sending (see
        ``dunning.reminder._lock_for_sending``): a batch sent twice at the
        same time, or again after a crash, sends each reminder once.

        :return: (the batch's result, see ``dunning.sending._new_result``;
            the reminders skipped)
        """
        self.ensure_one()
        to_send = reminders.filtered(lambda r: r.state == STATE_DRAFT)
        env = self._get_sending_env()
        result = env["dunning.sending"]._new_result()
        if to_send:
            result = env["dunning.sending"]._send(
                self._get_send_options(), reminders=to_send.with_env(env)
            )
        return result, reminders - to_send

    def _process_batch(self, batch_size=JOB_BATCH_SIZE):
        """Send the next batch of whole communications of this job.

        :return: number of reminders processed (sent, failed or skipped)
        """
        self.ensure_one()
        remaining = self.reminder_ids - self.processed_reminder_ids
        to_send = remaining.filtered(lambda r: r.state == STATE_DRAFT)
        batch = next(iter(self._split_batches(to_send, batch_size)), to_send)
        batch_result, skipped = self._send_batch(batch)
        skipped |= remaining - to_send
        self._add_batch_result(batch | skipped, batch_result, len(skipped))
        self.write({"state": "running", "attempt_count": 0})
        if not self.reminder_ids - self.processed_reminder_ids:
            self._finish()
        else:
            self._notify_progress()
        return len(batch | skipped)

    def _add_batch_result(self, processed, batch_result, skipped_count):
        """Count on this job the reminders ``processed`` by one batch, what
        it sent (``batch_result``, see ``dunning.sending._new_result``) and
        how many it skipped."""
        self.ensure_one()
        values = {
            "processed_reminder_ids": [Command.link(r.id) for r in processed],
            "done_count": self.done_count + len(processed),
            "skipped_count": self.skipped_count + skipped_count,
            "sent_count": self.sent_count + batch_result["sent_count"],
            "failed_count": self.failed_count + len(batch_result["failures"]),
            "result_data": self.env["dunning.sending"]._merge_results(
                self._get_result(), batch_result
            ),
        }
        documents = (
            batch_result["letter_attachment_ids"]
            + batch_result["call_list_attachment_ids"]
        )
        if documents:
            values["attachment_ids"] = [Command.link(id_) for id_ in documents]
        self.write(values)

    def _notify_progress(self):
        """Tell the open forms of these jobs to reload (Odoo's bus): their
        user's browser tabs, where the job's form listens."""
        for job in self:
            job.user_id._bus_send(
                "dunning_levels.send_job_progress",
                {"id": job.id, "state": job.state, "progress": job.progress},
            )

    def _finish(self, state="done", refusal=None):
        """Write the summary, close the job and tell its user.

        :param str refusal: why the job was refused (see :meth:`_get_refusal`)
        """
        for job in self:
            job.write({"state": state, "date_done": fields.Datetime.now()})
            job.summary_html = job.with_context(lang=job.user_id.lang)._render_summary(
                refusal=refusal
            )
            job._notify_user()
            job._notify_progress()

    def _get_summary_notes(self):
        """Return the sentences closing this job's summary: the reminders
        skipped, and why the job stopped before the end."""
        self.ensure_one()
        notes = []
        if self.skipped_count:
            notes.append(
                self.env._(
                    "%(count)s reminder(s) skipped: no longer to send when their "
                    "turn came (sent, cancelled or closed meanwhile).",
                    count=self.skipped_count,
                )
            )
        remaining = self.total_count - self.done_count
        if self.state == "failed":
            notes.append(
                self.env._(
                    "Sending stopped after repeated errors: %(count)s reminder(s) "
                    "were not sent and remain to send. Please contact your "
                    "administrator.",
                    count=remaining,
                )
            )
        elif remaining:
            notes.append(
                self.env._(
                    "Sending cancelled: %(count)s reminder(s) were not sent and "
                    "remain to send.",
                    count=remaining,
                )
            )
        return notes

    def _render_summary(self, refusal=None):
        """Render the summary of this job, as the sending wizard shows it.

        A job refused before its end (see :meth:`_get_refusal`) does nothing
        more in its user's name, not even the summary of its batches.
        """
        self.ensure_one()
        service = self.env["dunning.sending"]
        if refusal:
            return self.env["ir.qweb"]._render(
                "dunning_levels.dunning_send_job_refusal",
                {
                    "lines": [
                        self.env._("Sending refused: %(reason)s", reason=refusal),
                        self.env._(
                            "%(sent)s reminder(s) sent before; %(count)s "
                            "reminder(s) were not sent and remain to send.",
                            sent=self.sent_count,
                            count=self.total_count - self.done_count,
                        ),
                    ]
                },
            )
        return service._render_summary_html(
            self._get_result(), notes=self._get_summary_notes()
        )

    def _notify_user(self):
        """Post the summary on the job for its user (inbox) and pop a
        notification in their open browser tabs."""
        self.ensure_one()
        self.with_context(lang=self.user_id.lang).message_post(
            body=self.summary_html,
            subject=self.display_name,
            partner_ids=self.user_id.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self.user_id._bus_send(
            "simple_notification",
            {
                "type": "success"
                if self.state == "done" and not self.failed_count
                else "warning",
                "title": self.with_context(lang=self.user_id.lang).env._(
                    "Payment reminders sent"
                ),
                "message": html2plaintext(self.summary_html),
                "sticky": True,
            },
        )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_cancel(self):
        """Stop the sending: the reminders not processed yet stay to send.

        Jobs are read-only to users: the user who asked for the sending, or
        an accounting manager, may cancel it; the job is then written as
        superuser.

        :raise AccessError: for a job of someone else
        """
        self.check_access("read")
        if not (
            self.env.su or self.env.user.has_group("account.group_account_manager")
        ) and any(job.user_id != self.env.user for job in self):
            raise AccessError(
                self.env._(
                    "Only who asked for a sending, or an accounting manager, can "
                    "cancel it."
                )
            )
        if any(job.state not in ("pending", "running") for job in self):
            raise UserError(
                self.env._("Only a waiting or running sending can be cancelled.")
            )
        self.sudo()._finish(state="cancelled")
        return True

    def action_open_reminders(self):
        """List this job's reminders."""
        self.ensure_one()
        return self.reminder_ids._get_action()
