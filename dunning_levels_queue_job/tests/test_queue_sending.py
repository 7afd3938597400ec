# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import smtplib
from unittest.mock import patch

from odoo.tests import freeze_time, tagged

from odoo.addons.dunning_levels.tests.common import DunningCommon
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from ..models.dunning_send_job import BATCH_SIZE_PARAM


@tagged("post_install", "-at_install")
class TestQueueSending(DunningCommon):
    """A background sending on the job queue: one job per batch of whole
    communications on ``root.dunning``, and the tally on the sending."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {"dunning_send_background_threshold": 3, "dunning_send_on_job_queue": True}
        )
        # Two reminders per job, as an administrator would tune it.
        cls.env["ir.config_parameter"].sudo().set_param(BATCH_SIZE_PARAM, 2)
        cls.cron = cls.env.ref("dunning_levels.ir_cron_dunning_send_job")
        cls.customers = {
            name: cls.create_customer(name, email=f"{name.lower()}@example.com")
            for name in ("Alpha", "Bravo", "Charlie", "Delta", "Echo")
        }
        # Alpha owes two invoices: one communication of two reminders.
        for name, date in [
            ("Alpha", "2026-01-01"),
            ("Alpha", "2026-01-02"),
            ("Bravo", "2026-01-03"),
            ("Charlie", "2026-01-04"),
            ("Delta", "2026-01-05"),
            ("Echo", "2026-01-06"),
        ]:
            cls.create_invoice(cls.customers[name], date, 100.0)

    def _send_in_background(self):
        """Generate the reminders and send them by email with the wizard,
        above the background threshold.

        :return: (the ``dunning.send.job``, the reminders)
        """
        with freeze_time("2026-02-01"):
            reminders = self.generate("2026-02-01")
        self.assertEqual(len(reminders), 6)
        action = self.open_send_wizard(
            reminders, user=self.billing_user, use_email=True
        ).action_send()
        self.assertEqual(action["res_model"], "dunning.send.job")
        return self.env["dunning.send.job"].browse(action["res_id"]), reminders

    def _emails(self, customer):
        return self.env["mail.mail"].search(
            [("recipient_ids", "in", customer.ids), ("model", "=", "account.move")]
        )

    def _assert_each_emailed_once(self, reminders):
        self.assertEqual(set(reminders.mapped("state")), {"sent"})
        for customer in self.customers.values():
            self.assertEqual(len(self._emails(customer)), 1, customer.name)
        for reminder in reminders:
            sent = reminder.history_ids.filtered(lambda h: h.action == "sent")
            self.assertEqual(len(sent), 1, reminder.move_id.name)

    def test_one_job_per_batch_on_the_dunning_channel(self):
        """The sending queues one job per batch of whole communications on
        root.dunning, each with its own identity key, and a tally; the
        scheduled action leaves it alone; performing the jobs sends every
        reminder once and writes the summary on the sending."""
        with trap_jobs() as trap:
            job, reminders = self._send_in_background()
            batches = job.queue_batch_ids
            # Alpha (2) | Bravo, Charlie | Delta, Echo.
            self.assertEqual(
                [b.reminder_ids.partner_id.mapped("name") for b in batches],
                [["Alpha"], ["Bravo", "Charlie"], ["Delta", "Echo"]],
            )
            trap.assert_jobs_count(4)
            trap.assert_jobs_count(1, only=job._queue_tally)
            for batch in batches:
                trap.assert_jobs_count(1, only=batch._send)
                trap.assert_enqueued_job(
                    batch._send,
                    properties={"identity_key": batch._get_identity_key()},
                )
            self.assertEqual(
                {queued.channel for queued in trap.enqueued_jobs}, {"root.dunning"}
            )
            self.assertEqual(
                len({queued.identity_key for queued in trap.enqueued_jobs}), 4
            )
            self.assertEqual(set(reminders.mapped("state")), {"draft"})

            self.cron.method_direct_trigger()
            self.assertRecordValues(job, [{"state": "pending", "done_count": 0}])

            # The batches run (the tally first: it waits for them), then the
            # tally queued again finishes the sending.
            trap.perform_enqueued_jobs()
            self.assertEqual(set(batches.mapped("state")), {"done"})
            trap.assert_jobs_count(1, only=job._queue_tally)
            trap.perform_enqueued_jobs()

        self._assert_each_emailed_once(reminders)
        self.assertEqual(set(batches.mapped("state")), {"counted"})
        self.assertRecordValues(
            job,
            [
                {
                    "state": "done",
                    "done_count": 6,
                    "sent_count": 6,
                    "failed_count": 0,
                    "skipped_count": 0,
                    "progress": 100.0,
                }
            ],
        )
        self.assertEqual(job.processed_reminder_ids, reminders)
        self.assertIn("6 reminder(s) sent, 0 failure(s)", job.summary_html)

    def test_second_enqueue_queues_nothing(self):
        """Queuing a sending again creates no batch and no job while its
        jobs wait to run (identity keys in the queue)."""
        job, __ = self._send_in_background()
        queue_jobs = (
            self.env["queue.job"]
            .sudo()
            .search(
                [("model_name", "in", ("dunning.send.job", "dunning.send.job.batch"))]
            )
        )
        self.assertEqual(len(queue_jobs), 4)
        self.assertEqual(set(queue_jobs.mapped("channel")), {"root.dunning"})
        batches = job.queue_batch_ids
        self.assertEqual(job.sudo()._enqueue_batches(), job)
        self.assertEqual(job.queue_batch_ids, batches)
        self.assertEqual(
            self.env["queue.job"]
            .sudo()
            .search(
                [("model_name", "in", ("dunning.send.job", "dunning.send.job.batch"))]
            ),
            queue_jobs,
        )

    def test_transient_error_retried_then_sent(self):
        """A batch meeting a transient error (an SMTP connection lost) is
        rolled back whole and retried; the retry sends each reminder once."""
        with trap_jobs() as trap:
            job, reminders = self._send_in_background()
            first = job.queue_batch_ids[0]
            (batch_job,) = [
                queued
                for queued in trap.enqueued_jobs
                if queued.identity_key == first._get_identity_key()
            ]
            reminder_class = type(self.env["dunning.reminder"])
            send_email = reminder_class._send_email

            def disconnect_once(reminders, *args, **kwargs):
                if not calls:
                    calls.append(reminders)
                    raise smtplib.SMTPServerDisconnected(
                        "Connection unexpectedly closed"
                    )
                return send_email(reminders, *args, **kwargs)

            calls = []
            with (
                patch.object(reminder_class, "_send_email", disconnect_once),
                self.assertRaises(RetryableJobError),
                self.env.cr.savepoint(),
            ):
                batch_job.perform()
            self.assertEqual(first.state, "pending")
            self.assertFalse(self._emails(self.customers["Alpha"]))
            self.assertFalse(
                first.reminder_ids.history_ids.filtered(lambda h: h.action == "failed")
            )
            trap.perform_enqueued_jobs()
            trap.perform_enqueued_jobs()
        self._assert_each_emailed_once(reminders)
        self.assertRecordValues(job, [{"state": "done", "sent_count": 6}])

    def test_without_the_setting_the_scheduled_action_sends(self):
        """A company that did not choose the job queue keeps the scheduled
        action: nothing is queued, the cron sends."""
        self.company.dunning_send_on_job_queue = False
        with trap_jobs() as trap:
            job, reminders = self._send_in_background()
            trap.assert_jobs_count(0)
        self.assertFalse(job.queue_batch_ids)
        self.cron.method_direct_trigger()
        self.assertEqual(job.state, "done")
        self._assert_each_emailed_once(reminders)

    def test_cancelled_sending_sends_no_more_batches(self):
        """Cancelled after its first batch, a sending counts what was sent in
        its summary; its other batches send nothing."""
        with trap_jobs() as trap:
            job, reminders = self._send_in_background()
            first = job.queue_batch_ids[0]
            first._send()
            job.with_user(self.billing_user).action_cancel()
            trap.perform_enqueued_jobs()
        self.assertRecordValues(
            job, [{"state": "cancelled", "done_count": 2, "sent_count": 2}]
        )
        self.assertIn("4 reminder(s) were not sent", job.summary_html)
        self.assertEqual(
            set((reminders - first.reminder_ids).mapped("state")), {"draft"}
        )
