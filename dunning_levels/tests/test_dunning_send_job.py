# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools import mute_logger

from .common import DunningCommon


class SimulatedCrash(Exception):
    """Raised by a test to roll a batch back as a crash would."""


@tagged("post_install", "-at_install")
class TestDunningSendJob(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.dunning_send_background_threshold = 3
        cls.cron = cls.env.ref("dunning_levels.ir_cron_dunning_send_job")
        # Two reminders per batch, as an administrator would tune it.
        cls.cron.code = "model._cron_process_jobs(batch_size=2)"
        address = {"street": "1 rue de la Paix", "zip": "75002", "city": "Paris"}
        cls.alpha = cls.create_customer("Alpha", email="alpha@example.com", **address)
        cls.bravo = cls.create_customer("Bravo", email="bravo@example.com", **address)
        cls.charlie = cls.create_customer("Charlie", email="c@example.com", **address)
        cls.delta = cls.create_customer("Delta", email="delta@example.com", **address)
        cls.echo = cls.create_customer("Echo", email=False, **address)
        cls.invoices = cls.env["account.move"]
        for partner, date in [
            (cls.alpha, "2026-01-01"),
            (cls.alpha, "2026-01-02"),
            (cls.bravo, "2026-01-03"),
            (cls.charlie, "2026-01-04"),
            (cls.delta, "2026-01-05"),
            (cls.echo, "2026-01-06"),
        ]:
            cls.invoices |= cls.create_invoice(partner, date, 100.0)

    def _reminders(self):
        with freeze_time("2026-02-01"):
            return self.generate("2026-02-01")

    def _wizard(self, records, **values):
        """Open the sending wizard on ``records`` as the billing user."""
        return self.open_send_wizard(records, user=self.billing_user, **values)

    def _send(self, records, **values):
        """Send ``records`` through the wizard; return its answer."""
        return self._wizard(records, **values).action_send()

    def _job(self, action):
        self.assertEqual(action["res_model"], "dunning.send.job")
        return self.env["dunning.send.job"].browse(action["res_id"])

    def _run_cron(self):
        """Run the scheduled action through its record; return its progress."""
        self.cron.method_direct_trigger()
        return self.env["ir.cron.progress"].search(
            [("cron_id", "=", self.cron.id)], order="id desc", limit=1
        )

    def _emails(self, partner):
        return self.env["mail.mail"].search(
            [("recipient_ids", "in", partner.ids), ("model", "=", "account.move")]
        )

    def test_large_sending_runs_in_background_batches(self):
        """Above the threshold the wizard records a job and sends nothing; the
        cron sends it in batches, skips what was sent meanwhile, goes on after
        a failing customer and tells the user with the summary."""
        reminders = self._reminders()
        self.assertEqual(len(reminders), 6)
        wizard = self._wizard(reminders, use_email=True, grouping="customer")
        self.assertIn("sent in the background", wizard.preview_html)
        job = self._job(wizard.action_send())
        self.assertRecordValues(
            job,
            [
                {
                    "state": "pending",
                    "user_id": self.billing_user.id,
                    "company_id": self.company.id,
                    "total_count": 6,
                    "done_count": 0,
                }
            ],
        )
        self.assertEqual(set(reminders.mapped("state")), {"draft"})
        self.assertFalse(reminders.mail_message_id)
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
        )

        # First batch: Alpha's communication (two reminders).
        with freeze_time("2026-02-02 09:00:00"):
            progress = self._run_cron()
        self.assertRecordValues(progress, [{"done": 2, "remaining": 4}])
        self.assertRecordValues(
            job, [{"state": "running", "done_count": 2, "progress": 100.0 * 2 / 6}]
        )
        alpha = reminders.filtered(lambda r: r.partner_id == self.alpha)
        self.assertEqual(set(alpha.mapped("state")), {"sent"})
        self.assertEqual(alpha.sent_by_id, self.billing_user)
        self.assertEqual(len(alpha.mail_message_id), 1)

        # Meanwhile, Delta is reminded by hand: the job must skip it.
        delta = reminders.filtered(lambda r: r.partner_id == self.delta)
        delta.with_user(self.billing_user).action_mark_sent()

        with freeze_time("2026-02-02 09:05:00"):
            for __ in range(5):
                if job.state == "done":
                    break
                self._run_cron()
        self.assertEqual(job.state, "done")
        self.assertRecordValues(
            job,
            [
                {
                    "done_count": 6,
                    "sent_count": 4,
                    "failed_count": 1,
                    "skipped_count": 1,
                    "progress": 100.0,
                }
            ],
        )
        for partner in (self.alpha, self.bravo, self.charlie):
            self.assertEqual(len(self._emails(partner)), 1, partner.name)
        self.assertFalse(self._emails(self.delta))
        self.assertEqual(delta.channel, "manual")
        echo = reminders.filtered(lambda r: r.partner_id == self.echo)
        self.assertEqual(echo.state, "draft", "a failure stays to send")
        failed = echo.history_ids.filtered(lambda h: h.action == "failed")
        self.assertEqual(len(failed), 1)
        self.assertIn("4 reminder(s) sent, 1 failure(s)", job.summary_html)
        self.assertIn("Echo has no email address", job.summary_html)
        self.assertIn("1 reminder(s) skipped", job.summary_html)

        # The user finds the summary in their inbox and got a notification.
        message = job.message_ids.filtered(
            lambda m: self.billing_user.partner_id in m.notified_partner_ids
        )
        self.assertEqual(len(message), 1)
        self.assertIn("4 reminder(s) sent", message.body)
        self.env.cr.precommit.run()
        notifications = (
            self.env["bus.bus"]
            .sudo()
            .search([("message", "like", "simple_notification")])
        )
        self.assertTrue(
            any("4 reminder(s) sent" in n.message for n in notifications),
            "the user is notified with the summary",
        )

        # Running again sends nothing more.
        with freeze_time("2026-02-02 10:00:00"):
            progress = self._run_cron()
        self.assertRecordValues(progress, [{"done": 0, "remaining": 0}])
        for partner in (self.alpha, self.bravo, self.charlie):
            self.assertEqual(len(self._emails(partner)), 1, partner.name)
        self.assertEqual(
            echo.history_ids.filtered(lambda h: h.action == "failed"), failed
        )

    def test_crash_in_a_batch_resumes_without_sending_twice(self):
        """A batch that does not reach its commit leaves nothing behind: the
        next run sends the same reminders once."""
        reminders = self._reminders()
        job = self._job(self._send(reminders, use_email=True))
        with self.assertRaises(SimulatedCrash), self.env.cr.savepoint():
            self._run_cron()
            self.assertEqual(len(self._emails(self.alpha)), 1)
            raise SimulatedCrash()
        self.assertEqual(job.done_count, 0)
        self.assertFalse(self._emails(self.alpha))
        for __ in range(5):
            if job.state == "done":
                break
            self._run_cron()
        self.assertEqual(job.state, "done")
        for partner in (self.alpha, self.bravo, self.charlie, self.delta):
            self.assertEqual(len(self._emails(partner)), 1, partner.name)
        self.assertEqual(job.sent_count, 5)

    def test_small_sending_stays_synchronous(self):
        """At or under the threshold, the wizard sends at once as before."""
        reminders = self._reminders().filtered(lambda r: r.partner_id == self.alpha)
        wizard = self._wizard(reminders, use_email=True)
        self.assertNotIn("sent in the background", wizard.preview_html)
        action = wizard.action_send()
        self.assertEqual(action["res_model"], "dunning.send")
        self.assertEqual(set(reminders.mapped("state")), {"sent"})
        self.assertFalse(self.env["dunning.send.job"].search([]))

    def test_from_invoices_and_letters(self):
        """From invoices, the job's reminders are created at once; letters of
        each batch are kept on the job."""
        job = self._job(
            self._send(
                self.invoices.filtered(lambda m: m.partner_id != self.echo),
                use_email=False,
                use_letter=True,
                generation_rule="next",
            )
        )
        self.assertEqual(job.total_count, 5)
        self.assertEqual(set(job.reminder_ids.mapped("level")), {1})
        for __ in range(5):
            if job.state == "done":
                break
            self._run_cron()
        self.assertEqual(job.state, "done")
        self.assertEqual(set(job.reminder_ids.mapped("state")), {"sent"})
        self.assertEqual(set(job.reminder_ids.mapped("channel")), {"letter"})
        # Batches of two reminders: Alpha, Bravo + Charlie, Delta.
        self.assertEqual(len(job.attachment_ids), 3)
        self.assertEqual(
            job.reminder_ids.letter_attachment_id, job.attachment_ids, "reprintable"
        )

    def test_cancel_and_access(self):
        """Cancelling stops the job and leaves the rest to send; a billing
        user only sees their own jobs."""
        reminders = self._reminders()
        job = self._job(self._send(reminders, use_email=True))
        self._run_cron()
        job.with_user(self.billing_user).action_cancel()
        self.assertEqual(job.state, "cancelled")
        self.assertIn("4 reminder(s) were not sent", job.summary_html)
        self._run_cron()
        self.assertEqual(job.done_count, 2)
        self.assertEqual(
            set((reminders - job.processed_reminder_ids).mapped("state")), {"draft"}
        )
        with self.assertRaises(UserError):
            job.action_cancel()
        colleague = new_test_user(
            self.env,
            login="dunning_billing_2",
            groups="account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        jobs = self.env["dunning.send.job"].with_user(colleague)
        self.assertTrue(
            jobs.get_views([(False, "list"), (False, "form"), (False, "search")])
        )
        self.assertFalse(jobs.search([]))
        with self.assertRaises(AccessError):
            jobs.browse(job.id).summary_html  # noqa: B018
        self.assertEqual(
            self.env["dunning.send.job"].with_user(self.manager_user).search([]), job
        )

    @mute_logger("odoo.addons.dunning_levels.models.dunning_send_job")
    def test_failing_job_stops_without_holding_others(self):
        """The least recently served job goes first; a job whose batches kept
        failing stops, tells its user, and leaves its reminders to send."""
        reminders = self._reminders()
        alpha = reminders.filtered(lambda r: r.partner_id == self.alpha)
        others = reminders - alpha
        stuck = self._job(self._send(others, use_email=True))
        stuck.sudo().write(
            {"attempt_count": 3, "last_batch_date": "2026-02-02 08:00:00"}
        )
        self.company.dunning_send_background_threshold = 1
        fresh = self._job(self._send(alpha, use_email=True))
        self._run_cron()
        self.assertEqual(fresh.state, "done", "served first, never tried")
        self.assertEqual(set(alpha.mapped("state")), {"sent"})
        self.assertEqual(stuck.state, "pending")
        self._run_cron()
        self.assertEqual(stuck.state, "failed")
        self.assertIn("Sending stopped after repeated errors", stuck.summary_html)
        self.assertIn("4 reminder(s) were not sent", stuck.summary_html)
        self.assertEqual(set(others.mapped("state")), {"draft"})
        self.assertTrue(
            stuck.message_ids.filtered(
                lambda m: self.billing_user.partner_id in m.notified_partner_ids
            )
        )

    def test_batch_tells_the_open_forms_to_reload(self):
        """Each batch sends its progress on the bus to the job's user, whose
        open form of the job reloads."""
        job = self._job(self._send(self._reminders(), use_email=True))
        bus = self.env["bus.bus"].sudo()
        before = bus.search([]).ids
        with freeze_time("2026-02-02 09:00:00"):
            self._run_cron()
        # Written when the transaction commits.
        self.env.cr.precommit.run()
        notifications = bus.search([("id", "not in", before)]).filtered(
            lambda n: "dunning_levels.send_job_progress" in n.message
        )
        self.assertEqual(len(notifications), 1)
        self.assertEqual(
            json.loads(notifications.channel),
            [self.env.cr.dbname, "res.partner", self.billing_user.partner_id.id],
        )
        self.assertEqual(json.loads(notifications.message)["payload"]["id"], job.id)

    def test_job_recorded_before_the_service(self):
        """A job recorded by the previous version (the wizard's fields as
        options, lists as results) is sent and summarised the same."""
        reminders = self._reminders()
        job = self._job(self._send(reminders, use_email=True))
        job.sudo().write(
            {
                "send_options": {
                    "use_email": True,
                    "use_letter": False,
                    "use_phone": False,
                    "attach_statement": False,
                    "grouping": "customer",
                    "sort_key": "partner",
                    "generation_rule": "next",
                    "level": "1",
                    "allow_resend": False,
                },
                "result_data": {
                    "sent": [],
                    "failures": [["INV/1", "", "Nothing due."]],
                    "counters": {"closed_paid_count": 0},
                },
            }
        )
        with freeze_time("2026-02-02 09:00:00"):
            for __ in range(5):
                if job.state == "done":
                    break
                self._run_cron()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.sent_count, 5)
        self.assertIn("5 reminder(s) sent, 2 failure(s)", job.summary_html)
        self.assertIn("INV/1: Nothing due.", job.summary_html)
        self.assertIn("Echo has no email address", job.summary_html)
