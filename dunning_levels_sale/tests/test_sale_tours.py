# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import tagged

from odoo.addons.dunning_levels.tests.common import DunningTourCommon

from .common import DunningSaleCommon


@tagged("post_install", "-at_install")
class TestSaleTours(DunningSaleCommon, DunningTourCommon):
    """A salesperson's new quotation in Chromium (tour in
    ``static/tests/tours``)."""

    def test_sale_warning(self):
        """The warning shows on the new quotation; confirming is refused
        until the salesperson ticks the override, which is logged."""
        old_invoice = self.create_overdue_invoice(self.customer, 60, amount=300.0)
        recent_invoice = self.create_overdue_invoice(self.customer, 20, amount=200.0)
        self.remind_to_level(old_invoice, 2)
        self.assertEqual(recent_invoice.dunning_reminder_ids.level, 1)
        self.set_block_level("2")
        # The refused confirmation is a UserError, which odoo.http logs.
        with self.assertLogs("odoo.http", "WARNING") as logs:
            self.start_tour(
                "/odoo/action-sale.action_quotations_with_onboarding",
                "dunning_levels_sale_warning",
                login=self.salesman.login,
            )
        self.assertEqual(len(logs.records), 1)
        self.assertIn("which blocks confirming", logs.records[0].getMessage())
        order = self.env["sale.order"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.user_id, self.salesman)
        self.assertTrue(order.dunning_override)
        self.assertEqual(order.dunning_max_level, 2)
        self.assertIn(
            "the override was ticked",
            "".join(order.message_ids.mapped("body")),
        )
