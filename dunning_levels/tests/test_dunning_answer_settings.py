# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningAnswerSettings(DunningCommon):
    """The settings of customers' answers, their rights, and the answers'
    own actions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.customer = cls.create_customer()
        cls.invoice = cls.create_overdue_invoice(cls.customer, 20, 500.0)
        cls.reason = cls.env.ref("dunning_levels.dunning_dispute_reason_other")

    def test_settings_page(self):
        """The settings page sets the horizon, the grace and the pause,
        which the answers then follow."""
        self.assertRecordValues(
            self.company,
            [
                {
                    "dunning_promise_max_days": 30,
                    "dunning_promise_grace_days": 3,
                    "dunning_payment_pause_days": 10,
                }
            ],
        )
        self.env["res.config.settings"].create(
            {
                "dunning_promise_max_days": 45,
                "dunning_promise_grace_days": 0,
                "dunning_payment_pause_days": 5,
            }
        ).execute()
        promised = fields.Date.add(self.today, days=40)
        answer = self.invoice.sudo()._dunning_promise_to_pay(promised)
        self.assertEqual(answer.paused_until, promised)
        answer = self.invoice.sudo()._dunning_announce_payment(self.today, 10, "cash")
        self.assertEqual(answer.paused_until, fields.Date.add(self.today, days=5))

    def test_settings_refused(self):
        for fname, value in (
            ("dunning_promise_max_days", 0),
            ("dunning_promise_grace_days", -1),
            ("dunning_payment_pause_days", 0),
        ):
            with self.subTest(fname=fname), self.assertRaises(ValidationError):
                self.company[fname] = value

    def test_rights(self):
        """Billing users read and resolve answers, recorded through the API
        only; accountants manage the dispute reasons."""
        answer = self.invoice.sudo()._dunning_open_dispute(self.reason)
        answers = self.env["dunning.answer"].with_user(self.billing_user)
        self.assertEqual(answers.search([]), answer)
        with self.assertRaises(AccessError):
            answers.create(
                {
                    "kind": "promise",
                    "partner_id": self.customer.id,
                    "move_ids": [Command.set(self.invoice.ids)],
                }
            )
        reasons = self.env["dunning.dispute.reason"]
        with self.assertRaises(AccessError):
            reasons.with_user(self.billing_user).create({"name": "Late delivery"})
        reason = reasons.with_user(self.manager_user).create({"name": "Late delivery"})
        self.assertIn(reason, reasons.with_user(self.billing_user).search([]))
        # The back office answers for the invoices it may edit only.
        auditor = self.env["res.users"].create(
            {
                "name": "Auditor",
                "login": "dunning_auditor",
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                "groups_id": [
                    Command.set([self.env.ref("account.group_account_readonly").id])
                ],
            }
        )
        with self.assertRaises(AccessError):
            self.invoice.with_user(auditor)._dunning_promise_to_pay(self.today)

    def test_reasons_per_company(self):
        """A company's own reasons are not offered in the other companies."""
        other_company = self.setup_other_company()["company"]
        reason = self.env["dunning.dispute.reason"].create(
            {"name": "Their own", "company_id": other_company.id}
        )
        reasons = self.env["dunning.dispute.reason"].with_user(self.billing_user)
        self.assertNotIn(reason, reasons.search([]))
        self.assertIn(self.reason, reasons.search([]))

    def test_resolve_only_disputes(self):
        promise = self.invoice.sudo()._dunning_promise_to_pay(self.today)
        with self.assertRaisesRegex(UserError, "Only open disputes"):
            promise.with_user(self.billing_user).action_resolve()
        dispute = self.invoice.sudo()._dunning_open_dispute(self.reason)
        dispute.with_user(self.billing_user).action_resolve()
        with self.assertRaisesRegex(UserError, "Only open disputes"):
            dispute.with_user(self.billing_user).action_resolve()

    def test_open_invoices(self):
        answer = self.invoice.sudo()._dunning_promise_to_pay(self.today)
        action = answer.with_user(self.billing_user).action_open_invoices()
        self.assertEqual(
            self.env["account.move"].search(action["domain"]), self.invoice
        )
