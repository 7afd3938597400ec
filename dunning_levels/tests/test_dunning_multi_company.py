# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""A user of company A never sees nor acts on company B's reminders,
history or letters, through search, direct ids, wizards or reports."""

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningMultiCompany(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.setup_other_company()["company"]
        cls.customer = cls.create_customer(
            street="3 rue du Four", zip="69002", city="Lyon"
        )
        cls.invoice = cls.create_invoice(cls.customer, "2026-01-01")
        cls.other_invoice = cls.create_invoice(
            cls.customer, "2026-01-01", company=cls.other_company
        )
        date = fields.Date.to_date("2026-02-01")
        reminders = cls.env["dunning.reminder"]
        cls.reminder = reminders.with_company(cls.company).generate_reminders(date)
        cls.other_reminder = reminders.with_company(
            cls.other_company
        ).generate_reminders(date)
        # Allowed in both companies, working in A: B is out of reach too.
        cls.both_user = new_test_user(
            cls.env,
            login="dunning_billing_both",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[cls.company.id, cls.other_company.id],
        )

    def test_search_shows_own_company_only(self):
        for user, companies in (
            (self.billing_user, [self.company.id]),
            (self.manager_user, [self.company.id]),
            (self.both_user, [self.company.id]),
        ):
            env = self.env(user=user, context={"allowed_company_ids": companies})
            with self.subTest(user=user.login):
                self.assertEqual(
                    env["dunning.reminder"].search([]).company_id, self.company
                )
                self.assertEqual(
                    env["dunning.history"].search([]).company_id, self.company
                )
                self.assertFalse(
                    env["dunning.reminder"].search(
                        [("move_id", "=", self.other_invoice.id)]
                    )
                )

    def test_other_company_records_refused_by_id(self):
        """Known ids of B: reading, acting, printing, sending, calling are
        all refused, and B's reminder stays as it was."""
        user = self.billing_user
        other = self.other_reminder.with_user(user)
        history = self.other_reminder.history_ids.with_user(user)
        reports = self.env["ir.actions.report"].with_user(user)
        for name, action in (
            ("read", lambda: other.read(["state", "amount_overdue"])),
            ("read history", lambda: history.read(["note"])),
            ("mark sent", other.action_mark_sent),
            ("cancel", other.action_cancel),
            ("print letter", other.action_print_letter),
            (
                "render letter",
                lambda: reports._render_qweb_html(
                    "dunning_levels.action_report_dunning_letter", other.ids
                ),
            ),
            (
                "send wizard",
                lambda: self.send_with_wizard(other, user=user, use_email=True),
            ),
            (
                "log call",
                lambda: (
                    self.env["dunning.log.call"]
                    .with_user(user)
                    .with_context(active_model="dunning.reminder", active_ids=other.ids)
                    .create({"outcome": "promise"})
                    .action_log()
                ),
            ),
        ):
            with self.subTest(action=name), self.assertRaises(AccessError):
                action()
        self.assertEqual(self.other_reminder.state, "draft")
        self.assertEqual(
            self.other_reminder.history_ids.mapped("action"), ["generated"]
        )

    def test_mixed_selection_refused_whole(self):
        """A selection mixing A's and B's reminders is refused, not half
        sent."""
        mixed = (self.reminder | self.other_reminder).ids
        with self.assertRaises(AccessError):
            self.send_with_wizard(
                self.env["dunning.reminder"]
                .with_context(allowed_company_ids=[self.company.id])
                .browse(mixed),
                user=self.both_user,
                use_email=True,
            )
        self.assertEqual(self.reminder.state, "draft")
        self.assertEqual(self.other_reminder.state, "draft")

    def test_generation_stays_in_the_current_company(self):
        """Generating in A never touches B's invoices."""
        self.other_reminder.sudo()._cancel()
        new = (
            self.env["dunning.reminder"]
            .with_user(self.both_user)
            .with_context(allowed_company_ids=[self.company.id])
            .generate_reminders(fields.Date.to_date("2026-03-01"))
        )
        self.assertNotIn(self.other_invoice, new.move_id)
        self.assertEqual(
            self.other_invoice.dunning_reminder_ids.mapped("state"), ["cancelled"]
        )
