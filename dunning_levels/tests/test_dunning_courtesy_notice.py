# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from datetime import date

from odoo.tests import freeze_time, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningCourtesyNotice(DunningCommon):
    """The courtesy notice: an email a few days before an invoice falls due,
    once per invoice, counted as no reminder level."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("dunning_levels.ir_cron_dunning_courtesy_notice")
        cls.customer = cls.create_customer("Boulangerie Leroy")
        cls.twelve_days = cls.create_installment_term(12, name="12 days")
        # Invoiced on 2026-03-01, due on 2026-03-13.
        cls.invoice = cls.create_invoice(
            cls.customer, "2026-03-01", 1200.0, payment_term=cls.twelve_days
        )

    def enable(self, days=3):
        self.env["res.config.settings"].create(
            {"dunning_courtesy_notice": True, "dunning_courtesy_days": days}
        ).execute()

    def run_cron(self, day):
        """Run the courtesy notice cron on ``day``, through its record."""
        with freeze_time(f"{day} 05:00:00"):
            self.cron.method_direct_trigger()

    def notices(self, invoice):
        """Return the courtesy notices posted on ``invoice``."""
        return invoice.message_ids.filtered(
            lambda m: m.subject and "falls due soon" in m.subject
        )

    def test_off_by_default(self):
        """Without the setting, nothing is sent."""
        self.assertFalse(self.company.dunning_courtesy_notice)
        self.run_cron("2026-03-10")
        self.assertFalse(self.notices(self.invoice))
        self.assertFalse(self.invoice.dunning_courtesy_date)

    def test_notice_sent_days_before_the_due_date_once(self):
        """Three days before the due date the customer is emailed, once; the
        history records it; the invoice's level does not move."""
        self.enable(days=3)
        self.run_cron("2026-03-09")
        self.assertFalse(self.notices(self.invoice), "four days before: too early")
        self.run_cron("2026-03-10")
        notice = self.notices(self.invoice)
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.partner_ids, self.customer)
        self.assertEqual(notice.message_type, "comment")
        self.assertIn(self.invoice.name, notice.body)
        self.assertIn("03/13/2026", notice.body)
        self.assertIn(self.company.name, notice.subject)
        self.assertEqual(self.invoice.dunning_courtesy_date, date(2026, 3, 10))
        history = self.invoice.dunning_history_ids
        self.assertEqual(history.action, "courtesy")
        self.assertEqual(history.channel, "email")
        self.assertEqual(history.level, 0)
        self.assertIn("03/13/2026", history.note)
        self.assertEqual(self.invoice.dunning_level, 0)
        self.assertFalse(self.invoice.dunning_reminder_ids)
        self.run_cron("2026-03-11")
        self.assertEqual(len(self.notices(self.invoice)), 1, "sent once")

    def test_no_notice_for_invoices_not_to_remind(self):
        """Paid invoices, invoices not to remind, excluded customers and
        overdue invoices get no courtesy notice."""
        self.enable(days=3)
        paid = self.create_invoice(
            self.customer, "2026-03-01", 100.0, payment_term=self.twelve_days
        )
        self.register_payment(paid)
        not_to_remind = self.create_invoice(
            self.customer, "2026-03-01", 100.0, payment_term=self.twelve_days
        )
        not_to_remind.dunning_to_remind = False
        excluded = self.create_customer("Garage Dubois", dunning_excluded=True)
        of_excluded = self.create_invoice(
            excluded, "2026-03-01", 100.0, payment_term=self.twelve_days
        )
        two_installments = self.create_installment_term(0, 12)
        overdue = self.create_invoice(
            self.customer, "2026-03-01", 100.0, payment_term=two_installments
        )
        self.run_cron("2026-03-10")
        self.assertTrue(self.notices(self.invoice))
        for invoice in (paid, not_to_remind, of_excluded, overdue):
            self.assertFalse(self.notices(invoice), invoice.name)
            self.assertFalse(invoice.dunning_courtesy_date, invoice.name)

    def test_notice_announces_the_next_installment(self):
        """For an invoice in installments, the notice announces the next one
        and its amount."""
        self.enable(days=3)
        halves = self.create_installment_term(12, 42, name="Halves")
        invoice = self.create_invoice(
            self.customer, "2026-03-01", 300.0, payment_term=halves
        )
        self.run_cron("2026-03-10")
        notice = self.notices(invoice)
        self.assertIn("03/13/2026", notice.body)
        self.assertIn("150.00", notice.body)
        self.assertNotIn("300.00", notice.body)
