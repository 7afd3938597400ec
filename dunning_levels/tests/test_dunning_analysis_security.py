# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The receivables analysis shows a billing user of company A company A's
figures only, in every report and on the dashboard, and nothing to a user
without billing rights."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DunningCommon

REPORTS = (
    "dunning.ageing.report",
    "dunning.dso.report",
    "dunning.effectiveness.report",
)


@tagged("post_install", "-at_install")
class TestDunningAnalysisSecurity(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.setup_other_company()["company"]
        cls.customer = cls.create_customer()
        # In each company: a level-1 reminder sent, then paid, and an invoice
        # overdue at level 1; company B's amounts are ten times A's.
        for company, factor in ((cls.company, 1), (cls.other_company, 10)):
            paid = cls.create_invoice_at_level(
                cls.customer, 1, 100.0 * factor, sent=True, company=company
            )
            cls.register_payment(paid.move_id)
            cls.create_invoice_at_level(
                cls.customer, 1, 40.0 * factor, sent=True, company=company
            )
            cls.create_invoice_at_level(cls.customer, 1, 7.0 * factor, company=company)
        cls.both_user = new_test_user(
            cls.env,
            login="dunning_billing_both",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[cls.company.id, cls.other_company.id],
        )
        cls.sales_user = new_test_user(
            cls.env,
            login="dunning_no_billing",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    def env_of(self, user, companies):
        return self.env(user=user, context={"allowed_company_ids": companies.ids})

    def test_reports_show_the_active_company_only(self):
        """Users of company A, or of both working in A, read A's rows and
        totals only in the ageing, DSO and effectiveness reports."""
        for user in (self.billing_user, self.manager_user, self.both_user):
            env = self.env_of(user, self.company)
            for model in REPORTS:
                with self.subTest(user=user.login, model=model):
                    self.assertEqual(env[model].search([]).company_id, self.company)
                    (company,) = env[model]._read_group([], ["company_id"])
                    self.assertEqual(company, (self.company,))
            with self.subTest(user=user.login):
                (total,) = env["dunning.ageing.report"]._read_group(
                    [], aggregates=["amount_residual:sum"]
                )
                self.assertEqual(total, (47.0,))
                (recovered,) = env["dunning.effectiveness.report"]._read_group(
                    [], aggregates=["amount_recovered:sum"]
                )
                self.assertEqual(recovered, (100.0,))

    def test_other_company_rows_out_of_reach_by_id(self):
        """A's user cannot read B's rows even by their ids."""
        env = self.env_of(self.billing_user, self.company)
        for model in REPORTS:
            other_rows = self.env[model].search(
                [("company_id", "=", self.other_company.id)]
            )
            with self.subTest(model=model):
                self.assertTrue(other_rows)
                with self.assertRaises(AccessError):
                    env[model].browse(other_rows.ids).read(["company_id"])

    def test_dashboard_of_the_active_company(self):
        """The dashboard of a user working in A shows A's figures only; in
        both companies, both."""
        data = self.env_of(self.both_user, self.company)[
            "dunning.reminder"
        ].get_dashboard_data()
        self.assertEqual(
            [figure["amount"] for figure in data["overdue"]], [7.0, 40.0, 0.0, 0.0]
        )
        self.assertEqual(data["to_send"]["count"], 1)
        self.assertEqual(data["recovered"]["amount"], 100.0)
        both = self.env_of(self.both_user, self.company | self.other_company)
        data = both["dunning.reminder"].get_dashboard_data()
        self.assertEqual(
            [figure["amount"] for figure in data["overdue"]], [77.0, 440.0, 0.0, 0.0]
        )
        self.assertEqual(data["to_send"]["count"], 2)

    def test_no_billing_rights_no_analysis(self):
        """A user without billing rights reads no report and no dashboard."""
        env = self.env_of(self.sales_user, self.company)
        for model in REPORTS:
            with self.subTest(model=model), self.assertRaises(AccessError):
                env[model]._read_group([], ["company_id"])
        with self.assertRaises(AccessError):
            env["dunning.reminder"].get_dashboard_data()
