# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningGeneration(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer()

    def test_invoice_reaches_level_1_after_its_delay(self):
        """An invoice due on D gets a level 1 reminder on D+15, not before."""
        invoice = self.create_invoice(self.customer, "2026-01-01", 1200.0)
        self.assertFalse(self.generate("2026-01-15"))
        reminder = self.generate("2026-01-16")
        self.assertRecordValues(
            reminder,
            [
                {
                    "move_id": invoice.id,
                    "partner_id": self.customer.id,
                    "company_id": self.company.id,
                    "level": 1,
                    "state": "draft",
                    "generated_date": fields.Date.to_date("2026-01-16"),
                    "date_maturity": fields.Date.to_date("2026-01-01"),
                    "days_overdue": 15,
                    "amount_overdue": 1200.0,
                    "channel": False,
                }
            ],
        )
        self.assertEqual(reminder.level_id, self.levels[0])
        # Generating never sends anything.
        self.assertEqual(invoice.dunning_level, 0)
        self.assertFalse(invoice.dunning_date)
        self.assertRecordValues(
            reminder.history_ids, [{"action": "generated", "level": 1}]
        )

    def test_contact_invoice_reminded_on_commercial_partner(self):
        """An invoice addressed to a contact is reminded to its company."""
        contact = self.env["res.partner"].create(
            {"name": "Marie Leroy", "parent_id": self.customer.id}
        )
        self.create_invoice(contact, "2026-01-01")
        reminder = self.generate("2026-02-01")
        self.assertEqual(reminder.partner_id, self.customer)

    def test_only_overdue_unpaid_customer_invoices(self):
        """Drafts, credit notes, vendor bills and paid invoices are never reminded."""
        self.create_invoice(self.customer, "2026-01-01", post=False)
        self.create_invoice(self.customer, "2026-01-01", move_type="out_refund")
        self.create_invoice(self.customer, "2026-01-01", move_type="in_invoice")
        paid = self.create_invoice(self.customer, "2026-01-01")
        self.register_payment(paid, payment_date="2026-01-10")
        not_due = self.create_invoice(self.customer, "2026-03-01")
        self.assertFalse(self.generate("2026-02-28"))
        self.assertFalse(not_due.dunning_reminder_ids)

    def test_invoice_not_to_remind(self):
        """A billing user unchecks "To be reminded" on a posted invoice: skipped."""
        invoice = self.create_invoice(self.customer, "2026-01-01")
        invoice.with_user(self.billing_user).dunning_to_remind = False
        self.assertFalse(self.generate("2026-02-01"))
        self.assertNotIn(invoice, self.customer.dunning_overdue_move_ids)

    def test_generate_now_button(self):
        """The list's "Generate Now" button runs today's generation."""
        invoice = self.create_invoice(self.customer, "2026-01-01")
        with freeze_time("2026-02-01"):
            action = (
                self.env["dunning.reminder"]
                .with_user(self.billing_user)
                .action_generate_reminders()
            )
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(invoice.dunning_reminder_ids.level, 1)
        with freeze_time("2026-02-01"):
            action = self.env["dunning.reminder"].action_generate_reminders()
        self.assertEqual(action["params"]["type"], "info")

    def test_excluded_customer(self):
        """An excluded customer's invoices, even on its contacts, are skipped."""
        contact = self.env["res.partner"].create(
            {"name": "Marie Leroy", "parent_id": self.customer.id}
        )
        self.create_invoice(self.customer, "2026-01-01")
        self.create_invoice(contact, "2026-01-01")
        self.customer.dunning_excluded = True
        self.assertTrue(contact.dunning_excluded)
        self.assertFalse(self.generate("2026-02-01"))

    def test_minimum_amount_per_customer(self):
        """Customers owing less than the minimum overdue amount are skipped."""
        self.company.dunning_min_amount = 500.0
        small = self.create_customer("Petit Client")
        self.create_invoice(small, "2026-01-01", 300.0)
        big = self.create_customer("Gros Client")
        self.create_invoice(big, "2026-01-01", 300.0)
        self.create_invoice(big, "2026-01-05", 300.0)
        reminders = self.generate("2026-02-01")
        self.assertEqual(reminders.partner_id, big)
        self.assertEqual(len(reminders), 2)

    def test_minimum_amount_counts_open_credits(self):
        """An open credit note reduces what the customer owes."""
        self.company.dunning_min_amount = 500.0
        self.create_invoice(self.customer, "2026-01-01", 600.0)
        self.create_invoice(self.customer, "2026-01-10", 200.0, move_type="out_refund")
        self.assertFalse(self.generate("2026-02-01"))

    def test_installments_overdue_from_first_unpaid(self):
        """With installments, the first unpaid installment makes the invoice due."""
        term = self.env["account.payment.term"].create(
            {
                "name": "50% comptant, 50% à 60 jours",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 50.0, "nb_days": 0}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 50.0, "nb_days": 60}
                    ),
                ],
            }
        )
        invoice = self.create_invoice(self.customer, "2026-01-01", 1000.0, term)
        self.assertEqual(invoice.invoice_date_due, fields.Date.to_date("2026-03-02"))
        with freeze_time("2026-01-02"):
            invoice.invalidate_recordset(["dunning_days_overdue"])
            self.assertEqual(invoice.dunning_days_overdue, 1)
            self.assertEqual(invoice.dunning_amount_overdue, 500.0)
        reminder = self.generate("2026-01-16")
        self.assertRecordValues(
            reminder, [{"level": 1, "days_overdue": 15, "amount_overdue": 500.0}]
        )

    def test_partly_paid_invoice_reminded_for_its_residual(self):
        """A partly paid invoice stays eligible with its new residual."""
        invoice = self.create_invoice(self.customer, "2026-01-01", 1000.0)
        self.register_payment(invoice, 400.0, "2026-01-10")
        self.assertEqual(invoice.payment_state, "partial")
        reminder = self.generate("2026-01-20")
        self.assertEqual(reminder.amount_overdue, 600.0)

    def test_one_level_at_a_time(self):
        """A long-overdue invoice starts at level 1; level 2 only after 1 is sent."""
        invoice = self.create_invoice(self.customer, "2026-01-01")
        first = self.generate("2026-04-11")
        self.assertEqual(first.level, 1)
        self.assertEqual(first.days_overdue, 100)
        # The draft stays at its level and blocks the next one.
        self.assertFalse(self.generate("2026-04-20"))
        with freeze_time("2026-04-20 09:00:00"):
            first.action_mark_sent()
        self.assertEqual(invoice.dunning_level, 1)
        # The minimum interval (7 days) holds the next level back.
        self.assertFalse(self.generate("2026-04-26"))
        second = self.generate("2026-04-27")
        self.assertEqual(second.level, 2)

    def test_minimum_interval_setting(self):
        """The company's interval between two reminders is respected."""
        self.company.dunning_min_interval_days = 20
        invoice = self.create_invoice(self.customer, "2026-01-01")
        with freeze_time("2026-02-01"):
            self.generate("2026-02-01").action_mark_sent()
        self.assertEqual(invoice.dunning_date, fields.Date.to_date("2026-02-01"))
        self.assertFalse(self.generate("2026-02-20"))
        self.assertEqual(self.generate("2026-02-21").level, 2)

    def test_disabled_level_skipped(self):
        """With level 2 disabled, level 3 follows level 1 after its own delay."""
        self.levels[1].active = False
        invoice = self.create_invoice(self.customer, "2026-01-01")
        with freeze_time("2026-01-20"):
            self.generate("2026-01-20").action_mark_sent()
        self.assertFalse(self.generate("2026-02-14"))  # 44 days
        third = self.generate("2026-02-15")  # 45 days
        self.assertEqual(third.level, 3)
        self.assertEqual(third.level_id, self.levels[2])
        self.assertEqual(invoice.dunning_level, 1)

    def test_nothing_after_formal_notice(self):
        """Once level 3 is sent, nothing more is generated automatically."""
        invoice = self.create_invoice(self.customer, "2025-10-01")
        for day in ("2026-01-01", "2026-01-10", "2026-01-20"):
            with freeze_time(day):
                self.generate(day).action_mark_sent()
        self.assertEqual(invoice.dunning_level, 3)
        self.assertFalse(self.generate("2026-03-01"))
        self.assertFalse(self.generate("2026-06-01"))

    def test_generation_is_idempotent(self):
        """Generating twice on the same date creates nothing new."""
        self.create_invoice(self.customer, "2026-01-01")
        self.create_invoice(self.customer, "2026-01-02")
        self.assertEqual(len(self.generate("2026-02-01")), 2)
        self.assertFalse(self.generate("2026-02-01"))
        self.assertFalse(self.generate("2026-02-02"))
        self.assertEqual(
            self.env["dunning.reminder"].search_count(
                [("partner_id", "=", self.customer.id)]
            ),
            2,
        )

    def test_database_refuses_second_draft(self):
        """The database allows one reminder to send per invoice, not two."""
        invoice = self.create_invoice(self.customer, "2026-01-01")
        self.generate("2026-02-01")
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            # As superuser: only the model's methods create reminders.
            self.env["dunning.reminder"].sudo().create(
                {
                    "move_id": invoice.id,
                    "currency_id": invoice.currency_id.id,
                    "level": 1,
                }
            )

    def test_concurrent_generation_loses_nothing(self):
        """When another run already created a reminder, the batch goes on."""
        first = self.create_invoice(self.customer, "2026-01-01")
        second = self.create_invoice(self.customer, "2026-01-02")
        reminders = self.env["dunning.reminder"].with_company(self.company)
        date = fields.Date.to_date("2026-02-01")
        candidates = reminders._get_reminders_to_generate(self.company, date)
        self.assertEqual(len(candidates), 2)
        # Another run creates the first invoice's reminder in the meantime.
        concurrent = first._dunning_create_reminders()
        created = reminders._create_generated_reminders(candidates, date)
        self.assertEqual(created.move_id, second)
        self.assertEqual(first.dunning_reminder_ids, concurrent)

    def test_generation_queries_do_not_grow_with_invoices(self):
        """The number of queries is the same for 3 or 30 invoices, with several
        invoices per customer, installments, partial payments, credit notes
        and a minimum amount per customer."""
        self.company.dunning_min_amount = 50.0
        installments = self.env["account.payment.term"].create(
            {
                "name": "30 % at 30 days, balance at 60 days",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 30.0, "nb_days": 30}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 70.0, "nb_days": 60}
                    ),
                ],
            }
        )

        def post_invoices(prefix, count, invoice_date):
            customers = [
                self.create_customer(f"{prefix}{index}")
                for index in range(max(count // 3, 1))
            ]
            for index in range(count):
                invoice = self.create_invoice(
                    customers[index % len(customers)],
                    invoice_date,
                    100.0 + index,
                    payment_term=installments if index % 3 == 0 else None,
                )
                if index % 4 == 1:
                    self.register_payment(invoice, amount=30.0)
            self.create_invoice(
                customers[0], invoice_date, 20.0, move_type="out_refund"
            )

        # Warm the caches (access rules, company, levels) with a first run.
        self.create_invoice(self.create_customer("Warm-up"), "2025-12-01")
        self.count_queries(self.generate, "2026-01-01")
        post_invoices("A", 3, "2025-12-10")
        small, small_count = self.count_queries(self.generate, "2026-02-01")
        self.assertEqual(len(small), 3)
        post_invoices("B", 30, "2026-01-10")
        large, large_count = self.count_queries(self.generate, "2026-03-15")
        self.assertEqual(len(large), 30)
        self.assertEqual(large_count, small_count)

    def test_days_overdue_filter(self):
        """Invoices can be searched by days overdue."""
        old = self.create_invoice(self.customer, "2026-01-01")
        recent = self.create_invoice(self.customer, "2026-02-20")
        not_due = self.create_invoice(self.customer, "2026-03-10")
        invoices = old | recent | not_due
        with freeze_time("2026-03-02"):
            moves = self.env["account.move"]

            def search(operator, value):
                return moves.search(
                    [
                        ("id", "in", invoices.ids),
                        ("dunning_days_overdue", operator, value),
                    ]
                )

            self.assertEqual(old.dunning_days_overdue, 60)
            self.assertEqual(recent.dunning_days_overdue, 10)
            self.assertEqual(not_due.dunning_days_overdue, 0)
            self.assertEqual(search(">=", 30), old)
            self.assertEqual(search(">=", 10), old | recent)
            self.assertEqual(search(">", 10), old)
            self.assertEqual(search("<", 30), recent | not_due)
            self.assertEqual(search("=", 10), recent)
