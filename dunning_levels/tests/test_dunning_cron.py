# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningCron(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.setup_other_company()["company"]
        cls.customer = cls.create_customer()
        cls.cron = cls.env.ref("dunning_levels.ir_cron_dunning_generate")

    def test_cron_record_generates_for_every_company(self):
        """The scheduled action generates the day's reminders in each company."""
        here = self.create_invoice(self.customer, "2026-01-01")
        there = self.create_invoice(
            self.customer, "2026-01-01", company=self.other_company
        )
        self.assertEqual(self.cron.code, "model._cron_generate_reminders()")
        self.assertEqual(self.cron.interval_type, "days")
        with freeze_time("2026-02-01 04:00:00"):
            self.cron.method_direct_trigger()
        self.assertEqual(here.dunning_reminder_ids.level, 1)
        self.assertEqual(there.dunning_reminder_ids.level, 1)
        self.assertEqual(there.dunning_reminder_ids.company_id, self.other_company)
        self.assertEqual(here.dunning_level, 0, "the cron must not send anything")

    def test_cron_creates_the_reminder_page_links(self):
        """The scheduled action gives each customer reminded a link to its
        reminder page in each company, before any sending: a letter printed
        from its read-only URL finds it."""
        self.create_invoice(self.customer, "2026-01-01")
        self.create_invoice(self.customer, "2026-01-05")
        self.create_invoice(self.customer, "2026-01-01", company=self.other_company)
        accesses = self.env["dunning.access"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertFalse(accesses)
        with freeze_time("2026-02-01 04:00:00"):
            self.cron.method_direct_trigger()
        accesses = self.env["dunning.access"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(accesses.company_id, self.company | self.other_company)
        self.assertEqual(len(accesses), 2, "one link per company")

    def test_one_company_error_spares_the_others(self):
        """An error while generating one company's reminders is rolled back
        and logged: the other companies get theirs."""
        here = self.create_invoice(self.customer, "2026-01-01")
        there = self.create_invoice(
            self.customer, "2026-01-01", company=self.other_company
        )
        reminders_class = type(self.env["dunning.reminder"])
        get_candidates = reminders_class._get_reminders_to_generate

        def broken_here(reminders, company, date):
            if company == self.company:
                raise ValueError("simulated broken configuration")
            return get_candidates(reminders, company, date)

        with (
            patch.object(reminders_class, "_get_reminders_to_generate", broken_here),
            self.assertLogs(
                "odoo.addons.dunning_levels.models.dunning_reminder", "ERROR"
            ) as logs,
            freeze_time("2026-02-01 04:00:00"),
        ):
            self.cron.method_direct_trigger()
        self.assertIn("simulated broken configuration", logs.output[0])
        self.assertFalse(here.dunning_reminder_ids)
        self.assertEqual(there.dunning_reminder_ids.level, 1)

    def test_cron_reports_progress_in_batches(self):
        """The cron works in batches and reports what remains."""
        invoices = self.env["account.move"]
        for day in range(1, 4):
            invoices |= self.create_invoice(self.customer, f"2026-01-0{day}")
        progress = self.env["ir.cron.progress"].create(
            {"cron_id": self.cron.id, "remaining": 0, "done": 0}
        )
        # As the scheduled action does: as the superuser, over every company.
        reminders = (
            self.env["dunning.reminder"]
            .with_user(self.cron.user_id)
            .with_context(ir_cron_progress_id=progress.id)
        )
        with freeze_time("2026-02-01"):
            reminders._cron_generate_reminders(batch_size=2)
            self.assertRecordValues(progress, [{"done": 2, "remaining": 1}])
            reminders._cron_generate_reminders(batch_size=2)
            self.assertRecordValues(progress, [{"done": 1, "remaining": 0}])
        self.assertEqual(len(invoices.dunning_reminder_ids), 3)

    def test_each_company_uses_its_levels_and_settings(self):
        """A company's own delays and minimum amount apply to its invoices."""
        other_levels = self.get_levels(self.other_company)
        other_levels[0].delay_days = 5
        self.other_company.dunning_min_amount = 2000.0
        small = self.create_invoice(
            self.customer, "2026-01-01", 100.0, company=self.other_company
        )
        big_customer = self.create_customer("Gros Client")
        big = self.create_invoice(
            big_customer, "2026-01-01", 3000.0, company=self.other_company
        )
        reminders = self.generate("2026-01-06", company=self.other_company)
        self.assertEqual(reminders.move_id, big)
        self.assertFalse(small.dunning_reminder_ids)
        self.assertFalse(self.generate("2026-01-06"))

    def test_generation_limited_to_current_companies(self):
        """generate_reminders only works on the companies of the environment."""
        self.create_invoice(self.customer, "2026-01-01", company=self.other_company)
        self.assertFalse(self.generate("2026-02-01"))

    def test_reminders_isolated_per_company(self):
        """A user of one company neither sees nor edits the other's reminders."""
        there = self.create_invoice(
            self.customer, "2026-01-01", company=self.other_company
        )
        reminder = self.generate("2026-02-01", company=self.other_company)
        self.assertEqual(reminder.move_id, there)
        self.assertEqual(reminder.history_ids.company_id, self.other_company)
        reminders = self.env["dunning.reminder"].with_user(self.billing_user)
        self.assertFalse(reminders.search([]))
        self.assertFalse(
            self.env["dunning.history"].with_user(self.billing_user).search([])
        )
        with self.assertRaises(AccessError):
            reminder.with_user(self.billing_user).action_mark_sent()
