# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from contextlib import contextmanager
from unittest.mock import patch

from odoo.tests import tagged

from .common import DunningMailevaCommon, load_fake_maileva


@tagged("post_install", "-at_install")
class TestMailevaPdf(DunningMailevaCommon):
    """Only a PDF is ever uploaded to Maileva: a broken render of the PDF
    engine fails its letter, clearly, and nothing else."""

    @contextmanager
    def pdf_engine_output(self, outputs):
        """Make the PDF engine (wkhtmltopdf) write ``outputs[customer]`` for
        the letters to these customers, a valid PDF for the others.

        :param dict outputs: ``res.partner`` → bytes written by the engine
        """
        proof_pdf = load_fake_maileva().server.PROOF_PDF
        letter_bodies = self.letter_bodies

        def run_wkhtmltopdf(report, bodies, *args, **kwargs):
            letter_bodies.extend(bodies)
            html = "".join(map(str, bodies))
            for customer, output in outputs.items():
                if customer.name in html:
                    return output
            return proof_pdf

        report_class = type(self.env["ir.actions.report"])
        with patch.object(report_class, "_run_wkhtmltopdf", run_wkhtmltopdf):
            yield

    def assertFailedForPdf(self, reminders, wizard):
        """``reminders`` stay to send, without any Maileva sending, and their
        history and the wizard's summary name the PDF engine as the cause."""
        for reminder in reminders:
            self.assertEqual(reminder.state, "draft")
            self.assertFalse(reminder.maileva_sending_ids)
            failed = reminder.history_ids.filtered(lambda h: h.action == "failed")
            self.assertEqual(len(failed), 1)
            self.assertEqual(failed.channel, "maileva")
            self.assertIn("wkhtmltopdf", failed.note)
            self.assertIn(reminder.partner_id.name, failed.note)
        self.assertIn("wkhtmltopdf", wizard.summary_html)

    def test_letter_not_a_pdf_is_never_uploaded(self):
        """A render that is empty (one invoice) or not a PDF (two invoices,
        which Odoo fails to split) is never sent to Maileva: the reminders
        stay to send with a reason naming wkhtmltopdf, and the other
        customer's letter goes out in the same batch."""
        empty = self.create_postal_customer("Garage Dubois")
        html = self.create_postal_customer("Pharmacie Martin")
        good_reminder = self.create_reminder()
        empty_reminder = self.create_reminder(empty)
        html_reminders = self.create_reminder(html) | self.create_reminder(html)
        with self.pdf_engine_output(
            {empty: b"", html: b"<html><body>Error: Exit with code 1</body></html>"}
        ):
            wizard = self.send_wizard(good_reminder | empty_reminder | html_reminders)
        self.assertEqual(good_reminder.state, "sent")
        self.assertMailevaReceived("mail/v2")
        self.assertEqual(len(self.fake.calls("POST", r"/mail/v2/sendings$")), 1)
        self.assertEqual(len(self.fake.calls("POST", r"/documents$")), 1)
        self.assertFailedForPdf(empty_reminder | html_reminders, wizard)
        self.assertIn("Garage Dubois", wizard.summary_html)
        self.assertIn("Pharmacie Martin", wizard.summary_html)

    def test_letter_sent_once_the_engine_works_again(self):
        """Once the PDF engine is fixed, sending the reminder again posts its
        letter."""
        reminder = self.create_reminder()
        with self.pdf_engine_output({self.customer: b""}):
            self.send_wizard(reminder)
        self.assertEqual(reminder.state, "draft")
        self.assertFalse(self.fake.requests)
        self.send_wizard(reminder)
        self.assertEqual(reminder.state, "sent")
        self.assertMailevaReceived("mail/v2")

    def test_stored_letter_not_a_pdf_fails_before_upload(self):
        """A letter whose stored file is no longer a PDF (lost from the file
        store while Maileva was down) fails with a clear reason when the
        sending resumes: nothing is uploaded and the Maileva draft is
        deleted."""
        for __ in range(3):
            self.fake.inject(503, path="/documents", method="GET")
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.assertEqual(sending.state, "created")
        # A file damaged on disk: only the superuser can rewrite a proof.
        sending.attachment_id.sudo().raw = b""
        sending.sudo().next_attempt_date = False
        self.run_cron()
        self.assertEqual(sending.state, "error")
        self.assertEqual(sending.error_code, "NOT_A_PDF")
        self.assertIn("is not a PDF", sending.error_message)
        self.assertFalse(self.fake.calls("POST", r"/documents$"))
        self.assertEqual(len(self.fake.calls("DELETE", r"/sendings/[^/]+$")), 1)
        self.assertFalse(self.fake.sendings["mail/v2"])
        self.assertEqual(reminder.state, "draft")
        failed = reminder.history_ids.filtered(lambda h: h.action == "failed")
        self.assertIn("NOT_A_PDF", failed.note)
