# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""``insert_records`` keeps what ``create`` guarantees to its callers: company
consistency, inverse caches, access rights, stored computed fields, and one
INSERT per batch."""

import re
from contextlib import contextmanager
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.sql_db import Cursor
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.dunning_levels.const import ACTION_GENERATED, STATE_DRAFT
from odoo.addons.dunning_levels.tools import insert_records

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestInsertRecords(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer()
        cls.other_company = cls.setup_other_company()["company"]
        cls.auditor = new_test_user(
            cls.env,
            login="dunning_insert_auditor",
            groups="account.group_account_readonly",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    def reminder_vals(self, invoice, level=1):
        """Values of a generated reminder of ``invoice``, as the generation
        gives them."""
        return {
            "move_id": invoice.id,
            "currency_id": invoice.currency_id.id,
            "level": level,
            "generated_date": fields.Date.to_date("2026-01-20"),
            "date_maturity": invoice.invoice_date_due,
            "days_overdue": 19,
            "amount_overdue": invoice.amount_residual,
        }

    def history_vals(self, reminder):
        """Values of a history line of ``reminder``, as ``_log_history``
        gives them."""
        return {
            "move_id": reminder.move_id.id,
            "partner_id": reminder.partner_id.id,
            "reminder_id": reminder.id,
            "level": reminder.level,
            "channel": reminder.channel,
            "action": ACTION_GENERATED,
            "note": False,
        }

    @contextmanager
    def capture_queries(self):
        """Yield the list of the SQL queries run inside the block."""
        queries = []
        execute = Cursor.execute

        def recording_execute(cursor, query, params=None, log_exceptions=None):
            queries.append(query.code if isinstance(query, SQL) else query)
            return execute(cursor, query, params, log_exceptions)

        with patch("odoo.sql_db.Cursor.execute", recording_execute):
            yield queries

    def inserts_into(self, queries, table):
        """Return the INSERT queries of ``queries`` into ``table``."""
        pattern = re.compile(rf'\s*INSERT INTO "{table}"\s', re.IGNORECASE)
        return [query for query in queries if pattern.match(query)]

    # ------------------------------------------------------------
    # COMPANY CONSISTENCY
    # ------------------------------------------------------------

    def test_history_line_of_another_company_reminder_refused(self):
        """A history line whose reminder belongs to another company than its
        invoice is refused with create's UserError, and nothing is left.

        The history line is the record where such a case can be built: on
        ``dunning.reminder``, the only field checked for its company is the
        invoice, which gives the reminder its company, and the level
        (``level_id``) is not stored but computed from the company.
        """
        invoice = self.create_invoice(self.customer, "2026-01-01")
        other_invoice = self.create_invoice(
            self.customer, "2026-01-01", company=self.other_company
        )
        other_reminder = insert_records(
            self.env["dunning.reminder"].with_company(self.other_company),
            [self.reminder_vals(other_invoice)],
        )
        vals = {**self.history_vals(other_reminder), "move_id": invoice.id}
        history = self.env["dunning.history"].sudo()
        with self.assertRaises(UserError) as created:
            history.create(vals)
        with self.assertRaises(UserError) as inserted:
            insert_records(history, [vals])
        for error in (created.exception, inserted.exception):
            message = str(error)
            self.assertTrue(message.startswith("Incompatible companies on records:"))
            self.assertIn("reminder_id", message)
        self.assertFalse(history.search([("move_id", "=", invoice.id)]))
        # The same line with a reminder of the invoice's company goes in.
        reminder = insert_records(
            self.env["dunning.reminder"], [self.reminder_vals(invoice)]
        )
        line = insert_records(history, [self.history_vals(reminder)])
        self.assertEqual(line.company_id, self.company)

    # ------------------------------------------------------------
    # INVERSE CACHES
    # ------------------------------------------------------------

    def test_invoice_cache_gets_the_new_records(self):
        """One2many fields read before the insert list the new records
        straight from the cache, without invalidation nor query."""
        invoice = self.create_invoice(self.customer, "2026-01-01")
        self.assertFalse(invoice.dunning_reminder_ids)
        self.assertFalse(invoice.dunning_history_ids)
        reminder = insert_records(
            self.env["dunning.reminder"], [self.reminder_vals(invoice)]
        )
        self.assertFalse(reminder.history_ids)
        # History lines are written as superuser (see _log_history).
        line = insert_records(
            self.env["dunning.history"].sudo(), [self.history_vals(reminder)]
        )
        self.env.flush_all()
        with self.assertQueryCount(0):
            self.assertEqual(invoice.dunning_reminder_ids, reminder)
            self.assertEqual(invoice.dunning_history_ids, line)
            self.assertEqual(reminder.history_ids, line)
        # And so does the database.
        self.env.invalidate_all()
        self.assertEqual(invoice.dunning_reminder_ids, reminder)
        self.assertEqual(reminder.history_ids, line)

    # ------------------------------------------------------------
    # ACCESS RIGHTS
    # ------------------------------------------------------------

    def test_user_without_create_right_refused_before_insert(self):
        """An auditor (read-only accounting) gets an AccessError, and no
        INSERT is run."""
        invoice = self.create_invoice(self.customer, "2026-01-01")
        reminders = self.env["dunning.reminder"].with_user(self.auditor)
        with self.capture_queries() as queries, self.assertRaises(AccessError):
            insert_records(reminders, [self.reminder_vals(invoice)])
        self.assertFalse(self.inserts_into(queries, "dunning_reminder"))
        self.assertFalse(invoice.dunning_reminder_ids)

    def test_record_rules_checked_on_new_records(self):
        """A billing user of one company may not insert a reminder of another
        company's invoice (record rule), and nothing is left; in their own
        company they may."""
        invoice = self.create_invoice(self.customer, "2026-01-01")
        other_invoice = self.create_invoice(
            self.customer, "2026-01-01", company=self.other_company
        )
        reminders = self.env["dunning.reminder"].with_user(self.billing_user)
        with self.assertRaises(AccessError):
            insert_records(reminders, [self.reminder_vals(other_invoice)])
        self.assertFalse(
            self.env["dunning.reminder"]
            .sudo()
            .search([("move_id", "=", other_invoice.id)])
        )
        reminder = insert_records(reminders, [self.reminder_vals(invoice)])
        self.assertEqual(reminder.create_uid, self.billing_user)

    # ------------------------------------------------------------
    # STORED FIELDS
    # ------------------------------------------------------------

    def assert_stored_like_create(self, created, inserted, excluded):
        """Assert that ``created`` and ``inserted`` store the same values in
        every stored field but ``excluded`` and the log dates."""
        self.env.flush_all()
        self.env.invalidate_all()
        names = [
            name
            for name, field in created._fields.items()
            if field.store
            and name not in ("id", "create_date", "write_date", *excluded)
        ]
        [expected] = created.read(names, load=None)
        [actual] = inserted.read(names, load=None)
        self.assertEqual(actual, {**expected, "id": inserted.id})

    @freeze_time("2026-01-20 09:30:00")
    def test_stored_fields_as_create_sets_them(self):
        """Defaults, related and computed stored fields: a reminder and a
        history line inserted store what create stores for the same values."""
        salesperson = self.env.ref("base.user_admin")
        bank_journal = self.company_data["default_journal_bank"]
        method_line = bank_journal.inbound_payment_method_line_ids[:1]
        contact = self.env["res.partner"].create(
            {"name": "Service comptable", "parent_id": self.customer.id}
        )
        invoices = self.env["account.move"]
        for __ in range(2):
            invoice = self.create_invoice(contact, "2026-01-01", 480.0)
            invoice.write(
                {
                    "invoice_user_id": salesperson.id,
                    "preferred_payment_method_line_id": method_line.id,
                }
            )
            invoices |= invoice
        reminders = self.env["dunning.reminder"].sudo()
        created = reminders.create(self.reminder_vals(invoices[0]))
        inserted = insert_records(reminders, [self.reminder_vals(invoices[1])])
        self.assert_stored_like_create(created, inserted, ["move_id"])
        self.assertRecordValues(
            inserted,
            [
                {
                    "partner_id": self.customer.id,
                    "company_id": self.company.id,
                    "invoice_user_id": salesperson.id,
                    "payment_method_line_id": method_line.id,
                    "invoice_date": fields.Date.to_date("2026-01-01"),
                    "state": STATE_DRAFT,
                }
            ],
        )
        history = self.env["dunning.history"].sudo()
        created_line = history.create(self.history_vals(created))
        inserted_line = insert_records(history, [self.history_vals(inserted)])
        self.assert_stored_like_create(
            created_line, inserted_line, ["move_id", "reminder_id"]
        )
        self.assertRecordValues(
            inserted_line,
            [
                {
                    "partner_id": self.customer.id,
                    "company_id": self.company.id,
                    "user_id": self.env.user.id,
                    "date": fields.Datetime.to_datetime("2026-01-20 09:30:00"),
                }
            ],
        )

    # ------------------------------------------------------------
    # ONE QUERY PER BATCH
    # ------------------------------------------------------------

    def test_generation_inserts_in_one_query_per_batch(self):
        """More reminders than create puts in one INSERT (100): the generation
        still runs one INSERT for the reminders and one for their history."""
        partners = [self.create_customer(f"Famille {index}") for index in range(3)]
        invoices = self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partners[index % len(partners)].id,
                    "invoice_date": "2026-01-01",
                    "invoice_date_due": "2026-01-01",
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
                for index in range(110)
            ]
        )
        invoices.action_post()
        self.env.flush_all()
        with self.capture_queries() as queries:
            reminders = self.generate("2026-01-20")
            self.env.flush_all()
        self.assertEqual(len(reminders), 110)
        self.assertEqual(len(reminders.history_ids), 110)
        for table in ("dunning_reminder", "dunning_history"):
            self.assertEqual(len(self.inserts_into(queries, table)), 1, table)
