# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningReminderWorkflow(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer()
        cls.invoice = cls.create_invoice(cls.customer, "2026-01-01", 1000.0)

    def _generate_first(self):
        reminder = self.generate("2026-02-01")
        self.assertEqual(reminder.level, 1)
        return reminder

    def send(self, reminders, day):
        """Mark ``reminders`` as sent on ``day``."""
        with freeze_time(day):
            reminders.action_mark_sent()

    def last_history(self, record, action):
        """Return the history lines of ``record`` for ``action``."""
        return record.history_ids.filtered(lambda h: h.action == action)

    def test_mark_sent_updates_invoice_history_and_chatter(self):
        """Marking as sent records date, time, user, level and channel."""
        reminder = self._generate_first()
        with freeze_time("2026-02-02 10:30:00"):
            reminder.with_user(self.billing_user).action_mark_sent()
        self.assertRecordValues(
            reminder,
            [
                {
                    "state": "sent",
                    "channel": "manual",
                    "sent_datetime": fields.Datetime.to_datetime("2026-02-02 10:30:00"),
                    "sent_by_id": self.billing_user.id,
                }
            ],
        )
        self.assertEqual(self.invoice.dunning_level, 1)
        self.assertEqual(self.invoice.dunning_date, fields.Date.to_date("2026-02-02"))
        sent = self.invoice.dunning_history_ids.filtered(
            lambda h: h.action == "marked_sent"
        )
        self.assertRecordValues(
            sent,
            [
                {
                    "reminder_id": reminder.id,
                    "level": 1,
                    "channel": "manual",
                    "user_id": self.billing_user.id,
                    "partner_id": self.customer.id,
                    "date": fields.Datetime.to_datetime("2026-02-02 10:30:00"),
                }
            ],
        )
        self.assertIn(
            "Payment reminder level 1 sent",
            self.invoice.message_ids[0].body,
        )

    def test_channel_send_hook(self):
        """A channel reports its sending through _mark_sent."""
        reminder = self._generate_first()
        reminder._mark_sent("email")
        self.assertEqual(reminder.channel, "email")
        self.assertEqual(self.last_history(reminder, "sent").channel, "email")
        # A second call changes nothing: a reminder is sent once.
        self.assertFalse(reminder._mark_sent("letter"))
        self.assertEqual(reminder.channel, "email")

    def test_close_and_cancel(self):
        """Closing and cancelling are logged; only drafts can be cancelled."""
        reminder = self._generate_first()
        reminder.action_cancel()
        self.assertEqual(reminder.state, "cancelled")
        self.assertTrue(self.last_history(reminder, "cancelled"))
        with self.assertRaises(UserError):
            reminder.action_mark_sent()
        second = self.generate("2026-02-02")
        self.send(second, "2026-02-02")
        second.action_close()
        self.assertEqual(second.state, "closed")
        self.assertTrue(self.last_history(second, "closed"))
        with self.assertRaises(UserError):
            second.action_cancel()

    def test_sent_reminder_cannot_be_deleted(self):
        """Sent reminders belong to the history and cannot be deleted."""
        reminder = self._generate_first()
        self.send(reminder, "2026-02-01")
        with self.assertRaises(UserError):
            reminder.unlink()

    def test_resend_formal_notice_updates_date_only(self):
        """Re-sending level 3 by hand keeps level 3, updates the date, is logged."""
        for day in ("2026-02-01", "2026-02-10", "2026-02-20"):
            with freeze_time(day):
                self.generate(day).action_mark_sent()
        formal_notice = self.invoice.dunning_reminder_ids.filtered(
            lambda r: r.level == 3
        )
        with freeze_time("2026-03-10"):
            action = formal_notice.action_resend()
            again = self.env["dunning.reminder"].browse(action["res_id"])
            self.assertRecordValues(again, [{"level": 3, "state": "draft"}])
            self.assertEqual(
                self.last_history(again, "generated").note, "Prepared by hand."
            )
            again.action_mark_sent()
        self.assertEqual(self.invoice.dunning_level, 3)
        self.assertEqual(self.invoice.dunning_date, fields.Date.to_date("2026-03-10"))
        sent_levels = self.invoice.dunning_history_ids.filtered(
            lambda h: h.action == "marked_sent"
        ).mapped("level")
        self.assertEqual(sorted(sent_levels), [1, 2, 3, 3])

    def test_same_level_needs_explicit_resend(self):
        """Preparing a level already sent is refused unless asked for."""
        self.send(self._generate_first(), "2026-02-01")
        with self.assertRaisesRegex(UserError, "already sent"):
            self.invoice._dunning_create_reminders(level=1)
        reminder = self.invoice._dunning_create_reminders(level=1, allow_resend=True)
        self.assertEqual(reminder.level, 1)

    def test_payment_closes_open_reminders(self):
        """Paying the invoice closes its reminders; nothing is generated after."""
        first = self._generate_first()
        self.send(first, "2026-02-01")
        second = self.generate("2026-02-10")
        self.assertEqual(second.level, 2)
        self.register_payment(self.invoice, payment_date="2026-02-11")
        self.assertIn(self.invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual((first | second).mapped("state"), ["closed", "closed"])
        closing = self.invoice.dunning_history_ids.filtered(
            lambda h: h.action == "closed"
        )
        self.assertEqual(len(closing), 2)
        self.assertEqual(set(closing.mapped("note")), {"The invoice is paid."})
        self.assertFalse(self.generate("2026-04-01"))

    def test_partial_payment_keeps_reminder(self):
        """A partial payment leaves the reminder open."""
        reminder = self._generate_first()
        self.register_payment(self.invoice, 300.0, "2026-02-02")
        self.assertEqual(reminder.state, "draft")
        self.assertEqual(reminder.amount_residual, 700.0)

    def test_reversal_closes_open_reminders(self):
        """A credit note reversing the invoice closes its reminders."""
        reminder = self._generate_first()
        self.invoice._reverse_moves(cancel=True)
        self.assertEqual(self.invoice.payment_state, "reversed")
        self.assertEqual(reminder.state, "closed")

    def test_reset_to_draft_cancels_draft_reminders(self):
        """Resetting the invoice to draft cancels what was not sent."""
        reminder = self._generate_first()
        self.invoice.button_draft()
        self.assertEqual(reminder.state, "cancelled")

    def test_uncheck_to_remind_cancels_then_recheck(self):
        """Unchecking "To be reminded" cancels drafts; checking again resumes."""
        first = self._generate_first()
        self.send(first, "2026-02-01")
        draft = self.generate("2026-02-10")
        invoice = self.invoice.with_context(tracking_disable=False, mail_notrack=False)
        # Run the pending precommit hooks: fields of a record created in the
        # current transaction (here, by setUpClass) are not tracked.
        self.env.cr.flush()
        invoice.dunning_to_remind = False
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertEqual(draft.state, "cancelled")
        self.assertEqual(
            self.last_history(draft, "cancelled").note,
            "The invoice is no longer to be reminded.",
        )
        tracking = invoice.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "dunning_to_remind"
        )
        self.assertTrue(tracking)
        self.assertFalse(self.generate("2026-02-20"))
        invoice.dunning_to_remind = True
        again = self.generate("2026-02-20")
        self.assertEqual(again.level, 2)

    def test_excluding_customer_cancels_drafts(self):
        """Excluding a customer cancels its reminders to send, logged."""
        reminder = self._generate_first()
        self.customer.dunning_excluded = True
        self.assertEqual(reminder.state, "cancelled")
        self.assertEqual(
            self.last_history(reminder, "cancelled").note,
            "The customer is excluded from reminders.",
        )
        self.customer.dunning_excluded = False
        self.assertEqual(self.generate("2026-02-02").level, 1)

    def test_set_level_by_hand(self):
        """A billing user sets the level by hand; who, when and what is logged."""
        draft = self._generate_first()
        wizard_model = (
            self.env["dunning.set.level"]
            .with_user(self.billing_user)
            .with_context(active_model="account.move", active_ids=self.invoice.ids)
        )
        with freeze_time("2026-02-03 08:00:00"):
            with Form(wizard_model) as wizard:
                self.assertEqual(wizard.level, "0")
                wizard.level = "2"
                wizard.note = "Appel du client : litige réglé"
            wizard.record.action_apply()
        self.assertEqual(self.invoice.dunning_level, 2)
        self.assertEqual(draft.state, "cancelled")
        change = self.invoice.dunning_history_ids.filtered(
            lambda h: h.action == "level_changed"
        )
        self.assertRecordValues(
            change,
            [
                {
                    "level": 2,
                    "user_id": self.billing_user.id,
                    "date": fields.Datetime.to_datetime("2026-02-03 08:00:00"),
                }
            ],
        )
        self.assertIn("from 0 to 2", change.note)
        self.assertIn("litige réglé", change.note)
        # The next reminder follows the new level.
        self.assertEqual(self.generate("2026-02-15").level, 3)

    def test_set_level_refused_out_of_range(self):
        """Levels outside 0..3 are refused."""
        with self.assertRaises(UserError):
            self.invoice._dunning_set_level(4)

    def test_reminder_views_load(self):
        """The reminder list and form open for a billing user."""
        reminder = self._generate_first().with_user(self.billing_user)
        with Form(reminder) as form:
            self.assertEqual(form.level, 1)
        self.assertTrue(
            self.env["dunning.reminder"]
            .with_user(self.billing_user)
            .get_views([(False, "list"), (False, "search")])
        )

    def test_search_by_customer_tag(self):
        """The workspace finds the reminders of a class (a customer tag)."""
        cm1_a = self.env["res.partner.category"].create({"name": "CM1 A"})
        pupil = self.create_customer("Chloé Martin", category_id=[(6, 0, cm1_a.ids)])
        self.create_invoice(pupil, "2026-01-01", 186.0)
        reminders = self.generate("2026-02-01")
        self.assertEqual(len(reminders), 2)
        found = (
            self.env["dunning.reminder"]
            .with_user(self.billing_user)
            .search([("partner_category_ids", "ilike", "CM1 A")])
        )
        self.assertEqual(found.partner_id, pupil)

    def test_partner_smart_button(self):
        """The customer shows its open reminders."""
        self._generate_first()
        self.assertEqual(self.customer.dunning_reminder_count, 1)
        action = self.customer.action_dunning_view_reminders()
        self.assertEqual(
            self.env["dunning.reminder"].search(action["domain"]),
            self.invoice.dunning_reminder_ids,
        )
        history = self.customer.action_dunning_view_history()
        self.assertEqual(
            self.env["dunning.history"].search(history["domain"]),
            self.invoice.dunning_history_ids,
        )

    def test_auditor_cannot_send(self):
        """A read-only accountant sees reminders but cannot change them."""
        auditor = self.env["res.users"].create(
            {
                "name": "Auditeur",
                "login": "dunning_auditor",
                "groups_id": [
                    fields.Command.set(
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref("account.group_account_readonly").id,
                        ]
                    )
                ],
                "company_id": self.company.id,
                "company_ids": [fields.Command.set(self.company.ids)],
            }
        )
        reminder = self._generate_first().with_user(auditor)
        self.assertEqual(reminder.level, 1)
        with self.assertRaises(AccessError):
            reminder.action_mark_sent()
