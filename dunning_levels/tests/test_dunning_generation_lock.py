# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Reminders created by hand and the morning generation take the same
company lock: neither goes ahead while the other is creating reminders."""

from contextlib import contextmanager

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL

from ..models.dunning_reminder_generation import GENERATION_LOCK_KEY
from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningGenerationLock(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer()
        cls.invoice = cls.create_invoice(cls.customer, "2026-01-01")
        cls.cron = cls.env.ref("dunning_levels.ir_cron_dunning_generate")

    @contextmanager
    def lock_held_elsewhere(self, function="pg_advisory_xact_lock"):
        """Hold the company's generation lock in another transaction, as a
        generation (or a creation by hand) running meanwhile does."""
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT %s(%s, %s)",
                    SQL.identifier(function),
                    GENERATION_LOCK_KEY,
                    self.company.id,
                )
            )
            yield

    def test_reminder_by_hand_waits_for_the_generation(self):
        """While the generation runs, a reminder created by hand is refused
        with a clear message; once it is over, it is created."""
        invoice = self.invoice.with_user(self.billing_user)
        with (
            self.lock_held_elsewhere(),
            self.assertRaisesRegex(UserError, "being generated"),
        ):
            invoice._dunning_create_reminders()
        self.assertFalse(self.invoice.dunning_reminder_ids)
        reminder = invoice._dunning_create_reminders()
        self.assertRecordValues(reminder, [{"level": 1, "state": "draft"}])

    def test_generation_runs_again_after_a_creation_by_hand(self):
        """The scheduled generation finding a company's lock taken (reminders
        being created by hand) counts it as remaining and runs again."""
        with self.lock_held_elsewhere("pg_advisory_xact_lock_shared"):
            self.cron.method_direct_trigger()
            self.assertFalse(self.invoice.dunning_reminder_ids)
            self.assertTrue(
                self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])
            )
        self.cron.method_direct_trigger()
        self.assertEqual(self.invoice.dunning_reminder_ids.level, 1)
