# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DunningSaleCommon


@tagged("post_install", "-at_install")
class TestSaleOrderAccess(DunningSaleCommon):
    def test_salesperson_sees_only_the_warning(self):
        """The salesperson is warned on the customer, but reads no reminder,
        history or level, and can neither generate nor send."""
        invoice = self.create_invoice(self.customer, "2026-01-01")
        self.remind_to_level(invoice, 1)
        salesman = self.salesman
        self.assertEqual(self.customer.with_user(salesman).dunning_max_level, 1)
        reminder = invoice.dunning_reminder_ids
        for name, action in (
            ("read reminder", lambda: reminder.with_user(salesman).read(["state"])),
            (
                "search history",
                lambda: self.env["dunning.history"].with_user(salesman).search([]),
            ),
            ("read levels", lambda: self.levels.with_user(salesman).read(["name"])),
            (
                "generate",
                self.env["dunning.reminder"]
                .with_user(salesman)
                .action_generate_reminders,
            ),
            (
                "send",
                lambda: self.open_send_wizard(reminder, user=salesman),
            ),
        ):
            with self.subTest(action=name), self.assertRaises(AccessError):
                action()
