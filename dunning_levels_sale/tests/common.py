# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields
from odoo.tests import Form, new_test_user

from odoo.addons.dunning_levels.tests.common import DunningCommon


class DunningSaleCommon(DunningCommon):
    """Base class of the sales bridge's tests: a salesperson without
    accounting rights, a salesperson who is also accounting manager, and
    helpers bringing invoices to a reminder level and creating quotations
    through the form."""

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

    def remind_to_level(self, invoice, level):
        """Bring ``invoice`` to an open reminder at ``level`` through the
        morning generation, each lower level being marked as sent first.

        Successive generations run 8 days apart (the minimum interval is 7),
        so with the default delays the invoice must be overdue by at least 15,
        22 or 29 days today for level 1, 2 or 3.

        :return: the invoice's reminder to send at ``level``
        """
        today = fields.Date.context_today(self.env.user)
        for step in range(level):
            reminder = self.generate(
                fields.Date.add(today, days=8 * step), company=invoice.company_id
            ).filtered(lambda r: r.move_id == invoice)
            self.assertEqual(reminder.level, step + 1)
            if step + 1 < level:
                reminder.action_mark_sent()
        return reminder

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
