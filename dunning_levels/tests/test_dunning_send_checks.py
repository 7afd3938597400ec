# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""What is checked when reminders are sent, not only when they are generated:
the invoice may have been paid, the overdue installment settled or the
customer archived since."""

from odoo import Command, fields
from odoo.tests import freeze_time, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningSendChecks(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        address = {"street": "3 rue du Four", "zip": "69002", "city": "Lyon"}
        cls.customer = cls.create_customer(
            "Boulangerie Leroy", email="compta@leroy.example", **address
        )
        cls.other = cls.create_customer(
            "Garage Dubois", email="garage@dubois.example", **address
        )
        cls.invoice = cls.create_invoice(cls.customer, "2026-01-01", 1000.0)
        cls.other_invoice = cls.create_invoice(cls.other, "2026-01-03", 300.0)

    def _generate(self):
        with freeze_time("2026-02-01"):
            return self.generate("2026-02-01")

    def _send(self, records, **values):
        """Send ``records`` with the wizard as the billing user; return it."""
        wizard = self._wizard(records, **values)
        with freeze_time("2026-02-02"):
            wizard.action_send()
        return wizard

    def _wizard(self, records, **values):
        return self.open_send_wizard(records, user=self.billing_user, **values)

    def _messages(self, invoice):
        return invoice.message_ids.filtered(lambda m: m.message_type == "comment")

    def assertClosedUnsent(self, reminder, reason):
        """``reminder`` was closed without sending, ``reason`` in its history."""
        self.assertEqual(reminder.state, "closed")
        self.assertFalse(reminder.mail_message_id)
        self.assertFalse(reminder.letter_attachment_id)
        self.assertFalse(reminder.history_ids.filtered(lambda h: h.action == "sent"))
        self.assertEqual(
            reminder.history_ids.filtered(lambda h: h.action == "closed").note, reason
        )
        self.assertEqual(reminder.move_id.dunning_level, 0)

    def _generate_during_payment(self):
        """Generate while a payment goes through the payment wizard: the
        generation reads the overdue invoices, the payment is committed, the
        generation inserts its reminders (as two transactions overlapping
        would).

        :return: the reminders generated
        """
        reminders = self.env["dunning.reminder"].with_company(self.company)
        date = fields.Date.to_date("2026-02-01")
        with freeze_time("2026-02-01"):
            candidates = reminders._get_reminders_to_generate(self.company, date)
            self.register_payment(self.invoice)
            return reminders._create_generated_reminders(candidates, date)

    def test_invoice_paid_while_the_generation_ran(self):
        """A reminder generated for an invoice paid meanwhile is still to
        send; sending it sends nothing, by any channel: it is closed, with the
        reason in its history and in the summary. The other customer is
        reminded."""
        reminders = self._generate_during_payment()
        reminder = reminders.filtered(lambda r: r.move_id == self.invoice)
        self.assertEqual(reminder.state, "draft")
        self.assertEqual(self.invoice.payment_state, "paid")
        wizard = self._wizard(
            reminders, use_email=True, use_letter=True, use_phone=True
        )
        self.assertIn(
            "1 reminder(s) will be closed without sending: The invoice is paid.",
            wizard.preview_html,
        )
        with freeze_time("2026-02-02"):
            wizard.action_send()
        self.assertClosedUnsent(reminder, "The invoice is paid.")
        self.assertFalse(self._messages(self.invoice))
        self.assertIn(
            "1 reminder(s) closed without sending: The invoice is paid.",
            wizard.summary_html,
        )
        self.assertEqual((reminders - reminder).state, "sent")
        self.assertIn("1 reminder(s) sent, 0 failure(s)", wizard.summary_html)

    def test_background_sending_skips_paid_invoices(self):
        """The background sending checks each batch the same way, and its
        final summary gives the reason."""
        self.company.dunning_send_background_threshold = 1
        reminders = self._generate_during_payment()
        reminder = reminders.filtered(lambda r: r.move_id == self.invoice)
        action = self._wizard(reminders, use_email=True).action_send()
        job = self.env["dunning.send.job"].browse(action["res_id"])
        self.env.ref("dunning_levels.ir_cron_dunning_send_job").method_direct_trigger()
        self.assertEqual(job.state, "done")
        self.assertClosedUnsent(reminder, "The invoice is paid.")
        self.assertEqual((reminders - reminder).state, "sent")
        self.assertIn(
            "1 reminder(s) closed without sending: The invoice is paid.",
            job.summary_html,
        )

    def test_invoice_paid_after_generation(self):
        """Generated, then paid through the payment wizard: the payment closes
        the reminder, which the sending leaves alone."""
        reminders = self._generate()
        reminder = reminders.filtered(lambda r: r.move_id == self.invoice)
        self.register_payment(self.invoice, payment_date="2026-02-01")
        self.assertEqual(reminder.state, "closed")
        wizard = self._send(reminders, use_email=True)
        self.assertClosedUnsent(reminder, "The invoice is paid.")
        self.assertFalse(self._messages(self.invoice))
        self.assertIn("1 reminder(s) sent, 0 failure(s)", wizard.summary_html)

    def test_overdue_installment_paid(self):
        """The overdue installment paid, the next one not due yet: the invoice
        is no longer overdue and its reminder is closed, not sent."""
        payment_term = self.env["account.payment.term"].create(
            {
                "name": "Half now, half in 90 days",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 50.0, "nb_days": 0}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 50.0, "nb_days": 90}
                    ),
                ],
            }
        )
        invoice = self.create_invoice(
            self.customer, "2026-01-02", 2000.0, payment_term=payment_term
        )
        reminder = self._generate().filtered(lambda r: r.move_id == invoice)
        self.assertEqual(reminder.amount_overdue, 1000.0)
        self.register_payment(invoice, amount=1000.0, payment_date="2026-02-01")
        self.assertEqual(invoice.payment_state, "partial")
        self._send(reminder, use_email=True)
        self.assertClosedUnsent(reminder, "The invoice is no longer overdue.")
        self.assertFalse(self._messages(invoice))

    def test_archived_customer_not_reminded(self):
        """An archived customer gets no new reminder, and the reminder
        generated before is closed at sending, not sent."""
        reminders = self._generate()
        reminder = reminders.filtered(lambda r: r.partner_id == self.customer)
        self.customer.action_archive()
        wizard = self._send(reminders, use_email=True)
        self.assertClosedUnsent(reminder, "The customer is archived.")
        self.assertIn("The customer is archived.", wizard.summary_html)
        later = self.create_invoice(self.customer, "2026-01-20", 50.0)
        with freeze_time("2026-03-01"):
            generated = self.generate("2026-03-01")
        self.assertNotIn(self.customer, generated.partner_id)
        self.assertFalse(later.dunning_reminder_ids)
        self.assertIn(self.other, generated.partner_id)
