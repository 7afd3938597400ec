# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The test kit that dependent addons reuse (``tests/common.py``) keeps its
contract: levels reached through the generation, the sending wizard driven
through its form, payments through the payment wizard."""

from odoo.tests import tagged

from ..const import (
    ACTION_GENERATED,
    ACTION_MARKED_SENT,
    ACTION_SENT,
    CHANNEL_EMAIL,
    FORMAL_NOTICE_LEVEL,
    STATE_DRAFT,
    STATE_SENT,
)
from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningTestKit(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer()

    def test_invoice_brought_to_a_level_through_the_generation(self):
        """The invoice is overdue just enough; each lower level was
        generated then marked as sent; the last one waits to be sent."""
        reminder = self.create_invoice_at_level(self.customer, FORMAL_NOTICE_LEVEL)
        invoice = reminder.move_id
        self.assertEqual(invoice.dunning_days_overdue, 29)
        self.assertEqual(reminder.level, FORMAL_NOTICE_LEVEL)
        self.assertEqual(reminder.state, STATE_DRAFT)
        self.assertEqual(invoice.dunning_level, FORMAL_NOTICE_LEVEL - 1)
        lower = invoice.dunning_reminder_ids - reminder
        self.assertEqual(sorted(lower.mapped("level")), [1, 2])
        self.assertEqual(set(lower.mapped("state")), {STATE_SENT})
        for earlier in lower:
            self.assertEqual(
                earlier.history_ids.mapped("action"),
                [ACTION_GENERATED, ACTION_MARKED_SENT],
            )

    def test_invoice_at_a_level_once_its_reminder_is_sent(self):
        """With ``sent``, the invoice itself is at the level."""
        reminder = self.create_invoice_at_level(self.customer, 2, sent=True)
        self.assertEqual(reminder.state, STATE_SENT)
        self.assertEqual(reminder.move_id.dunning_level, 2)

    def test_inactive_level_skipped_as_the_generation_does(self):
        """A disabled level in between is skipped; a disabled level cannot be
        reached."""
        self.levels.filtered(lambda level: level.level == 2).active = False
        reminder = self.create_invoice_at_level(self.customer, 3)
        self.assertEqual(
            sorted(reminder.move_id.dunning_reminder_ids.mapped("level")), [1, 3]
        )
        with self.assertRaisesRegex(AssertionError, "no active level 2"):
            self.create_invoice_at_level(self.customer, 2)

    def test_send_with_wizard(self):
        """The wizard opens on the reminders, takes the values in order and
        sends them as the given user."""
        reminder = self.create_invoice_at_level(self.customer, 1)
        form = self.send_wizard_form(reminder, user=self.billing_user)
        self.assertEqual(form.reminder_ids[:], reminder)
        wizard = self.send_with_wizard(
            reminder, user=self.billing_user, use_email=True, use_letter=False
        )
        self.assertEqual(wizard.env.user, self.billing_user)
        self.assertEqual(reminder.state, STATE_SENT)
        self.assertEqual(reminder.channel, CHANNEL_EMAIL)
        self.assertEqual(
            reminder.history_ids.filtered(lambda h: h.action == ACTION_SENT).user_id,
            self.billing_user,
        )

    def test_register_payment(self):
        """A partial payment, then the rest, through the payment wizard."""
        invoice = self.create_overdue_invoice(self.customer, 20, amount=300.0)
        self.register_payment(invoice, amount=100.0)
        self.assertEqual(invoice.amount_residual, 200.0)
        self.assertEqual(invoice.payment_state, "partial")
        self.register_payment(invoice)
        self.assertEqual(invoice.amount_residual, 0.0)
