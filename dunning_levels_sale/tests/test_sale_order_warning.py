# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import Form, tagged
from odoo.tools import format_amount

from .common import DunningSaleCommon


@tagged("post_install", "-at_install")
class TestSaleOrderWarning(DunningSaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old_invoice = cls.create_overdue_invoice(cls.customer, 60, amount=300.0)
        cls.recent_invoice = cls.create_overdue_invoice(cls.customer, 20, amount=200.0)

    def test_warning_shown_when_customer_picked(self):
        """Picking a customer under reminders shows the highest level, the
        overdue invoices and their total before the quotation is saved."""
        self.remind_to_level(self.old_invoice, 2)
        self.assertEqual(self.recent_invoice.dunning_reminder_ids.level, 1)
        order_form = Form(self.env["sale.order"].with_user(self.salesman))
        self.assertFalse(order_form.dunning_max_level)
        order_form.partner_id = self.customer
        self.assertEqual(order_form.dunning_max_level, 2)
        amount = format_amount(self.env, 500.0, self.company.currency_id)
        self.assertEqual(
            order_form.dunning_warning,
            f"Boulangerie Leroy has open payment reminders: level 2 (Second "
            f"reminder), 2 overdue invoice(s) totalling {amount}.",
        )
        self.assertFalse(order_form.dunning_confirm_blocked)
        with order_form.order_line.new() as line:
            line.product_id = self.product_a
        order = order_form.save()
        self.assertEqual(order.dunning_overdue_count, 2)
        self.assertAlmostEqual(order.dunning_overdue_amount, 500.0)
        self.assertEqual(order.dunning_currency_id, self.company.currency_id)

    def test_warning_counts_sent_reminders(self):
        """A reminder already sent still counts: the customer has not paid."""
        reminder = self.remind_to_level(self.old_invoice, 1)
        reminder.action_mark_sent()
        self.assertEqual(reminder.state, "sent")
        order = self.create_quotation(self.customer)
        self.assertEqual(order.dunning_max_level, 1)
        self.assertIn("level 1 (First reminder)", order.dunning_warning)

    def test_warning_for_contact_of_customer(self):
        """Ordering for a contact of the customer warns about the customer."""
        self.remind_to_level(self.old_invoice, 1)
        contact = self.env["res.partner"].create(
            {"name": "Julie Leroy", "parent_id": self.customer.id}
        )
        order = self.create_quotation(contact)
        self.assertEqual(order.dunning_max_level, 1)
        self.assertIn("Boulangerie Leroy has open", order.dunning_warning)

    def test_no_warning_without_open_reminders(self):
        """Overdue invoices alone, not reminded yet, show no warning."""
        order = self.create_quotation(self.customer)
        self.assertEqual(order.dunning_max_level, 0)
        self.assertFalse(order.dunning_warning)
        self.assertFalse(order.dunning_confirm_blocked)

    def test_paid_invoices_remove_warning(self):
        """Once the customer paid, its reminders are closed and the warning goes."""
        self.remind_to_level(self.old_invoice, 2)
        self.assertTrue(self.create_quotation(self.customer).dunning_warning)
        self.register_payment(self.old_invoice)
        self.register_payment(self.recent_invoice)
        reminders = (self.old_invoice | self.recent_invoice).dunning_reminder_ids
        self.assertEqual(set(reminders.mapped("state")), {"closed"})
        order = self.create_quotation(self.customer)
        self.assertEqual(order.dunning_max_level, 0)
        self.assertFalse(order.dunning_warning)

    def test_links_open_overdue_invoices_and_reminders(self):
        """The warning's links open the overdue invoices and the open reminders."""
        self.remind_to_level(self.old_invoice, 1)
        order = self.create_quotation(self.customer)
        action = order.with_user(self.salesman).action_dunning_view_overdue_invoices()
        self.assertEqual(action["res_model"], "account.move")
        invoices = self.env["account.move"].search(action["domain"])
        self.assertEqual(invoices, self.old_invoice | self.recent_invoice)
        action = order.with_user(self.billing_user).action_dunning_view_reminders()
        self.assertEqual(action["res_model"], "dunning.reminder")
        reminders = (
            self.env["dunning.reminder"]
            .with_user(self.billing_user)
            .search(action["domain"])
        )
        self.assertEqual(
            reminders, (self.old_invoice | self.recent_invoice).dunning_reminder_ids
        )

    def test_customer_form_warning(self):
        """The customer form warns salespeople too, for the current company."""
        self.remind_to_level(self.old_invoice, 1)
        customer = self.customer.with_user(self.salesman)
        self.assertEqual(customer.dunning_max_level, 1)
        self.assertIn("2 overdue invoice(s)", customer.dunning_warning)
        arch = customer.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="dunning_warning"', arch)
        action = customer.action_dunning_view_overdue_invoices()
        self.assertEqual(
            self.env["account.move"].search(action["domain"]),
            self.old_invoice | self.recent_invoice,
        )
        other_customer = self.create_customer("Garage Martin")
        self.assertFalse(other_customer.with_user(self.salesman).dunning_warning)
