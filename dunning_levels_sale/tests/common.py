# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import Form, new_test_user

from odoo.addons.dunning_levels.tests.common import DunningCommon


class DunningSaleCommon(DunningCommon):
    """Base class of the sales bridge's tests: a salesperson without
    accounting rights, a salesperson who is also accounting manager, and
    helpers creating quotations through the form (invoices are brought to a
    reminder level by ``remind_to_level`` of the suite's test kit)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="dunning_salesman",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.sale_accountant = new_test_user(
            cls.env,
            login="dunning_sale_accountant",
            groups="sales_team.group_sale_salesman,account.group_account_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.customer = cls.create_customer()

    def create_quotation(self, partner, user=None, company=None):
        """Create a quotation of one line for ``partner`` through the form.

        :param user: who creates it (default: the salesperson)
        :param company: the order's company (default: the user's)
        """
        orders = self.env["sale.order"].with_user(user or self.salesman)
        if company:
            orders = orders.with_company(company)
        with Form(orders) as order_form:
            order_form.partner_id = partner
            with order_form.order_line.new() as line:
                line.product_id = self.product_a
        return order_form.record

    @classmethod
    def set_block_level(cls, level, company=None):
        """Block confirming orders from reminder ``level`` ("none": never)."""
        (company or cls.company).dunning_sale_block_level = level
