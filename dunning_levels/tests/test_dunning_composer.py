# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""A reminder's email edited in Odoo's composer is sent once: never for a
reminder sent meanwhile, never for reminders of another invoice."""

from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningComposer(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer(
            "Boulangerie Leroy", email="compta@leroy.example"
        )
        cls.other = cls.create_customer("Garage Dubois", email="garage@dubois.example")
        cls.invoice = cls.create_invoice(cls.customer, "2026-01-01", 1000.0)
        cls.other_invoice = cls.create_invoice(cls.other, "2026-01-03", 300.0)

    def setUp(self):
        super().setUp()
        with freeze_time("2026-02-01"):
            reminders = self.generate("2026-02-01").with_user(self.billing_user)
        self.reminder = reminders.filtered(lambda r: r.move_id == self.invoice)
        self.other_reminder = reminders - self.reminder

    def _composer(self, reminder, **context):
        """The composer of ``reminder``'s email, as the user opens it."""
        action = reminder.action_send_email()
        return Form(
            self.env["mail.compose.message"]
            .with_user(self.billing_user)
            .with_context(**{**action["context"], **context})
        ).save()

    def _emails(self, invoice):
        return invoice.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.partner_ids
        )

    def test_reminder_sent_meanwhile_gets_no_second_email(self):
        """The composer is open while the reminder goes with a mass sending:
        sending the composer is refused, the reminder keeps its email."""
        composer = self._composer(self.reminder)
        self.send_with_wizard(self.reminder, user=self.billing_user, use_email=True)
        self.assertEqual(self.reminder.state, "sent")
        message = self.reminder.mail_message_id
        with self.assertRaisesRegex(UserError, "sent, closed or cancelled"):
            composer.action_send_mail()
        self.assertEqual(self._emails(self.invoice), message)
        self.assertEqual(self.reminder.mail_message_id, message)
        self.assertEqual(
            len(self.reminder.history_ids.filtered(lambda h: h.action == "sent")), 1
        )

    def test_reminder_closed_meanwhile_gets_no_email(self):
        """A reminder closed while its composer is open is not emailed."""
        composer = self._composer(self.reminder)
        self.reminder.action_close()
        with self.assertRaises(UserError):
            composer.action_send_mail()
        self.assertFalse(self._emails(self.invoice))
        self.assertFalse(self.reminder.mail_message_id)

    def test_reminders_of_another_invoice_refused(self):
        """A forged context pointing at another invoice's reminder sends
        nothing and touches neither reminder."""
        composer = self._composer(
            self.reminder, dunning_reminder_ids=self.other_reminder.ids
        )
        with self.assertRaisesRegex(UserError, "not the one of these payment"):
            composer.action_send_mail()
        self.assertFalse(self._emails(self.invoice))
        self.assertEqual(
            (self.reminder | self.other_reminder).mapped("state"), ["draft", "draft"]
        )
        self.assertFalse((self.reminder | self.other_reminder).mail_message_id)

    def test_composer_sends_and_marks_sent(self):
        """The composer still sends the reminder's email and marks it sent,
        following its delivery; Odoo's own composer is untouched."""
        self._composer(self.reminder).action_send_mail()
        self.assertEqual(self.reminder.state, "sent")
        self.assertEqual(self.reminder.mail_message_id, self._emails(self.invoice))
        self.assertTrue(self.reminder.email_status)
        Form(
            self.env["mail.compose.message"].with_context(
                default_model="account.move",
                default_res_ids=self.other_invoice.ids,
                default_composition_mode="comment",
                default_partner_ids=self.other.ids,
                default_body="<p>Hello</p>",
            )
        ).save().action_send_mail()
        self.assertEqual(len(self._emails(self.other_invoice)), 1)
        self.assertEqual(self.other_reminder.state, "draft")
