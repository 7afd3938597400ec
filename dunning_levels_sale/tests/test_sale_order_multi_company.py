# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import DunningSaleCommon


@tagged("post_install", "-at_install")
class TestSaleOrderMultiCompany(DunningSaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.setup_other_company()["company"]
        cls.salesman_both = new_test_user(
            cls.env,
            login="dunning_salesman_both",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[cls.company.id, cls.other_company.id],
        )
        cls.other_invoice = cls.create_overdue_invoice(
            cls.customer, 60, amount=900.0, company=cls.other_company
        )
        cls.set_block_level("1")
        cls.set_block_level("1", company=cls.other_company)

    def setUp(self):
        super().setUp()
        # The customer is at level 3 in the other company, free here.
        self.remind_to_level(self.other_invoice, 3)

    def test_other_company_reminders_do_not_count(self):
        """An order of this company ignores the reminders of another one."""
        order = self.create_quotation(self.customer, user=self.salesman_both)
        self.assertEqual(order.company_id, self.company)
        self.assertEqual(order.dunning_max_level, 0)
        self.assertFalse(order.dunning_warning)
        self.assertFalse(order.dunning_confirm_blocked)
        order.with_user(self.salesman_both).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_order_of_the_reminding_company_is_blocked(self):
        """An order of the company that reminds the customer warns and blocks,
        with that company's figures only."""
        self.create_overdue_invoice(self.customer, 20, amount=50.0)
        order = self.create_quotation(
            self.customer, user=self.salesman_both, company=self.other_company
        )
        self.assertEqual(order.company_id, self.other_company)
        self.assertEqual(order.dunning_max_level, 3)
        self.assertEqual(order.dunning_overdue_count, 1)
        self.assertAlmostEqual(order.dunning_overdue_amount, 900.0)
        self.assertEqual(order.dunning_currency_id, self.other_company.currency_id)
        self.assertTrue(order.dunning_confirm_blocked)
        with self.assertRaisesRegex(UserError, "up to level 3"):
            order.with_user(self.salesman_both).action_confirm()

    def test_links_show_the_order_company_only(self):
        """The reminders link of an order lists its company's reminders only."""
        self.create_invoice_at_level(self.customer, 1, days_overdue=60)
        order = self.create_quotation(
            self.customer, user=self.salesman_both, company=self.other_company
        )
        action = order.action_dunning_view_reminders()
        reminders = (
            self.env["dunning.reminder"]
            .with_context(allowed_company_ids=[self.company.id, self.other_company.id])
            .search(action["domain"])
        )
        self.assertEqual(reminders.company_id, self.other_company)
        self.assertEqual(reminders.move_id, self.other_invoice)
        action = order.action_dunning_view_overdue_invoices()
        invoices = (
            self.env["account.move"]
            .with_context(allowed_company_ids=[self.company.id, self.other_company.id])
            .search(action["domain"])
        )
        self.assertEqual(invoices, self.other_invoice)

    def test_customer_form_follows_current_company(self):
        """The customer form warns about the current company's reminders."""
        customer = self.customer.with_user(self.salesman_both)
        self.assertEqual(customer.with_company(self.company).dunning_max_level, 0)
        self.assertFalse(customer.with_company(self.company).dunning_warning)
        in_other = customer.with_company(self.other_company)
        self.assertEqual(in_other.dunning_max_level, 3)
        self.assertIn("level 3 (Formal notice)", in_other.dunning_warning)
