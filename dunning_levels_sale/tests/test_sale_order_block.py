# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools import format_amount, html2plaintext

from .common import DunningSaleCommon


@tagged("post_install", "-at_install")
class TestSaleOrderBlock(DunningSaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.invoice = cls.create_overdue_invoice(cls.customer, 60, amount=750.0)
        cls.other_customer = cls.create_customer("Garage Martin")
        cls.other_invoice = cls.create_overdue_invoice(cls.other_customer, 20)

    def setUp(self):
        super().setUp()
        # Customer at level 2, other customer at level 1.
        self.remind_to_level(self.invoice, 2)
        self.assertEqual(self.other_invoice.dunning_reminder_ids.level, 1)

    def _messages(self, order):
        return order.message_ids.mapped("body")

    def test_orders_not_blocked_by_default(self):
        """Without a block level, orders of reminded customers confirm."""
        self.assertEqual(self.company.dunning_sale_block_level, "none")
        order = self.create_quotation(self.customer)
        self.assertTrue(order.dunning_warning)
        self.assertFalse(order.dunning_confirm_blocked)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(any("Confirmed despite" in b for b in self._messages(order)))

    def test_salesman_blocked_at_block_level(self):
        """At the block level, a salesperson cannot confirm, and is told why."""
        self.set_block_level("2")
        order_form = Form(self.env["sale.order"].with_user(self.salesman))
        order_form.partner_id = self.customer
        self.assertTrue(order_form.dunning_confirm_blocked)
        self.assertIn("reminded at level 2 or above", order_form.dunning_block_message)
        order = order_form.save()
        amount = format_amount(self.env, 750.0, self.company.currency_id)
        with self.assertRaises(UserError) as error:
            order.with_user(self.salesman).action_confirm()
        self.assertEqual(
            str(error.exception),
            f"Boulangerie Leroy has open payment reminders up to level 2 (Second "
            f"reminder) and {amount} overdue in {self.company.name}, which blocks "
            f"confirming {order.name} from level 2. Ask an accounting manager to "
            "confirm it, or tick “Confirm despite payment reminders” on the order.",
        )
        self.assertEqual(order.state, "draft")

    def test_below_block_level_confirms(self):
        """A customer below the block level is only warned."""
        self.set_block_level("2")
        order = self.create_quotation(self.other_customer)
        self.assertEqual(order.dunning_max_level, 1)
        self.assertFalse(order.dunning_confirm_blocked)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_block_applies_to_reminders_generated_since(self):
        """Reminders generated after the quotation was opened block it too."""
        self.set_block_level("3")
        order = self.create_quotation(self.customer)
        self.assertFalse(order.dunning_confirm_blocked)
        self.invoice.dunning_reminder_ids.filtered(
            lambda r: r.state == "draft"
        ).action_mark_sent()
        today = fields.Date.context_today(self.env.user)
        reminders = self.generate(fields.Date.add(today, days=16))
        self.assertEqual(
            reminders.filtered(lambda r: r.move_id == self.invoice).level, 3
        )
        with self.assertRaises(UserError):
            order.with_user(self.salesman).action_confirm()

    def test_override_confirms_and_is_logged(self):
        """Ticking the override lets the salesperson confirm; the chatter says so."""
        self.set_block_level("1")
        order_form = Form(self.env["sale.order"].with_user(self.salesman))
        order_form.partner_id = self.customer
        with order_form.order_line.new() as line:
            line.product_id = self.product_a
        order_form.dunning_override = True
        order = order_form.save()
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        amount = format_amount(self.env, 750.0, self.company.currency_id)
        message = order.message_ids.filtered(
            lambda m: "Confirmed despite" in (m.body or "")
        )
        self.assertEqual(message.author_id, self.salesman.partner_id)
        self.assertEqual(
            html2plaintext(message.body),
            f"Confirmed despite payment reminders (level 2, {amount} overdue): "
            "the override was ticked.",
        )

    def test_override_is_tracked(self):
        """Who ticked the override is tracked in the chatter."""
        self.set_block_level("1")
        order = self.create_quotation(self.customer).with_context(
            tracking_disable=False, mail_notrack=False
        )
        # Commit-time hooks run as they would when the quotation is saved.
        self.env.flush_all()
        self.env.cr.precommit.run()
        order.with_user(self.salesman).dunning_override = True
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracking = (
            self.env["mail.tracking.value"]
            .sudo()
            .search(
                [
                    ("mail_message_id.model", "=", "sale.order"),
                    ("mail_message_id.res_id", "=", order.id),
                    ("field_id.name", "=", "dunning_override"),
                ]
            )
        )
        self.assertEqual(len(tracking), 1)
        self.assertTrue(tracking.new_value_integer)
        self.assertEqual(tracking.mail_message_id.author_id, self.salesman.partner_id)

    def test_override_reset_when_customer_changes(self):
        """An override is about one customer: changing the customer clears it."""
        self.set_block_level("1")
        order_form = Form(self.env["sale.order"].with_user(self.salesman))
        order_form.partner_id = self.customer
        order_form.dunning_override = True
        order_form.partner_id = self.other_customer
        self.assertFalse(order_form.dunning_override)
        self.assertTrue(order_form.dunning_confirm_blocked)
        order = order_form.save()
        with self.assertRaises(UserError):
            order.with_user(self.salesman).action_confirm()
        self.assertFalse(order.copy().dunning_override)

    def test_accounting_manager_confirms_and_is_logged(self):
        """An accounting manager confirms without override; it is logged."""
        self.set_block_level("1")
        order = self.create_quotation(self.customer, user=self.sale_accountant)
        self.assertTrue(order.dunning_confirm_blocked)
        order.with_user(self.sale_accountant).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.dunning_confirm_blocked)
        self.assertTrue(
            any("by an accounting manager" in b for b in self._messages(order))
        )

    def test_confirmation_on_customer_behalf_not_blocked(self):
        """Confirmation as superuser (online signature or payment) is not
        refused to the customer, and is logged."""
        self.set_block_level("1")
        order = self.create_quotation(self.customer)
        order.with_user(self.salesman).sudo().action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(
            any("by the customer online" in b for b in self._messages(order))
        )

    def test_block_level_in_sales_settings(self):
        """The block level is a company setting of the Sales settings page."""
        settings = self.env["res.config.settings"]
        arch = settings.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="dunning_sale_block_level"', arch)
        settings.create({"dunning_sale_block_level": "3"}).execute()
        self.assertEqual(self.company.dunning_sale_block_level, "3")
        self.assertEqual(self.company._dunning_get_sale_block_level(), 3)
        other_company = self.setup_other_company()["company"]
        self.assertEqual(other_company.dunning_sale_block_level, "none")
        self.assertEqual(other_company._dunning_get_sale_block_level(), 0)
