# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import SUPERUSER_ID, fields, models

from odoo.addons.dunning_levels.const import RAISE_TRANSIENT_CONTEXT_KEY
from odoo.addons.queue_job.exception import RetryableJobError

# States of a batch: to send, sent (its figures on the batch), counted (its
# figures added to its background sending by the tally).
BATCH_PENDING = "pending"
BATCH_DONE = "done"
BATCH_COUNTED = "counted"


class DunningSendJobBatch(models.Model):
    """A batch of whole communications of a background sending, sent by one
    job of the job queue.

    The batches of one sending run in parallel, on as many workers as the
    channel ``root.dunning`` allows. Each one writes only its own record
    (its figures, its state), never the sending's, which would make
    concurrent batches conflict; the tally of the sending (see
    ``dunning.send.job._queue_tally``) adds them up.
    """

    _name = "dunning.send.job.batch"
    _description = "Batch of a Background Sending of Payment Reminders"
    _order = "job_id, sequence, id"

    job_id = fields.Many2one(
        comodel_name="dunning.send.job",
        string="Background Sending",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="job_id.company_id", store=True, index=True, readonly=True
    )
    sequence = fields.Integer(readonly=True)
    reminder_ids = fields.Many2many(
        comodel_name="dunning.reminder",
        relation="dunning_send_job_batch_reminder_rel",
        column1="batch_id",
        column2="reminder_id",
        string="Reminders",
        readonly=True,
    )
    state = fields.Selection(
        selection=[
            (BATCH_PENDING, "To Send"),
            (BATCH_DONE, "Sent"),
            (BATCH_COUNTED, "Counted"),
        ],
        default=BATCH_PENDING,
        required=True,
        readonly=True,
        index=True,
    )
    result_data = fields.Json(
        readonly=True,
        help="What the batch did: see dunning.sending._new_result.",
    )
    skipped_count = fields.Integer(readonly=True)
    refusal = fields.Char(
        readonly=True,
        help="Why the batch was not sent: its sending may no longer send in "
        "its user's name (see dunning.send.job._get_refusal).",
    )

    def _get_identity_key(self):
        """Return the key of this batch's job: a batch is never queued
        twice while a job of it waits to run."""
        self.ensure_one()
        return f"{self._name},{self.id}"

    def _filter_failed(self):
        """Return those of these batches whose job failed for good on the
        job queue (its retries exhausted) and was not queued again."""
        jobs = (
            self.env["queue.job"]
            .sudo()
            .search(
                [
                    ("identity_key", "in", [b._get_identity_key() for b in self]),
                    ("state", "not in", ("done", "cancelled")),
                ]
            )
        )
        failed = set(
            jobs.filtered(lambda j: j.state == "failed").mapped("identity_key")
        )
        failed -= set(
            jobs.filtered(lambda j: j.state != "failed").mapped("identity_key")
        )
        return self.filtered(lambda b: b._get_identity_key() in failed)

    def _enqueue(self):
        """Queue one job sending each of these batches, on the channel of
        the job function (``root.dunning``).

        The jobs run as the superuser, as the scheduled action does: each
        batch sends in the name of its sending's user (see
        ``dunning.send.job._get_sending_env``).
        """
        for batch in self.with_user(SUPERUSER_ID):
            batch.with_delay(
                description=self.env._(
                    "Payment reminders: batch %(sequence)s of sending #%(job)s",
                    sequence=batch.sequence,
                    job=batch.job_id.id,
                ),
                identity_key=batch._get_identity_key(),
            )._send()

    def _send(self):
        """Job: send this batch, unless it was sent already (a job run
        again) or its sending is over (cancelled, refused).

        The reminders are locked and re-read (see
        ``dunning.send.job._send_batch``): a batch run again after its worker
        died sends only what the dead worker did not commit, so each
        reminder is sent once.

        :raise RetryableJobError: on a transient error (see
            ``dunning.sending._is_transient_error``): the batch is rolled back
            and tried again later (the job function's retry pattern)
        :return: what the batch did, for the job's result
        """
        self.ensure_one()
        batch = self.sudo()
        job = batch.job_id
        if batch.state != BATCH_PENDING or job.state not in ("pending", "running"):
            return "Nothing to send."
        refusal = job.with_context(lang=job.user_id.lang)._get_refusal()
        if refusal:
            batch.write({"state": BATCH_DONE, "refusal": refusal})
            return refusal
        service = self.env["dunning.sending"]
        try:
            result, skipped = job.with_context(
                **{RAISE_TRANSIENT_CONTEXT_KEY: True}
            )._send_batch(batch.reminder_ids)
        except Exception as error:
            if service._is_transient_error(error):
                raise RetryableJobError(str(error) or type(error).__name__) from error
            raise
        batch.write(
            {
                "state": BATCH_DONE,
                "result_data": result,
                "skipped_count": len(skipped),
            }
        )
        return (
            f"{result['sent_count']} reminder(s) sent, "
            f"{len(result['failures'])} failure(s), {len(skipped)} skipped."
        )
