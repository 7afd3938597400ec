# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging

from odoo.tests import tagged

from ..models.maileva_sending_pipeline import MAX_ATTEMPTS
from .common import DunningMailevaCommon


@tagged("post_install", "-at_install")
class TestMailevaFaults(DunningMailevaCommon):
    def send_one(self):
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        return reminder, self.sending_of(reminder)

    def resume(self, sending):
        """Make the sending due and run the scheduled action."""
        sending.sudo().write({"next_attempt_date": False})
        self.run_cron()

    def test_server_errors_are_retried(self):
        """500 and 503 answers to reads are retried at once, with backoff."""
        self.fake.inject(500, path="/documents", method="GET")
        self.fake.inject(503, path="/recipients", method="GET")
        reminder, sending = self.send_one()
        self.assertEqual(sending.state, "submitted")
        self.assertMailevaReceived("mail/v2")
        self.assertEqual(len(self.fake.calls("GET", r"/documents$")), 2)
        self.assertEqual(reminder.state, "sent")

    def test_server_error_on_upload_resumes_later(self):
        """A 500 answer to an upload may hide a processed upload: the next run
        lists the documents first, then uploads once."""
        self.fake.inject(500, path="/documents", method="POST")
        reminder, sending = self.send_one()
        self.assertEqual(sending.state, "created")
        self.assertEqual(reminder.state, "draft")
        self.resume(sending)
        self.assertEqual(sending.state, "submitted")
        self.assertMailevaReceived("mail/v2")

    def test_rate_limit_retried_even_on_create(self):
        """A 429 with Retry-After is retried, even for the sending creation
        (Maileva did not process it)."""
        self.fake.inject(429, path="/sendings", method="POST", retry_after=0)
        __, sending = self.send_one()
        self.assertEqual(sending.state, "submitted")
        self.assertEqual(len(self.fake.calls("POST", r"/mail/v2/sendings$")), 2)
        self.assertMailevaReceived("mail/v2")

    def test_timeout_then_success(self):
        """A timed-out read is retried."""
        self.fake.inject("timeout", path="/documents", method="GET")
        __, sending = self.send_one()
        self.assertEqual(sending.state, "submitted")
        self.assertMailevaReceived("mail/v2")

    def test_persistent_outage_leaves_letter_pending(self):
        """When Maileva stays down, the letter waits with a next attempt date
        and the reminder stays to send; the scheduled action sends it later,
        once."""
        for __ in range(3):
            self.fake.inject(503, path="/documents", method="GET")
        reminder, sending = self.send_one()
        self.assertEqual(sending.state, "created")
        self.assertTrue(sending.next_attempt_date)
        self.assertEqual(sending.error_code, "FAULT")
        self.assertEqual(reminder.state, "draft")
        self.resume(sending)
        self.assertEqual(sending.state, "submitted")
        self.assertEqual(len(self.fake.sendings["mail/v2"]), 1)
        self.assertMailevaReceived("mail/v2")
        self.assertEqual(reminder.state, "sent")

    def test_gives_up_after_max_attempts(self):
        """After five failed attempts, the letter is in error and the failure
        lands in the reminder's history: never silently unsent."""
        for __ in range(15):
            self.fake.inject(500, path="/sendings", method="POST")
        reminder, sending = self.send_one()
        for __ in range(4):
            self.resume(sending)
        self.assertEqual(sending.state, "error")
        self.assertEqual(reminder.state, "draft")
        failed = reminder.history_ids.filtered(lambda h: h.action == "failed")
        self.assertEqual(len(failed), 1)
        self.assertFalse(self.fake.submitted())

    def test_submit_survives_transient_failures_up_to_max_attempts(self):
        """Each attempt counts once, the submit included: a letter whose
        submit fails transiently at every attempt but the last is posted at
        its last allowed attempt."""
        for __ in range(MAX_ATTEMPTS - 1):
            self.fake.inject(503, path="/submit", method="POST")
        reminder, sending = self.send_one()
        for attempt in range(1, MAX_ATTEMPTS):
            self.assertEqual(sending.state, "recipient_added")
            self.assertEqual(sending.attempt_count, attempt)
            self.assertEqual(len(self.fake.calls("POST", r"/submit$")), attempt)
            self.resume(sending)
        self.assertEqual(sending.state, "submitted")
        self.assertEqual(sending.attempt_count, MAX_ATTEMPTS)
        self.assertEqual(len(self.fake.calls("POST", r"/submit$")), MAX_ATTEMPTS)
        self.assertEqual(len(self.fake.submitted("mail/v2")), 1)
        self.assertEqual(reminder.state, "sent")

    def test_submit_fails_after_max_attempts(self):
        """A submit failing transiently at every attempt puts the letter in
        error after exactly ``MAX_ATTEMPTS`` attempts."""
        for __ in range(MAX_ATTEMPTS):
            self.fake.inject(503, path="/submit", method="POST")
        reminder, sending = self.send_one()
        for __ in range(MAX_ATTEMPTS - 1):
            self.assertEqual(sending.state, "recipient_added")
            self.resume(sending)
        self.assertEqual(sending.state, "error")
        self.assertEqual(sending.attempt_count, MAX_ATTEMPTS)
        self.assertEqual(len(self.fake.calls("POST", r"/submit$")), MAX_ATTEMPTS)
        self.assertFalse(self.fake.submitted())
        self.assertEqual(reminder.state, "draft")
        failed = reminder.history_ids.filtered(lambda h: h.action == "failed")
        self.assertEqual(len(failed), 1)

    def test_token_server_error_retried_at_once(self):
        """A 5xx from the token endpoint is retried at once like the other
        transient errors: the letter goes out in the same run."""
        self.fake.inject(500, path="/token", method="POST")
        self.fake.inject(503, path="/token", method="POST")
        reminder, sending = self.send_one()
        self.assertEqual(sending.state, "submitted")
        self.assertEqual(sending.attempt_count, 1)
        self.assertEqual(len(self.fake.calls("POST", r"/token$")), 3)
        self.assertMailevaReceived("mail/v2")
        self.assertEqual(reminder.state, "sent")

    def test_token_outage_leaves_letter_pending(self):
        """While the token endpoint stays in error, the letter waits for the
        next attempt (not in error) and goes out once it answers."""
        for __ in range(3):
            self.fake.inject(503, path="/token", method="POST")
        reminder, sending = self.send_one()
        self.assertEqual(sending.state, "draft")
        self.assertTrue(sending.next_attempt_date)
        self.assertEqual(sending.error_code, "FAULT")
        self.assertEqual(reminder.state, "draft")
        self.assertFalse(self.fake.calls("POST", r"/mail/v2/sendings$"))
        self.resume(sending)
        self.assertEqual(sending.state, "submitted")
        self.assertMailevaReceived("mail/v2")
        self.assertEqual(reminder.state, "sent")

    def test_lost_answer_to_create_never_duplicates(self):
        """The sending was created but its answer lost (dropped connection):
        the next run finds it by custom id instead of creating another."""
        self.fake.inject("drop_after", path="/mail/v2/sendings", method="POST")
        reminder, sending = self.send_one()
        self.assertEqual(sending.state, "draft")
        self.assertEqual(len(self.fake.sendings["mail/v2"]), 1)
        self.resume(sending)
        self.assertEqual(sending.state, "submitted")
        self.assertEqual(len(self.fake.sendings["mail/v2"]), 1)
        self.assertEqual(len(self.fake.calls("POST", r"/mail/v2/sendings$")), 1)
        self.assertMailevaReceived("mail/v2")
        self.assertEqual(reminder.state, "sent")

    def test_dropped_connection_before_create(self):
        """A connection dropped before Maileva processed the creation: the
        next run creates the sending, once."""
        self.fake.inject("drop", path="/mail/v2/sendings", method="POST")
        __, sending = self.send_one()
        self.assertEqual(sending.state, "draft")
        self.resume(sending)
        self.assertEqual(sending.state, "submitted")
        self.assertMailevaReceived("mail/v2")

    def test_lost_answer_to_submit_never_submits_twice(self):
        """Submitted but the answer lost: the next run reads the sending and
        does not submit it again."""
        self.fake.inject("drop_after", path="/submit", method="POST")
        reminder, sending = self.send_one()
        self.assertEqual(sending.state, "recipient_added")
        self.assertEqual(reminder.state, "draft")
        self.resume(sending)
        self.assertEqual(sending.state, "submitted")
        self.assertMailevaReceived("mail/v2")
        self.assertEqual(reminder.state, "sent")

    def test_crash_after_upload_resumes_without_double_upload(self):
        """A sending stored at ``created`` whose document already reached
        Maileva (crash before the step was saved) is resumed without a second
        upload."""
        reminder = self.create_reminder()
        self.fake.inject("drop_after", path="/recipients", method="POST")
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.assertEqual(sending.state, "uploaded")
        sending.sudo().write({"state": "created"})
        self.resume(sending)
        self.assertEqual(sending.state, "submitted")
        self.assertMailevaReceived("mail/v2")
        self.assertEqual(len(self.fake.calls("POST", r"/documents$")), 1)
        self.assertEqual(len(self.fake.calls("POST", r"/recipients$")), 1)

    def test_expired_token_renewed_once(self):
        """An expired token (401) is renewed and the call retried once."""
        reminder = self.create_reminder()
        self.fake.expires_in = 3600
        self.send_wizard(reminder)
        self.fake.expire_tokens()
        reminder2 = self.create_reminder()
        self.send_wizard(reminder2)
        self.assertEqual(reminder2.state, "sent")
        self.assertEqual(len(self.fake.calls("POST", r"/token$")), 2)
        self.assertMailevaReceived("mail/v2", sendings=2)

    def test_wrong_credentials_fail_clearly(self):
        """Refused credentials fail the letter with a clear message, without
        any API call."""
        self.company.maileva_password = "Sesame-42"
        reminder, sending = self.send_one()
        self.assertEqual(sending.state, "error")
        self.assertEqual(sending.error_code, "invalid_grant")
        self.assertIn("username or password is wrong", sending.error_message)
        self.assertEqual(reminder.state, "draft")
        self.assertFalse(self.fake.calls("POST", r"/sendings"))
        self.assertNotIn("Sesame-42", "".join(sending.message_ids.mapped("body")))

    def test_unreadable_answer_does_not_stop_the_others(self):
        """Maileva answers a creation with a 2xx that is not JSON: that letter
        waits for its next attempt, the other letter of the run is posted and
        the open letters are still followed. At its next attempt, the letter
        finds the sending created meanwhile instead of creating another."""
        followed_reminder = self.create_reminder(
            self.create_postal_customer("Garage Dubois")
        )
        self.send_wizard(followed_reminder)
        followed = self.sending_of(followed_reminder)
        self.fake.advance(followed.maileva_sending_id)
        self.fake.inject(
            "raw", path="/mail/v2/sendings", method="POST", body=b"<html>OK</html>"
        )
        poisoned_reminder = self.create_reminder()
        other_reminder = self.create_reminder(
            self.create_postal_customer("Pharmacie Martin")
        )
        self.send_wizard(poisoned_reminder | other_reminder)
        poisoned = self.sending_of(poisoned_reminder)
        self.assertEqual(poisoned.state, "draft")
        self.assertEqual(poisoned.error_code, "UNEXPECTED")
        self.assertIn("could not be processed", poisoned.error_message)
        self.assertTrue(poisoned.next_attempt_date)
        self.assertEqual(poisoned_reminder.state, "draft")
        self.assertEqual(self.sending_of(other_reminder).state, "submitted")
        self.assertEqual(other_reminder.state, "sent")
        self.assertEqual(followed.state, "accepted")
        self.resume(poisoned)
        self.assertEqual(poisoned.state, "submitted")
        self.assertEqual(poisoned_reminder.state, "sent")
        self.assertMailevaReceived("mail/v2", sendings=3)
        self.assertEqual(len(self.fake.sendings["mail/v2"]), 3)

    def test_answer_without_id_fails_after_max_attempts(self):
        """Maileva keeps answering without the sending's id (to the creation
        and to the list read before creating again): each attempt is counted,
        the letter fails after ``MAX_ATTEMPTS`` with the failure in the
        reminder's history, and sending the reminder again posts it."""
        # The first attempt creates; each other one lists, then creates.
        for __ in range(2 * MAX_ATTEMPTS - 1):
            self.fake.inject("raw", path="/mail/v2/sendings", body={"status": "DRAFT"})
        with self.assertLogs(
            "odoo.addons.dunning_levels_maileva.models.maileva_sending", "WARNING"
        ):
            reminder, sending = self.send_one()
            for __ in range(MAX_ATTEMPTS - 1):
                self.assertEqual(sending.state, "draft")
                self.resume(sending)
        self.assertEqual(sending.state, "error")
        self.assertEqual(sending.attempt_count, MAX_ATTEMPTS)
        self.assertEqual(sending.error_code, "UNEXPECTED")
        self.assertEqual(reminder.state, "draft")
        failed = reminder.history_ids.filtered(lambda h: h.action == "failed")
        self.assertEqual(len(failed), 1)
        self.assertIn("UNEXPECTED", failed.note)
        self.assertFalse(self.fake.submitted())
        self.send_wizard(reminder)
        self.assertEqual(reminder.state, "sent")
        self.assertMailevaReceived("mail/v2")

    def test_unreadable_status_does_not_stop_polling(self):
        """Status reads that Maileva answers with something else than JSON, or
        with JSON of another shape, are logged and tried again later; the
        other open letters are read in the same run."""
        reminders = [
            self.create_reminder(self.create_postal_customer(name))
            for name in ("Garage Dubois", "Pharmacie Martin", "Boucherie Petit")
        ]
        for reminder in reminders:
            self.send_wizard(reminder)
        not_json, other_shape, readable = (
            self.sending_of(reminder) for reminder in reminders
        )
        for sending in (not_json, other_shape, readable):
            self.fake.advance(sending.maileva_sending_id)
        self.fake.inject(
            "raw",
            path=f"/sendings/{not_json.maileva_sending_id}",
            method="GET",
            body=b"<html>Maintenance</html>",
        )
        self.fake.inject(
            "raw",
            path=f"/recipients/{other_shape.maileva_recipient_id}",
            method="GET",
            body=["unexpected"],
        )
        # Odoo names its level 25 "INFO": the standard one is given by value.
        with self.assertLogs(
            "odoo.addons.dunning_levels_maileva.models.maileva_sending", logging.INFO
        ) as logs:
            self.run_cron()
        logged = "\n".join(logs.output)
        self.assertIn(f"INFO:{logs.records[0].name}:Maileva status of", logged)
        self.assertIn(f"{not_json.name} not read: UNEXPECTED", logged)
        self.assertIn(f"WARNING:{logs.records[0].name}:Maileva status of", logged)
        self.assertIn(f"{other_shape.name} not read: unexpected answer", logged)
        for sending in (not_json, other_shape):
            self.assertEqual(sending.state, "submitted")
            self.assertTrue(sending.last_poll_date)
        self.assertEqual(readable.state, "accepted")
        self.run_cron()
        self.assertEqual(not_json.state, "accepted")
        self.assertEqual(other_shape.state, "accepted")
