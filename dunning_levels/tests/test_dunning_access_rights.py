# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Who may do what, with real users calling the methods the UI calls.

Roles: billing user (generates, sends, logs calls), accountant in read-only
(reads, cannot act), accounting manager (configures the levels), internal
user without accounting rights (a salesperson), portal and public users
(nothing)."""

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.service.model import execute_cr
from odoo.tests import freeze_time, new_test_user, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningAccessRights(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.company

        def user(login, groups):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=company.id,
                company_ids=[company.id],
            )

        cls.readonly_user = user("dunning_auditor", "account.group_account_readonly")
        cls.internal_user = user("dunning_sales", "base.group_user")
        cls.portal_user = user("dunning_portal", "base.group_portal")
        cls.public_user = user("dunning_public", "base.group_public")
        cls.customer = cls.create_customer(
            street="3 rue du Four", zip="69002", city="Lyon"
        )
        cls.invoice = cls.create_invoice(cls.customer, "2026-01-01")
        cls.reminder = (
            cls.env["dunning.reminder"]
            .with_company(company)
            .generate_reminders(fields.Date.to_date("2026-02-01"))
        )
        cls.outsiders = cls.internal_user | cls.portal_user | cls.public_user

    def _reminder(self, user):
        return self.reminder.with_user(user)

    def _send(self, user):
        wizard = self.open_send_wizard(self.reminder, user=user, use_email=True)
        return wizard.action_send()

    def _log_call(self, user):
        wizard = (
            self.env["dunning.log.call"]
            .with_user(user)
            .with_context(active_model="dunning.reminder", active_ids=self.reminder.ids)
            .create({"outcome": "promise", "comment": "Pays Friday"})
        )
        return wizard.action_log()

    def _print_letter(self, user):
        return (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(
                "dunning_levels.action_report_dunning_letter", self.reminder.ids
            )
        )

    def _configure(self, user):
        self.levels[0].with_user(user).write({"delay_days": 10})

    def test_billing_user_generates_sends_logs_calls(self):
        """The billing user does the daily work, but cannot configure."""
        user = self.billing_user
        self.assertTrue(self._reminder(user).read(["state", "level"]))
        with freeze_time("2026-02-01"):
            self.env["dunning.reminder"].with_user(user).action_generate_reminders()
        self.assertTrue(self._print_letter(user)[0])
        self._log_call(user)
        self._send(user)
        self.assertEqual(self.reminder.state, "sent")
        self.assertEqual(
            self.env["dunning.history"]
            .with_user(user)
            .search([("move_id", "=", self.invoice.id)])
            .sorted("id")
            .mapped("action"),
            ["generated", "called", "sent"],
        )
        with self.assertRaises(AccessError):
            self._configure(user)
        with self.assertRaises(AccessError):
            self.levels.with_user(user).unlink()

    def test_readonly_accountant_reads_but_cannot_act(self):
        """The accountant in read-only sees reminders, history and letters,
        and changes nothing."""
        user = self.readonly_user
        self.assertEqual(self._reminder(user).read(["state"])[0]["state"], "draft")
        self.assertTrue(self.env["dunning.history"].with_user(user).search_count([]))
        self.assertTrue(self._print_letter(user)[0])
        reminders = self.env["dunning.reminder"].with_user(user)
        for name, action in (
            ("generate", reminders.action_generate_reminders),
            ("send", lambda: self._send(user)),
            ("log call", lambda: self._log_call(user)),
            ("configure", lambda: self._configure(user)),
            ("mark sent", self._reminder(user).action_mark_sent),
            ("close", self._reminder(user).action_close),
            ("cancel", self._reminder(user).action_cancel),
            ("delete", self._reminder(user).unlink),
        ):
            with self.subTest(action=name), self.assertRaises(AccessError):
                action()
        self.assertEqual(self.reminder.state, "draft")
        self.assertEqual(self.levels[0].delay_days, 15)

    def test_manager_configures_levels(self):
        user = self.manager_user
        self._configure(user)
        self.assertEqual(self.levels[0].delay_days, 10)
        self.assertTrue(self._print_letter(user)[0])

    def test_outsiders_have_no_access(self):
        """Salesperson (internal user without accounting rights), portal and
        public users can neither see nor do anything."""
        for user in self.outsiders:
            for action in (
                lambda u=user: self._reminder(u).read(["state"]),
                lambda u=user: self.env["dunning.reminder"].with_user(u).search([]),
                lambda u=user: self.env["dunning.history"].with_user(u).search([]),
                lambda u=user: self.levels.with_user(u).read(["name"]),
                lambda u=user: (
                    self.env["dunning.reminder"]
                    .with_user(u)
                    .action_generate_reminders()
                ),
                lambda u=user: self._send(u),
                lambda u=user: self._log_call(u),
                lambda u=user: self._print_letter(u),
                lambda u=user: self._configure(u),
            ):
                with (
                    self.subTest(user=user.login, action=action),
                    self.assertRaises(AccessError),
                ):
                    action()
        self.assertEqual(self.reminder.state, "draft")

    def test_private_methods_not_callable_over_rpc(self):
        """What the UI cannot call (``_mark_sent``, the generation helpers)
        is refused to RPC callers, whatever their rights."""
        for method in ("_mark_sent", "_create_generated_reminders", "_log_history"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                execute_cr(
                    self.env.cr,
                    self.manager_user.id,
                    "dunning.reminder",
                    method,
                    self.reminder.ids,
                    "email",
                )
        self.assertEqual(self.reminder.state, "draft")

    def test_refusals_are_clear(self):
        """A refused action says what is wrong, in the user's language."""
        self._send(self.billing_user)
        reminder = self._reminder(self.billing_user).with_context(lang="fr_FR")
        with self.assertRaisesRegex(UserError, "Seules les relances à envoyer"):
            reminder.action_mark_sent()
