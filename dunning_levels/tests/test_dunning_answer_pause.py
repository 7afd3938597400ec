# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import Command, fields
from odoo.tests import Form, freeze_time, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningAnswerPause(DunningCommon):
    """The pause of reminders a customer's answer brings: no reminder
    generated nor sent while it lasts, the morning generation (its cron)
    ending promises and announced payments, and the accountant ending
    disputes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("dunning_levels.ir_cron_dunning_generate")
        cls.today = fields.Date.context_today(cls.env.user)
        cls.customer = cls.create_customer()
        cls.reason = cls.env.ref("dunning_levels.dunning_dispute_reason_not_received")
        # Overdue by 20 days: level 1 is due, level 2 in 10 days.
        cls.invoice = cls.create_overdue_invoice(cls.customer, 20, 500.0)

    def days(self, days):
        return fields.Date.add(self.today, days=days)

    def run_cron(self, date):
        """Run the morning generation's scheduled action on ``date``."""
        with freeze_time(fields.Datetime.to_datetime(date).replace(hour=4)):
            self.cron.method_direct_trigger()

    def reminders(self, state="draft"):
        return self.invoice.dunning_reminder_ids.filtered(lambda r: r.state == state)

    def history_actions(self):
        return self.invoice.dunning_history_ids.sorted("id").mapped("action")

    # ------------------------------------------------------------
    # GENERATION
    # ------------------------------------------------------------

    def test_promise_broken_resumes_generation(self):
        """A promise pauses the generation until its date plus the grace
        days; unpaid then, it is broken and the same run reminds at the
        next level."""
        self.remind_to_level(self.invoice, 1, sent=True)
        answer = self.invoice.sudo()._dunning_promise_to_pay(self.days(12))
        self.assertEqual(answer.paused_until, self.days(15))
        # Level 2 falls due during the pause (in 10 days): not generated.
        self.run_cron(self.days(10))
        self.assertFalse(self.reminders())
        # The pause lasts until its last day included.
        self.run_cron(self.days(15))
        self.assertFalse(self.reminders())
        self.assertEqual(answer.state, "open")
        self.run_cron(self.days(16))
        self.assertEqual(answer.state, "broken")
        self.assertFalse(self.invoice.dunning_pause)
        self.assertEqual(self.reminders().level, 2)
        self.assertEqual(self.history_actions()[-2:], ["promise_broken", "generated"])
        self.assertIn("Promise broken", self.invoice.message_ids.mapped("preview")[0])
        # The responsible accountant is asked to call.
        self.assertEqual(
            answer.activity_ids.user_id, self.company._dunning_get_responsible()
        )

    def test_promise_kept_by_payment(self):
        """Paying the invoice (payment wizard) keeps the promise at once."""
        answer = self.invoice.sudo()._dunning_promise_to_pay(self.days(5))
        self.register_payment(self.invoice)
        self.assertEqual(answer.state, "kept")
        self.assertFalse(self.invoice.dunning_pause)
        self.assertIn("promise_kept", self.history_actions())
        # Partly paid, a promise about two invoices stays open.
        other = self.create_overdue_invoice(self.customer, 20, 300.0)
        both = self.create_overdue_invoice(self.customer, 25, 100.0) | other
        answer = both.sudo()._dunning_promise_to_pay(self.days(5))
        self.register_payment(other)
        self.assertEqual(answer.state, "open")

    def test_payment_announced_expires(self):
        """A payment announced pauses for the company's days, then just
        ends: the generation resumes."""
        self.company.dunning_payment_pause_days = 4
        answer = self.invoice.sudo()._dunning_announce_payment(self.today, 500, "check")
        self.run_cron(self.days(3))
        self.assertFalse(self.reminders())
        self.run_cron(self.days(5))
        self.assertEqual(answer.state, "expired")
        self.assertEqual(self.reminders().level, 1)
        self.assertIn("payment_expired", self.history_actions())

    def test_payment_announced_then_received(self):
        answer = self.invoice.sudo()._dunning_announce_payment(
            self.today, 500, "transfer"
        )
        self.register_payment(self.invoice)
        self.assertEqual(answer.state, "done")

    def test_dispute_resolved(self):
        """A dispute pauses the reminders with no end; resolved, they
        resume."""
        answer = self.invoice.sudo()._dunning_open_dispute(self.reason)
        self.run_cron(self.days(60))
        self.assertFalse(self.reminders())
        self.assertEqual(answer.state, "open")
        answer.with_user(self.billing_user).action_resolve()
        self.assertEqual(answer.state, "resolved")
        self.assertFalse(self.invoice.dunning_pause)
        self.assertIn("dispute_resolved", self.history_actions())
        self.run_cron(self.days(1))
        self.assertEqual(self.reminders().level, 1)

    def test_dispute_credited(self):
        """A credit note issued from the invoice (reversal wizard), posted
        and matched with it, closes the dispute as credited."""
        answer = self.invoice.sudo()._dunning_open_dispute(self.reason)
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=self.invoice.ids)
            .create(
                {"journal_id": self.invoice.journal_id.id, "reason": "Not delivered"}
            )
        )
        action = reversal.refund_moves()
        credit_note = self.env["account.move"].browse(action["res_id"])
        # Posted, a full credit note is matched with its invoice.
        credit_note.action_post()
        self.assertEqual(self.invoice.payment_state, "reversed")
        self.assertEqual(answer.state, "credited")
        self.assertIn("dispute_credited", self.history_actions())

    def test_manual_generation_skips_paused(self):
        """The "Generate" button skips paused invoices too."""
        self.invoice.sudo()._dunning_promise_to_pay(self.days(2))
        self.assertFalse(self.generate())
        self.assertTrue(self.generate(self.days(6)))

    # ------------------------------------------------------------
    # SENDING
    # ------------------------------------------------------------

    def test_sending_skips_paused(self):
        """The sending wizard says why a reminder waits, sends the others
        and keeps it to send."""
        reminder = self.remind_to_level(self.invoice, 1)
        other = self.create_invoice_at_level(self.create_customer("Garage Martin"), 1)
        self.invoice.sudo()._dunning_promise_to_pay(self.days(12))
        label = f"Promise to pay until {self.days(15).strftime('%m/%d/%Y')}"
        preview = self.open_send_wizard(reminder | other).preview_html
        self.assertIn(label, preview)
        self.assertIn("1 reminder(s) paused, kept to send later", preview)
        wizard = self.send_with_wizard(reminder | other, use_email=True)
        self.assertEqual(reminder.state, "draft")
        self.assertEqual(other.state, "sent")
        self.assertIn(label, wizard.summary_html)

    def test_background_sending_skips_paused(self):
        """A sending in the background (its cron) keeps the paused reminder
        to send and says so in its summary."""
        self.company.dunning_send_background_threshold = 1
        reminder = self.remind_to_level(self.invoice, 1)
        other = self.create_invoice_at_level(self.create_customer("Garage Martin"), 1)
        self.invoice.sudo()._dunning_open_dispute(self.reason)
        action = self.open_send_wizard(reminder | other, use_email=True).action_send()
        job = self.env["dunning.send.job"].browse(action["res_id"])
        self.env.ref("dunning_levels.ir_cron_dunning_send_job").method_direct_trigger()
        self.assertEqual(job.state, "done")
        self.assertEqual(reminder.state, "draft")
        self.assertEqual(other.state, "sent")
        self.assertIn(
            "1 reminder(s) paused, kept to send later: In dispute: Goods or "
            "service not received",
            job.summary_html,
        )

    def test_sending_from_invoices_skips_disputed(self):
        self.invoice.sudo()._dunning_open_dispute(self.reason)
        wizard = self.open_send_wizard(self.invoice)
        self.assertIn("In dispute: Goods or service not received", wizard.preview_html)
        self.send_with_wizard(self.invoice, use_email=True)
        self.assertFalse(self.invoice.dunning_reminder_ids)

    # ------------------------------------------------------------
    # BACK OFFICE
    # ------------------------------------------------------------

    def test_record_from_invoice(self):
        """The invoice's buttons open the wizard recording an answer from
        the office."""
        action = self.invoice.with_context(
            default_kind="dispute"
        ).action_dunning_record_answer()
        form = Form(
            self.env["dunning.record.answer"]
            .with_user(self.billing_user)
            .with_context(**action["context"])
        )
        self.assertEqual(form.kind, "dispute")
        form.reason_id = self.reason
        form.message = "Parcel never arrived"
        result = form.save().action_record()
        answer = self.env["dunning.answer"].browse(result["res_id"])
        self.assertRecordValues(
            answer,
            [
                {
                    "kind": "dispute",
                    "channel": "office",
                    "author_id": self.billing_user.partner_id.id,
                }
            ],
        )
        self.assertEqual(answer.move_ids, self.invoice)
        self.assertEqual(self.invoice.dunning_pause, "dispute")

    def test_call_log_outcomes(self):
        """The call log's outcomes record the answer they stand for, by
        phone; the call is logged as before."""
        reminder = self.remind_to_level(self.invoice, 1)
        cases = [
            ("promise", {"promise_date": self.days(4)}, "promise"),
            ("dispute", {"dispute_reason_id": self.reason}, "dispute"),
            ("paid", {"payment_method": "check"}, "payment"),
        ]
        for outcome, values, kind in cases:
            with self.subTest(outcome=outcome):
                form = Form(
                    self.env["dunning.log.call"]
                    .with_user(self.billing_user)
                    .with_context(
                        active_model="dunning.reminder", active_ids=reminder.ids
                    )
                )
                form.outcome = outcome
                for name, value in values.items():
                    setattr(form, name, value)
                form.comment = "Said so on the phone"
                form.save().action_log()
                answer = self.invoice.dunning_answer_ids.sorted("id")[-1]
                self.assertRecordValues(
                    answer,
                    [
                        {
                            "kind": kind,
                            "channel": "phone",
                            "message": "Said so on the phone",
                        }
                    ],
                )
                history = self.invoice.dunning_history_ids.sorted("id")
                self.assertIn("called", history.mapped("action"))
                self.assertEqual(history[-1].channel, "phone")
        self.assertEqual(
            self.invoice.dunning_answer_ids.filtered(
                lambda a: a.kind == "payment"
            ).amount,
            500.0,
        )

    def test_call_log_without_details(self):
        """A promise without date is only logged, as before."""
        reminder = self.remind_to_level(self.invoice, 1)
        form = Form(
            self.env["dunning.log.call"].with_context(
                active_model="dunning.reminder", active_ids=reminder.ids
            )
        )
        form.outcome = "promise"
        form.save().action_log()
        self.assertFalse(self.invoice.dunning_answer_ids)

    def test_workspace_and_invoice_show_pause(self):
        reminder = self.remind_to_level(self.invoice, 1)
        self.invoice.sudo()._dunning_announce_payment(self.today, 500, "transfer")
        self.assertEqual(reminder.dunning_pause, "payment")
        self.assertIn("Payment announced, paused until", reminder.dunning_pause_label)
        paused = self.env["account.move"].search([("dunning_pause", "=", "payment")])
        self.assertEqual(paused, self.invoice)

    # ------------------------------------------------------------
    # SECURITY
    # ------------------------------------------------------------

    def test_multi_company(self):
        """A billing user of another company sees none of these answers."""
        answer = self.invoice.sudo()._dunning_promise_to_pay(self.days(5))
        other_company = self.setup_other_company()["company"]
        other_user = self.env["res.users"].create(
            {
                "name": "Other billing",
                "login": "other_billing",
                "company_id": other_company.id,
                "company_ids": [Command.set(other_company.ids)],
                "groups_id": [
                    Command.set([self.env.ref("account.group_account_invoice").id])
                ],
            }
        )
        self.assertFalse(self.env["dunning.answer"].with_user(other_user).search([]))
        self.assertEqual(
            self.env["dunning.answer"].with_user(self.billing_user).search([]), answer
        )
        # Portal users reach answers through the customer page only.
        portal = self.env["res.users"].create(
            {
                "name": "Customer",
                "login": "customer_portal",
                "partner_id": self.customer.id,
                "groups_id": [Command.set([self.env.ref("base.group_portal").id])],
            }
        )
        self.assertFalse(
            self.env["dunning.answer"].with_user(portal).has_access("read")
        )
