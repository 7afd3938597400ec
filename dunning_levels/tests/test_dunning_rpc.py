# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The public methods over real JSON-RPC and report URLs check access rights
as the UI does."""

from odoo import fields
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningRpc(DunningCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.setup_other_company()["company"]
        cls.readonly_user = new_test_user(
            cls.env,
            login="dunning_rpc_auditor",
            groups="account.group_account_readonly",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.internal_user = new_test_user(
            cls.env,
            login="dunning_rpc_employee",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.customer = cls.create_customer(
            "Boulangerie Leroy", street="3 rue du Four", zip="69002", city="Lyon"
        )
        cls.other_customer = cls.create_customer(
            "Garage Dubois", street="8 rue Neuve", zip="69007", city="Lyon"
        )
        cls.create_invoice(cls.customer, "2026-01-01")
        cls.create_invoice(cls.other_customer, "2026-01-01", company=cls.other_company)
        date = fields.Date.to_date("2026-02-01")
        reminders = cls.env["dunning.reminder"]
        cls.reminder = reminders.with_company(cls.company).generate_reminders(date)
        cls.other_reminder = reminders.with_company(
            cls.other_company
        ).generate_reminders(date)

    def call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def assert_refused(self, error, model, method, args):
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self.call(model, method, args)
        self.assertIn(error, str(caught.exception))

    def test_readonly_accountant_cannot_act_over_rpc(self):
        self.authenticate(self.readonly_user.login, self.readonly_user.login)
        rows = self.call(
            "dunning.reminder", "search_read", [[]], {"fields": ["state", "level"]}
        )
        self.assertEqual([row["id"] for row in rows], self.reminder.ids)
        for method in ("action_mark_sent", "action_close", "action_cancel"):
            with self.subTest(method=method):
                self.assert_refused(
                    "AccessError", "dunning.reminder", method, [self.reminder.ids]
                )
        self.assert_refused(
            "AccessError", "dunning.reminder", "action_generate_reminders", []
        )
        self.assertEqual(self.reminder.state, "draft")

    def test_billing_user_over_rpc(self):
        """The billing user acts on its company's reminders only, and cannot
        reach private methods."""
        self.authenticate(self.billing_user.login, self.billing_user.login)
        self.call("dunning.reminder", "action_generate_reminders", [])
        rows = self.call("dunning.reminder", "search_read", [[]], {"fields": ["id"]})
        self.assertEqual([row["id"] for row in rows], self.reminder.ids)
        self.assert_refused(
            "AccessError", "dunning.reminder", "read", [self.other_reminder.ids]
        )
        self.assert_refused(
            "AccessError",
            "dunning.reminder",
            "action_mark_sent",
            [self.other_reminder.ids],
        )
        self.assert_refused(
            "AccessError",
            "dunning.reminder",
            "_mark_sent",
            [self.reminder.ids, "email"],
        )
        self.assertEqual(self.reminder.state, "draft")
        self.assertEqual(self.other_reminder.state, "draft")
        self.call("dunning.reminder", "action_mark_sent", [self.reminder.ids])
        self.assertEqual(self.reminder.state, "sent")

    def test_letter_url_of_another_company_refused(self):
        self.authenticate(self.billing_user.login, self.billing_user.login)
        url = "/report/html/dunning_levels.report_dunning_letter/%s"
        response = self.url_open(url % self.reminder.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Boulangerie Leroy", response.text)
        with mute_logger("odoo.http"):
            response = self.url_open(url % self.other_reminder.id)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn("Garage Dubois", response.text)

    def test_overdue_figures_of_customers_need_accounting_rights(self):
        """Any employee reads customers, not what they owe: the overdue
        figures are for the accounting users."""
        figures = ["dunning_overdue_amount", "dunning_overdue_move_ids"]
        figures += ["dunning_reminder_count"]
        self.authenticate(self.internal_user.login, self.internal_user.login)
        self.assertTrue(
            self.call("res.partner", "read", [self.customer.ids], {"fields": ["name"]})
        )
        for fname in figures:
            with self.subTest(field=fname):
                self.assert_refused(
                    "AccessError", "res.partner", "read", [self.customer.ids, [fname]]
                )
        for user in (self.billing_user, self.readonly_user):
            self.authenticate(user.login, user.login)
            rows = self.call(
                "res.partner", "read", [self.customer.ids], {"fields": figures}
            )
            self.assertEqual(rows[0]["dunning_overdue_amount"], 1000.0)
            self.assertEqual(rows[0]["dunning_reminder_count"], 1)

    def test_anonymous_rpc_refused(self):
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self.call("dunning.reminder", "search_read", [[]])
        self.assertIn("SessionExpired", str(caught.exception))
