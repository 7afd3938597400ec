# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import base64

from odoo.tests import tagged

from .common import DunningMailevaCommon


@tagged("post_install", "-at_install")
class TestMailevaStatus(DunningMailevaCommon):
    def send_registered(self):
        reminder = self.create_reminder(level=3)
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.assertEqual(sending.product, "registered")
        return reminder, sending

    def test_polling_follows_statuses(self):
        """The scheduled action reads each status change."""
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.fake.advance(sending.maileva_sending_id)
        self.run_cron()
        self.assertEqual(sending.state, "accepted")
        self.assertEqual(sending.postage_class, "PRIORITY")
        self.fake.advance(sending.maileva_sending_id)
        self.run_cron()
        self.assertEqual(sending.state, "processed")
        self.assertEqual(sending.maileva_status, "PROCESSED")
        self.assertEqual(reminder.state, "sent")

    def test_registered_proofs_attached_to_invoice(self):
        """The deposit proof and the acknowledgement of receipt are downloaded
        once available and attached to the invoice."""
        reminder, sending = self.send_registered()
        self.run_cron()
        self.assertFalse(sending.deposit_proof_id)
        self.fake.advance(sending.maileva_sending_id, steps=3)
        self.run_cron()
        self.assertEqual(sending.state, "processed")
        self.assertTrue(sending.registered_number)
        self.assertTrue(sending.deposit_proof_id.raw.startswith(b"%PDF"))
        invoice_attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", reminder.move_id.id)]
        )
        self.assertEqual(
            len(invoice_attachments.filtered(lambda a: "Deposit" in a.name)), 1
        )
        self.fake.set_outcome(sending.maileva_sending_id, "DELIVERED")
        self.run_cron()
        self.assertEqual(sending.state, "delivered")
        self.assertTrue(sending.acknowledgement_id)
        self.run_cron()
        invoice_attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", reminder.move_id.id)]
        )
        self.assertEqual(len(invoice_attachments), 2)
        self.assertEqual(len(self.fake.calls("GET", r"download_deposit_proof")), 1)

    def test_rejected_letter_reopens_reminder(self):
        """A letter rejected by Maileva was never posted: the reminder is to
        send again, the invoice gets back its level, and the history says
        why."""
        reminder = self.create_reminder()
        invoice = reminder.move_id
        self.send_wizard(reminder)
        self.assertEqual(invoice.dunning_level, 1)
        sending = self.sending_of(reminder)
        self.fake.set_outcome(sending.maileva_sending_id, "REJECTED", "Too many sheets")
        self.run_cron()
        self.assertEqual(sending.state, "rejected")
        self.assertEqual(sending.status_detail, "Too many sheets")
        self.assertEqual(reminder.state, "draft")
        self.assertEqual(invoice.dunning_level, 0)
        self.assertFalse(invoice.dunning_date)
        failed = reminder.history_ids.filtered(lambda h: h.action == "failed")
        self.assertIn("Too many sheets", failed.note)
        self.run_cron()
        self.assertEqual(
            len(reminder.history_ids.filtered(lambda h: h.action == "failed")), 1
        )

    def test_rejected_letter_keeps_reminder_sent_by_email(self):
        """A letter rejected by Maileva whose reminder went by email in the
        same sending: the reminder stays sent (the email went), the invoice
        keeps its level, and the history records the letter's failure."""
        customer = self.create_postal_customer(
            "Garage Dubois", email="compta@dubois.example"
        )
        reminder = self.create_reminder(customer)
        self.send_wizard(reminder, use_email=True)
        sending = self.sending_of(reminder)
        self.assertEqual(sending.state, "submitted")
        self.fake.set_outcome(sending.maileva_sending_id, "REJECTED", "Too many sheets")
        self.run_cron()
        self.assertEqual(sending.state, "rejected")
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.channel, "email")
        self.assertEqual(reminder.move_id.dunning_level, 1)
        failed = reminder.history_ids.filtered(lambda h: h.action == "failed")
        self.assertEqual(failed.channel, "maileva")
        self.assertIn("Too many sheets", failed.note)

    def test_undelivered_registered_letter(self):
        """A registered letter returned to sender stays sent (it was
        presented); the failure and its reason are in the history."""
        reminder, sending = self.send_registered()
        self.fake.set_outcome(sending.maileva_sending_id, "UNDELIVERED", reason="N03")
        self.run_cron()
        self.assertEqual(sending.state, "undelivered")
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.move_id.dunning_level, 3)
        failed = reminder.history_ids.filtered(lambda h: h.action == "failed")
        self.assertIn("not collected", failed.note)

    def test_recipient_rejected(self):
        """A recipient rejected in production counts as a rejected letter."""
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.fake.set_outcome(
            sending.maileva_sending_id, "RECIPIENT_REJECTED", "Adresse invalide"
        )
        self.run_cron()
        self.assertEqual(sending.state, "rejected")
        self.assertEqual(reminder.state, "draft")

    def test_webhook_triggers_reread_and_ignores_payload(self):
        """A notification re-reads the sending it names; its payload's status
        is never trusted, and unknown resources are ignored."""
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        handled = self.env["maileva.sending"]._webhook_handle(
            {
                "resource_id": sending.maileva_sending_id,
                "event_type": "ON_STATUS_REJECTED",
            }
        )
        self.assertEqual(handled, sending)
        self.assertEqual(sending.state, "submitted")
        self.fake.advance(sending.maileva_sending_id)
        self.env["maileva.sending"]._webhook_handle(
            {"resource_id": sending.maileva_recipient_id}
        )
        self.assertEqual(sending.state, "accepted")
        self.assertFalse(
            self.env["maileva.sending"]._webhook_handle({"resource_id": "x"})
        )
        self.assertFalse(self.env["maileva.sending"]._webhook_handle(["bad"]))

    def test_posted_simple_letter_no_longer_polled(self):
        """A posted simple letter has nothing more to tell: the scheduled
        action stops reading it."""
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.fake.advance(sending.maileva_sending_id, steps=2)
        self.run_cron()
        self.assertEqual(sending.state, "processed")
        reads = len(self.fake.calls("GET", r"/sendings/[^/]+$"))
        self.run_cron()
        self.assertEqual(len(self.fake.calls("GET", r"/sendings/[^/]+$")), reads)

    def test_webhook_credentials(self):
        """The webhook accepts only the company's HTTP Basic credentials, and
        nothing when none are set."""

        def basic(value):
            return "Basic " + base64.b64encode(value.encode()).decode()

        self.assertFalse(self.company._maileva_check_webhook_auth(basic("a:b")))
        self.company.write(
            {"maileva_webhook_login": "maileva", "maileva_webhook_password": "s3cret"}
        )
        self.assertTrue(
            self.company._maileva_check_webhook_auth(basic("maileva:s3cret"))
        )
        self.assertFalse(self.company._maileva_check_webhook_auth(basic("maileva:bad")))
        self.assertFalse(
            self.company._maileva_check_webhook_auth("Bearer maileva:s3cret")
        )
        self.assertFalse(self.company._maileva_check_webhook_auth("Basic %%%"))
        self.assertFalse(self.company._maileva_check_webhook_auth(""))
