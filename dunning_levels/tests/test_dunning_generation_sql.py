# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.dunning_levels.tools import insert_records

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningGenerationSql(DunningCommon):
    """The generation inserts reminders and history lines in SQL: what the
    ORM would have stored, cached and checked must still hold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer()
        cls.contact = cls.env["res.partner"].create(
            {"name": "Service comptable", "parent_id": cls.customer.id}
        )
        cls.salesperson = cls.env.ref("base.user_admin")
        cls.bank_journal = cls.company_data["default_journal_bank"]

    def create_invoices(self, partners, count, invoice_date):
        """Post ``count`` invoices due on ``invoice_date``, in one batch."""
        invoices = self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partners[index % len(partners)].id,
                    "invoice_date": invoice_date,
                    "invoice_date_due": invoice_date,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Cantine",
                                "quantity": 1,
                                "price_unit": 50.0 + index,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
                for index in range(count)
            ]
        )
        invoices.action_post()
        return invoices

    def test_stored_values_of_generated_reminders(self):
        """Fields related to the invoice, defaults and log columns are stored
        as the ORM would store them, for the user who generates."""
        invoice = self.create_invoice(self.contact, "2026-01-01", 480.0)
        invoice.invoice_user_id = self.salesperson
        method_line = self.bank_journal.inbound_payment_method_line_ids[:1]
        invoice.preferred_payment_method_line_id = method_line
        reminder = (
            self.env["dunning.reminder"]
            .with_user(self.billing_user)
            .with_company(self.company)
            .generate_reminders(date=fields.Date.to_date("2026-01-20"))
        )
        self.env.invalidate_all()
        self.assertRecordValues(
            reminder,
            [
                {
                    "move_id": invoice.id,
                    "partner_id": self.customer.id,
                    "company_id": self.company.id,
                    "invoice_user_id": self.salesperson.id,
                    "currency_id": invoice.currency_id.id,
                    "invoice_date": fields.Date.to_date("2026-01-01"),
                    "invoice_date_due": fields.Date.to_date("2026-01-01"),
                    "payment_method_line_id": method_line.id,
                    "level": 1,
                    "state": "draft",
                    "days_overdue": 19,
                    "amount_overdue": 480.0,
                    "create_uid": self.billing_user.id,
                    "write_uid": self.billing_user.id,
                }
            ],
        )
        self.assertTrue(reminder.create_date)
        self.assertRecordValues(
            reminder.history_ids,
            [
                {
                    "move_id": invoice.id,
                    "partner_id": self.customer.id,
                    "company_id": self.company.id,
                    "level": 1,
                    "action": "generated",
                    "channel": False,
                    "user_id": self.billing_user.id,
                    "create_uid": self.billing_user.id,
                }
            ],
        )
        self.assertTrue(reminder.history_ids.date)

    def test_cached_invoice_sees_its_new_reminder(self):
        """Reminders and history read on the invoice before the generation
        are not served stale from the cache afterwards."""
        invoice = self.create_invoice(self.customer, "2026-01-01")
        self.assertFalse(invoice.dunning_reminder_ids)
        self.assertFalse(invoice.dunning_history_ids)
        self.assertEqual(invoice.dunning_reminder_count, 0)
        reminder = self.generate("2026-01-20")
        # The new records are in cache as stored: reading them costs nothing.
        with self.assertQueryCount(0):
            self.assertEqual(reminder.move_id, invoice)
            self.assertEqual(reminder.partner_id, self.customer)
            self.assertEqual(reminder.amount_overdue, 1000.0)
            self.assertFalse(reminder.note)
            self.assertFalse(reminder.sent_datetime)
            self.assertEqual(reminder.history_ids.move_id, invoice)
        self.assertEqual(invoice.dunning_reminder_ids, reminder)
        self.assertEqual(invoice.dunning_history_ids.reminder_id, reminder)
        self.assertEqual(invoice.dunning_reminder_count, 1)

    def test_generation_queries_beyond_orm_insert_batches(self):
        """The same number of queries for 4 and 240 invoices: more than the
        ORM inserts per query (100), fewer than one query per 100 reminders."""
        customers = [self.create_customer(f"Famille {index}") for index in range(6)]
        self.create_invoices(customers[:2], 1, "2025-12-01")
        self.count_queries(self.generate, "2026-01-01")
        self.create_invoices(customers[:2], 4, "2026-01-01")
        small, small_count = self.count_queries(self.generate, "2026-02-01")
        self.assertEqual(len(small), 4)
        self.create_invoices(customers[2:], 240, "2026-02-01")
        large, large_count = self.count_queries(self.generate, "2026-03-15")
        # The 4 earlier invoices still have their level 1 to send.
        self.assertEqual(len(large), 240)
        self.assertEqual(len(large.history_ids), 240)
        self.assertEqual(large_count, small_count)

    def test_insert_refuses_fields_computed_from_the_invoice(self):
        """Related fields come from the invoice, never from the values."""
        invoice = self.create_invoice(self.customer, "2026-01-01")
        with self.assertRaises(ValueError):
            insert_records(
                self.env["dunning.reminder"],
                [
                    {
                        "move_id": invoice.id,
                        "partner_id": self.customer.id,
                        "currency_id": invoice.currency_id.id,
                        "level": 1,
                    }
                ],
            )
