# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields
from odoo.tests import tagged

from .common import DunningTourCommon


@tagged("post_install", "-at_install")
class TestDunningTours(DunningTourCommon):
    """The main screens used as a user does, in Chromium (tours in
    ``static/tests/tours``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leroy = cls.create_customer("Boulangerie Leroy")
        cls.cafe = cls.create_customer("Café des Arts")
        cls.pharmacie = cls.create_customer("Pharmacie Dubois")
        cls.garage = cls.create_customer("Garage Martin")

    def generate_morning(self):
        """Three invoices reach level 1 this morning, Garage Martin's reaches
        level 2 (its level 1 was sent 20 days ago).

        :return: (level 1 reminders, level 2 reminder)
        """
        invoices = {
            partner: self.create_overdue_invoice(partner, 20, amount)
            for partner, amount in (
                (self.leroy, 480.0),
                (self.cafe, 1250.0),
                (self.pharmacie, 96.5),
            )
        }
        garage_invoice = self.create_overdue_invoice(self.garage, 40, 2300.0)
        today = fields.Date.context_today(self.env.user)
        twenty_days_ago = fields.Date.subtract(today, days=20)
        earlier = self.generate(twenty_days_ago)
        self.assertEqual(earlier.move_id, garage_invoice)
        earlier._mark_sent("email")
        # As superuser: users set the date with a history line only.
        garage_invoice.sudo().dunning_date = twenty_days_ago
        reminders = self.generate()
        level_1 = reminders.filtered(lambda r: r.level == 1)
        self.assertEqual(
            level_1.move_id, self.env["account.move"].union(*invoices.values())
        )
        level_2 = reminders - level_1
        self.assertEqual((level_2.move_id, level_2.level), (garage_invoice, 2))
        return level_1, level_2

    def test_morning(self):
        """Level 1 filtered, all selected, sent by email and printed: each is
        sent once, with an email and a letter in its history; level 2 waits."""
        level_1, level_2 = self.generate_morning()
        self.start_tour(
            "/odoo", "dunning_levels_morning", login=self.billing_user.login
        )
        self.assertEqual(set(level_1.mapped("state")), {"sent"})
        self.assertEqual(set(level_1.mapped("channel")), {"email"})
        self.assertEqual(level_1.sent_by_id, self.billing_user)
        for reminder in level_1:
            sent = reminder.history_ids.filtered(lambda h: h.action == "sent")
            self.assertEqual(sorted(sent.mapped("channel")), ["email", "letter"])
            self.assertTrue(reminder.mail_message_id)
            self.assertEqual(reminder.mail_message_id.model, "account.move")
            self.assertEqual(reminder.move_id.dunning_level, 1)
        self.assertEqual(len(level_1.letter_attachment_id), 1)
        self.assertEqual(level_2.state, "draft")

    def test_invoice_not_to_remind(self):
        """Unticking "To be reminded" on the invoice cancels its reminder,
        which leaves the list; the other customer's stays."""
        leroy_invoice = self.create_overdue_invoice(self.leroy, 20)
        self.create_overdue_invoice(self.garage, 20)
        reminders = self.generate()
        leroy, garage = (
            reminders.filtered(lambda r, m=move: r.move_id == m)
            for move in (leroy_invoice, reminders.move_id - leroy_invoice)
        )
        self.start_tour(
            "/odoo/action-dunning_levels.dunning_reminder_action",
            "dunning_levels_not_to_remind",
            login=self.billing_user.login,
        )
        self.assertFalse(leroy_invoice.dunning_to_remind)
        self.assertEqual(leroy.state, "cancelled")
        self.assertIn("cancelled", leroy.history_ids.mapped("action"))
        self.assertEqual(garage.state, "draft")
        # Not reminded again the next mornings.
        self.assertFalse(self.generate(fields.Date.add(leroy.generated_date, days=30)))

    def test_level_configuration(self):
        """The manager lengthens the delay of level 2 and disables level 3:
        an invoice 40 days overdue and at level 1 is not due for level 2 any
        more, one 50 days overdue never gets a formal notice."""
        level_1, level_2, level_3 = self.levels
        self.start_tour(
            "/odoo", "dunning_levels_level_configuration", login=self.manager_user.login
        )
        self.assertEqual(level_2.delay_days, 35)
        self.assertFalse(level_3.active)
        self.assertTrue(level_1.active and level_2.active)
        invoice = self.create_overdue_invoice(self.leroy, 34)
        invoice._dunning_create_reminders(level=1)._mark_sent("email")
        late = self.create_overdue_invoice(self.garage, 50)
        late._dunning_create_reminders(level=2)._mark_sent("email")
        self.assertFalse(self.generate())

    def test_send_job_form_follows_the_sending(self):
        """The form of a background sending shows its end without a reload
        by hand (Odoo's bus)."""
        self.company.dunning_send_background_threshold = 1
        self.generate_morning()
        reminders = self.env["dunning.reminder"].search([("state", "=", "draft")])
        wizard = (
            self.env["dunning.send"]
            .with_user(self.billing_user)
            .with_context(active_model=reminders._name, active_ids=reminders.ids)
            .create({"use_email": True})
        )
        job = self.env["dunning.send.job"].browse(wizard.action_send()["res_id"])
        self.assertEqual(job.state, "pending")
        self.start_tour(
            f"/odoo/dunning.send.job/{job.id}",
            "dunning_levels_send_job_refresh",
            login=self.billing_user.login,
        )
        self.assertEqual(job.state, "cancelled")
