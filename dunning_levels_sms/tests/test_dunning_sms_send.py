# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from unittest.mock import patch

from odoo.tests import tagged

from .common import DunningSmsCommon


@tagged("post_install", "-at_install")
class TestDunningSmsSend(DunningSmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_sms_customer("Gabrielle Dubois")
        cls.invoice = cls.create_overdue_invoice(cls.customer, 20, amount=395.70)

    def test_sms_queued_then_sent(self):
        """The SMS is queued and logged in the invoice's chatter; once the
        queue sent it, the reminder is sent by SMS with its history."""
        reminder = self.generate()
        with self.mock_sms_gateway():
            wizard = self.send_wizard(reminder, user=self.billing_user)
            self.assertSMSOutgoing(self.customer, "+33612345678", content="395,70 €")
            self.assertEqual(reminder.state, "draft")
            self.assertEqual(reminder.sms_status, "queued")
            self.assertIn("1 reminder(s) queued by SMS", wizard.summary_html)
            message = reminder.sms_message_id
            self.assertEqual(message.model, "account.move")
            self.assertEqual(message.res_id, self.invoice.id)
            self.assertEqual(message.message_type, "sms")
            self.process_sms_queue()
        self.assertSMS(
            self.customer,
            "+33612345678",
            "pending",
            content=f"Menuiserie Durand SARL: Gabrielle Dubois, sauf erreur, "
            f"395,70 € sont impayés. Détail et paiement : "
            f"{self.customer._get_dunning_portal_url()}",
        )
        self.assertReminderSmsSent(reminder)
        self.assertEqual(reminder.sms_status, "sent")
        self.assertEqual(reminder.sent_by_id, self.billing_user)
        self.assertEqual(self.invoice.dunning_level, 1)
        self.assertEqual(
            reminder.history_ids.filtered(lambda h: h.action == "sent").user_id,
            self.billing_user,
        )

    def test_sms_number_falls_back_to_phone(self):
        """Without mobile, the phone is used, in the customer's country."""
        self.customer.write({"mobile": False, "phone": "04 78 11 22 33"})
        reminder = self.generate()
        with self.mock_sms_gateway():
            self.send_wizard(reminder)
            self.process_sms_queue()
        self.assertSMS(self.customer, "+33478112233", "pending")
        self.assertReminderSmsSent(reminder)

    def test_sms_invoice_contact_mobile_first(self):
        """The mobile of the invoice contact wins over the customer's."""
        contact = self.env["res.partner"].create(
            {
                "name": "Paul Dubois",
                "parent_id": self.customer.id,
                "type": "invoice",
                "mobile": "07 81 22 33 44",
            }
        )
        self.create_overdue_invoice(contact, 25, amount=50.0)
        reminders = self.generate()
        with self.mock_sms_gateway():
            self.send_wizard(reminders, grouping="invoice")
            self.process_sms_queue()
        # The SMS of the contact's invoice alone: its amount, not the total.
        self.assertSMS(contact, "+33781223344", "pending", content="50,00 €")
        self.assertSMS(self.customer, "+33612345678", "pending")
        self.assertReminderSmsSent(reminders)

    def test_sms_missing_number(self):
        """A customer without any number fails with a clear reason."""
        self.customer.mobile = False
        reminder = self.generate()
        with self.mock_sms_gateway():
            wizard = self.send_wizard(reminder)
        self.assertIn(
            "Gabrielle Dubois has no mobile or phone number.", wizard.summary_html
        )
        self.assertReminderSmsFailed(reminder, "has no mobile or phone number")
        self.assertFalse(self._new_sms)
        self.assertFalse(reminder.sms_status)

    def test_sms_invalid_number(self):
        """An invalid number fails the reminder with a clear reason; no SMS
        is created."""
        self.customer.mobile = "06 12"
        reminder = self.generate()
        with self.mock_sms_gateway():
            wizard = self.send_wizard(reminder)
            self.assertIn("06 12 is not a valid phone number", wizard.preview_html)
            self.process_sms_queue()
        self.assertIn("06 12 is not a valid phone number", wizard.summary_html)
        self.assertReminderSmsFailed(reminder, "06 12 is not a valid phone number")
        self.assertFalse(self._new_sms)
        self.assertFalse(self._sms)

    def test_sms_blacklisted_number(self):
        """A blacklisted number is respected: no SMS, the reminder fails."""
        self.env["phone.blacklist"].sudo().add("+33612345678")
        reminder = self.generate()
        with self.mock_sms_gateway():
            wizard = self.send_wizard(reminder)
            self.process_sms_queue()
        self.assertIn("is on the SMS blacklist", wizard.summary_html)
        self.assertReminderSmsFailed(reminder, "+33612345678 is on the SMS blacklist")
        self.assertFalse(self._new_sms)

    def test_sms_provider_error(self):
        """An SMS refused by the provider never marks the reminder sent: it
        stays to send, with the provider's reason in its history."""
        reminder = self.generate()
        with self.mock_sms_gateway(sim_error="credit"):
            self.send_wizard(reminder)
            self.process_sms_queue()
        self.assertSMSFailed(self.customer, "+33612345678", "sms_credit")
        self.assertReminderSmsFailed(reminder, "Insufficient Credit")
        self.assertEqual(reminder.sms_status, "error")
        self.assertIn("Insufficient Credit", reminder.sms_failure_reason)
        self.assertFalse(self.invoice.dunning_level)

    def test_sms_resent_after_error(self):
        """A reminder whose SMS failed can be sent by SMS again."""
        reminder = self.generate()
        with self.mock_sms_gateway(sim_error="server_error"):
            self.send_wizard(reminder)
            self.process_sms_queue()
        self.assertReminderSmsFailed(reminder, "Server Error")
        with self.mock_sms_gateway():
            self.send_wizard(reminder)
            self.process_sms_queue()
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.sms_status, "sent")
        self.assertFalse(reminder.sms_failure_reason)

    def test_sms_delivery_report(self):
        """A delivery report moves a sent reminder to delivered, without a
        second history line."""
        reminder = self.generate()
        with self.mockSMSGateway(force_delivered=True):
            self.send_wizard(reminder)
            self.process_sms_queue()
        self.assertEqual(reminder.sms_status, "delivered")
        self.assertEqual(
            len(reminder.history_ids.filtered(lambda h: h.action == "sent")), 1
        )

    def test_sms_mixed_batch(self):
        """In one batch, a bad number and a provider error fail their
        reminders while the others are sent."""
        invalid = self.create_sms_customer("Camille Aliveare", mobile="123")
        refused = self.create_sms_customer("Tatiana Alnubelse", mobile="06 98 76 54 32")
        ok = self.create_sms_customer("Daniel Ang", mobile="+33 6 55 44 33 22")
        # Distinct due dates: the core's preview cannot yet sort reminders of
        # the same due date while the wizard is a new record.
        for days, partner in enumerate((invalid, refused, ok), start=21):
            self.create_overdue_invoice(partner, days, amount=410.0)
        reminders = self.generate()
        self.assertEqual(len(reminders), 4)
        by_partner = {r.partner_id: r for r in reminders}
        with self.mock_sms_gateway(errors_by_recipient={"+33698765432": "credit"}):
            wizard = self.send_wizard(reminders)
            self.assertIn("3 reminder(s) queued by SMS", wizard.summary_html)
            self.process_sms_queue()
        self.assertReminderSmsFailed(by_partner[invalid], "123 is not a valid")
        self.assertReminderSmsFailed(by_partner[refused], "Insufficient Credit")
        self.assertReminderSmsSent(by_partner[ok] | by_partner[self.customer])
        self.assertSMSIapSent(["+33655443322", "+33612345678"])

    def test_sms_and_email_together(self):
        """Sent by email and SMS: the email marks the reminder sent, the SMS
        adds its own history line once accepted."""
        reminder = self.generate()
        with self.mock_sms_gateway():
            self.send_wizard(reminder, use_email=True)
            self.assertEqual(reminder.channel, "email")
            self.process_sms_queue()
        sent = reminder.history_ids.filtered(lambda h: h.action == "sent")
        self.assertEqual(set(sent.mapped("channel")), {"email", "sms"})
        self.assertEqual(reminder.sms_status, "sent")

    def test_sms_not_queued_twice(self):
        """While its SMS waits in the queue, the reminder is refused a second
        SMS, with the reason in the preview and in the summary: one SMS goes
        out, and it keeps its status."""
        reminder = self.generate()
        with self.mock_sms_gateway():
            self.send_wizard(reminder)
            message = reminder.sms_message_id
            again = self.send_wizard(reminder)
            reason = "An SMS to Gabrielle Dubois is already queued for these reminders"
            self.assertIn(reason, again.preview_html)
            self.assertIn(reason, again.summary_html)
            self.assertEqual(len(self._new_sms), 1)
            self.assertEqual(reminder.sms_message_id, message)
            self.assertEqual(reminder.sms_status, "queued")
            self.process_sms_queue()
        self.assertSMSIapSent(["+33612345678"])
        self.assertEqual(len(self._sms), 1)
        self.assertReminderSmsSent(reminder)

    def test_reminder_error_never_fails_the_sms_queue(self):
        """An error while the reminders follow their SMS is rolled back alone
        and logged: Odoo's SMS queue goes on (an error escaping it would make
        it send the batch again)."""
        reminder = self.generate()
        with self.mock_sms_gateway():
            self.send_wizard(reminder)
            with (
                patch.object(
                    type(reminder),
                    "_sms_update_status",
                    side_effect=ValueError("simulated bug"),
                ),
                self.assertLogs(
                    "odoo.addons.dunning_levels.models.mail_notification", "ERROR"
                ) as logs,
            ):
                self.process_sms_queue()
        self.assertIn("simulated bug", logs.output[0])
        self.assertSMS(self.customer, "+33612345678", "pending")
        self.assertEqual(reminder.sms_status, "queued")
