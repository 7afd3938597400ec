# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import tagged

from .common import DunningMailevaCommon


@tagged("post_install", "-at_install")
class TestMailevaBackground(DunningMailevaCommon):
    def test_pending_letter_is_never_sent_twice(self):
        """While a letter waits for Maileva, sending its reminder again is
        refused with a reason; the waiting letter goes out once."""
        for __ in range(3):
            self.fake.inject(503, path="/documents", method="GET")
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.assertEqual(sending.state, "created")
        self.assertEqual(reminder.state, "draft")
        wizard = self.send_wizard(reminder)
        self.assertEqual(self.sending_of(reminder), sending, "no second letter")
        self.assertIn("already on its way", wizard.summary_html)
        sending.sudo().write({"next_attempt_date": False})
        self.run_cron()
        self.assertEqual(sending.state, "submitted")
        self.assertEqual(reminder.state, "sent")
        self.assertMailevaReceived("mail/v2")

    def test_background_sending_through_maileva(self):
        """A large sending through Maileva goes in background batches, which
        hand the letters over; the summary counts them, and the Maileva
        scheduled action posts them."""
        self.company.dunning_send_background_threshold = 1
        # The scheduled action's method, with this test's context (letters
        # rendered as PDF, which Maileva requires): the cron record itself
        # runs with its own context.
        jobs = self.env["dunning.send.job"]
        reminders = self.create_reminder() | self.create_reminder(
            self.create_postal_customer("Garage Dubois")
        )
        wizard = self.open_send_wizard(reminders, use_email=False, use_maileva=True)
        action = wizard.action_send()
        job = self.env["dunning.send.job"].browse(action["res_id"])
        self.assertFalse(reminders.maileva_sending_ids)
        jobs._cron_process_jobs(batch_size=1)
        self.assertEqual(job.done_count, 1)
        jobs._cron_process_jobs(batch_size=1)
        self.assertEqual(job.state, "done")
        self.assertEqual(len(reminders.maileva_sending_ids), 2)
        self.assertFalse(self.fake.requests, "a batch called Maileva")
        self.assertIn("2 reminder(s) handed to Maileva", job.summary_html)
        self.run_cron()
        self.assertEqual(set(reminders.mapped("state")), {"sent"})
        self.assertEqual(set(reminders.mapped("channel")), {"maileva"})
        self.assertMailevaReceived("mail/v2", sendings=2)
        jobs._cron_process_jobs(batch_size=1)
        self.run_cron()
        self.assertMailevaReceived("mail/v2", sendings=2)
