# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import SUPERUSER_ID, Command, api, fields, models
from odoo.osv import expression

from odoo.addons.dunning_levels.models.dunning_send_job import JOB_BATCH_SIZE

from .dunning_send_job_batch import BATCH_COUNTED, BATCH_DONE, BATCH_PENDING

# System parameter: reminders per job (whole communications).
BATCH_SIZE_PARAM = "dunning_levels_queue_job.batch_size"
# Seconds between two tallies of a sending whose batches are still running:
# how often its progress moves on its form.
TALLY_DELAY = 5
# The tally runs before the batches waiting in the channel (lower first).
TALLY_PRIORITY = 5


class DunningSendJob(models.Model):
    """A background sending run on the job queue: one job per batch of
    whole communications, on the channel ``root.dunning``, and a tally job
    adding up the batches' figures on the sending until they are all sent.

    A sending with batches is left out of the scheduled action; uninstalling
    this addon gives the unfinished ones back to it (see ``hooks.py``).
    """

    _inherit = "dunning.send.job"

    queue_batch_ids = fields.One2many(
        comodel_name="dunning.send.job.batch",
        inverse_name="job_id",
        string="Batches",
        readonly=True,
    )

    # ------------------------------------------------------------
    # SCHEDULING
    # ------------------------------------------------------------

    def _schedule(self):
        # EXTENDS 'dunning_levels': on the job queue for the companies that
        # chose it; the scheduled action keeps the others, and the sendings
        # with nothing to queue.
        queued = self.filtered(
            lambda job: job.company_id.dunning_send_on_job_queue
        )._enqueue_batches()
        return super(DunningSendJob, self - queued)._schedule()

    @api.model
    def _get_cron_domain(self):
        # EXTENDS 'dunning_levels': the sendings on the job queue are not the
        # scheduled action's.
        return expression.AND(
            [super()._get_cron_domain(), [("queue_batch_ids", "=", False)]]
        )

    @api.model
    def _get_queue_batch_size(self):
        """Return the number of reminders per job (system parameter
        ``dunning_levels_queue_job.batch_size``, default
        ``JOB_BATCH_SIZE``)."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(BATCH_SIZE_PARAM, JOB_BATCH_SIZE)
        )
        try:
            return max(int(value), 1)
        except ValueError:
            return JOB_BATCH_SIZE

    def _enqueue_batches(self, batch_size=None):
        """Split each of these sendings into batches of whole communications
        of at most ``batch_size`` reminders (default: see
        :meth:`_get_queue_batch_size`), once, and queue a job for each
        batch still to send, and the tally.

        Called again on a sending already split, it creates no batch, and
        queues no job for a batch whose job waits to run already (identity
        keys).

        :return: the sendings queued (those with reminders to send)
        """
        batch_size = batch_size or self._get_queue_batch_size()
        queued = self.browse()
        for job in self.sudo():
            if not job.queue_batch_ids:
                remaining = job.reminder_ids - job.processed_reminder_ids
                job.queue_batch_ids = [
                    Command.create(
                        {"sequence": sequence, "reminder_ids": [Command.set(batch.ids)]}
                    )
                    for sequence, batch in enumerate(
                        job._split_batches(remaining, batch_size), start=1
                    )
                ]
            pending = job.queue_batch_ids.filtered(lambda b: b.state == BATCH_PENDING)
            if job.queue_batch_ids:
                pending._enqueue()
                job._enqueue_tally()
                queued |= job
        return queued

    def _get_tally_identity_key(self):
        self.ensure_one()
        return f"{self._name}._queue_tally,{self.id}"

    def _enqueue_tally(self, delay=0):
        """Queue the tally of this sending, in ``delay`` seconds."""
        self.ensure_one()
        self.with_user(SUPERUSER_ID).with_delay(
            priority=TALLY_PRIORITY,
            eta=delay or None,
            description=self.env._(
                "Payment reminders: tally of sending #%(job)s", job=self.id
            ),
            identity_key=self._get_tally_identity_key(),
        )._queue_tally()

    # ------------------------------------------------------------
    # TALLY
    # ------------------------------------------------------------

    def _queue_tally(self):
        """Job: add the figures of the batches sent since the last tally to
        this sending (progress, summary), and finish it once every batch is
        sent; otherwise tally again in :data:`TALLY_DELAY` seconds.

        The sending also finishes, as failed, when its batches still to send
        all failed for good on the job queue (their retries exhausted), or
        when a batch was refused (see ``_get_refusal``).

        :return: what the tally did, for the job's result
        """
        self.ensure_one()
        job = self.sudo()
        if job.state not in ("pending", "running"):
            return "The sending is over."
        job._tally_batches()
        refused = job.queue_batch_ids.filtered("refusal")[:1]
        pending = job.queue_batch_ids.filtered(lambda b: b.state == BATCH_PENDING)
        if refused:
            job._finish(state="failed", refusal=refused.refusal)
        elif not pending:
            job._finish()
        elif pending == pending._filter_failed():
            job._finish(state="failed")
        else:
            job._notify_progress()
            job._enqueue_tally(delay=TALLY_DELAY)
        return f"{job.done_count}/{job.total_count} reminder(s) processed."

    def _tally_batches(self):
        """Add the figures of the batches sent and not counted yet to these
        sendings."""
        for job in self:
            done = job.queue_batch_ids.filtered(lambda b: b.state == BATCH_DONE)
            for batch in done:
                job._add_batch_result(
                    batch.reminder_ids,
                    batch.result_data or self.env["dunning.sending"]._new_result(),
                    batch.skipped_count,
                )
            if done:
                done.write({"state": BATCH_COUNTED})
                if job.state == "pending":
                    job.state = "running"

    def _finish(self, state="done", refusal=None):
        # EXTENDS 'dunning_levels': the batches sent count in the summary,
        # also when the sending is cancelled before its tally.
        self._tally_batches()
        return super()._finish(state=state, refusal=refusal)
