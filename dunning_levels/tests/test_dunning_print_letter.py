# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields
from odoo.tests import Form, new_test_user, tagged

from .common import DunningCommon

LETTER = "dunning_levels.action_report_dunning_letter"
PRINT_MENU = "dunning_levels.dunning_reminder_action_print_letters"


@tagged("post_install", "-at_install")
class TestDunningPrintLetter(DunningCommon):
    """Printing the letter of a reminder still to send asks once whether it
    counts as sending it; a reprint changes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer(
            "Atelier Martin", street="5 avenue Foch", zip="69006", city="Lyon"
        )
        cls.reminder = cls.create_invoice_at_level(cls.customer, 1)
        cls.invoice = cls.reminder.move_id

    def open_question(self, action):
        """Return the form of the print wizard opened by ``action``."""
        self.assertEqual(action["res_model"], "dunning.print.letter")
        self.assertEqual(action["target"], "new")
        return Form(self.env[action["res_model"]].browse(action["res_id"]))

    def run_print_menu(self, reminders, user=None):
        """Run the Print menu's "Payment Reminder Letters" on ``reminders``,
        as the web client does."""
        action = self.env.ref(PRINT_MENU)
        if user:
            action = action.with_user(user)
        return action.with_context(
            active_model="dunning.reminder",
            active_ids=reminders.ids,
            active_id=reminders[:1].id,
        ).run()

    def sent_history(self, reminders):
        return reminders.history_ids.filtered(lambda h: h.action == "sent")

    def test_printing_from_the_row_marks_the_reminder_sent(self):
        """The row's printer asks; the default answer (yes) records the
        reminder as sent by letter, as a sending does, stores the letter and
        downloads it with the invoice copy."""
        question = self.open_question(self.reminder.action_print_letter())
        self.assertEqual(question.draft_count, 1)
        self.assertTrue(question.mark_sent)
        wizard = question.save()
        action = wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "dunning_levels.report_dunning_letter")
        self.assertEqual(action["context"]["active_ids"], self.reminder.ids)
        self.assertTrue(action["data"]["attach_invoices"])
        self.assertEqual(action["data"]["grouping"], "invoice")
        self.assertTrue(action["close_on_report_download"])
        self.assertEqual(self.reminder.state, "sent")
        self.assertEqual(self.reminder.channel, "letter")
        self.assertTrue(self.reminder.letter_attachment_id)
        self.assertEqual(self.invoice.dunning_level, 1)
        self.assertEqual(self.invoice.dunning_date, fields.Date.today())
        history = self.sent_history(self.reminder)
        self.assertEqual(history.channel, "letter")
        self.assertEqual(history.user_id, self.env.user)

    def test_answering_no_prints_without_sending(self):
        """Answering no prints the letter and changes nothing."""
        question = self.open_question(self.reminder.action_print_letter())
        question.mark_sent = False
        action = question.save().action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(self.reminder.state, "draft")
        self.assertFalse(self.reminder.letter_attachment_id)
        self.assertFalse(self.sent_history(self.reminder))
        self.assertEqual(self.invoice.dunning_level, 0)

    def test_company_setting_gives_the_default_answer(self):
        """A company that answers no by default has the box unchecked."""
        self.env["res.config.settings"].create(
            {"dunning_print_mark_sent": False}
        ).execute()
        self.assertFalse(self.company.dunning_print_mark_sent)
        question = self.open_question(self.reminder.action_print_letter())
        self.assertFalse(question.mark_sent)

    def test_reprint_of_a_sent_letter_changes_nothing(self):
        """Once sent, the row's printer downloads the letter as printed,
        without a question nor a new history line."""
        self.open_question(self.reminder.action_print_letter()).save().action_print()
        history = self.reminder.history_ids
        letter = self.reminder.letter_attachment_id
        action = self.reminder.action_print_letter()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"/web/content/{letter.id}", action["url"])
        self.assertEqual(self.reminder.history_ids, history)

    def test_print_menu_of_emailed_reminders_asks_nothing(self):
        """Reminders sent by email print from the Print menu at once, their
        state and history untouched."""
        self.send_with_wizard(self.reminder, use_email=True, use_letter=False)
        history = self.reminder.history_ids
        action = self.run_print_menu(self.reminder)
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(self.reminder.channel, "email")
        self.assertEqual(self.reminder.history_ids, history)

    def test_print_menu_marks_the_selection_sent_once(self):
        """The Print menu asks once for the whole selection: one letter per
        customer, stored on each reminder, each reminder sent by letter."""
        second = self.create_invoice_at_level(self.customer, 1)
        reminders = self.reminder | second
        bindings = self.env["ir.actions.actions"].get_bindings("dunning.reminder")
        report_names = [action["name"] for action in bindings["report"]]
        self.assertIn("Payment Reminder Letters", report_names)
        self.assertNotIn(
            self.env.ref(LETTER).id,
            [action["id"] for action in bindings["report"]],
            "the letter report is printed through the question",
        )
        question = self.open_question(self.run_print_menu(reminders))
        self.assertEqual(question.draft_count, 2)
        action = question.save().action_print()
        self.assertEqual(action["data"]["grouping"], "customer")
        self.assertEqual(set(reminders.mapped("state")), {"sent"})
        self.assertEqual(set(reminders.mapped("channel")), {"letter"})
        self.assertEqual(len(reminders.letter_attachment_id), 1)
        self.assertEqual(len(self.sent_history(reminders)), 2)

    def test_auditor_prints_without_question(self):
        """A user who may not send reminders prints their letters without
        being asked, and nothing changes."""
        auditor = new_test_user(
            self.env,
            login="dunning_auditor",
            groups="account.group_account_readonly",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        action = self.run_print_menu(self.reminder, user=auditor)
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(self.reminder.state, "draft")
