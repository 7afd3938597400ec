# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import base64

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..const import MAX_ANSWER_FILE_SIZE
from .common import DunningCommon

# The smallest files each accepted type is recognised by.
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64


@tagged("post_install", "-at_install")
class TestDunningAnswers(DunningCommon):
    """The answers' API, as the customer page calls it (as superuser after
    its token check, the customer's contact as author): each answer, each
    refusal storing nothing, and the repeated submission."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.customer = cls.create_customer()
        cls.contact = cls.env["res.partner"].create(
            {"name": "Jeanne Leroy", "parent_id": cls.customer.id}
        )
        cls.invoice = cls.create_overdue_invoice(cls.customer, 20, 300.0)
        cls.invoice_2 = cls.create_overdue_invoice(cls.customer, 10, 200.0)
        cls.invoices = cls.invoice | cls.invoice_2
        cls.reason = cls.env.ref("dunning_levels.dunning_dispute_reason_defective")
        cls.company.dunning_responsible_id = cls.manager_user

    def days(self, days):
        return fields.Date.add(self.today, days=days)

    def get_answer_message(self, invoice):
        """Return the chatter note of the customer's answer on ``invoice``."""
        return invoice.message_ids.filtered(lambda m: m.author_id == self.contact)

    def count_answers(self):
        return self.env["dunning.answer"].search_count([])

    def assertRefused(self, call, message):
        """Check that ``call()`` raises a UserError saying ``message`` and
        stores no answer, no history and no chatter message."""
        answers = self.count_answers()
        history = self.env["dunning.history"].search_count([])
        messages = self.env["mail.message"].search_count([])
        with self.assertRaisesRegex(UserError, message):
            call()
        self.assertEqual(self.count_answers(), answers)
        self.assertEqual(self.env["dunning.history"].search_count([]), history)
        self.assertEqual(self.env["mail.message"].search_count([]), messages)

    # ------------------------------------------------------------
    # PROMISE TO PAY
    # ------------------------------------------------------------

    def test_promise_to_pay(self):
        date = self.days(12)
        answer = self.invoices.sudo()._dunning_promise_to_pay(
            date, message="Paid on the 15th if < 1000 & agreed", author=self.contact
        )
        self.assertRecordValues(
            answer,
            [
                {
                    "kind": "promise",
                    "state": "open",
                    "channel": "portal",
                    "partner_id": self.customer.id,
                    "company_id": self.company.id,
                    "date_promised": date,
                    "paused_until": self.days(12 + 3),
                    "author_id": self.contact.id,
                    "message": "Paid on the 15th if < 1000 & agreed",
                }
            ],
        )
        self.assertEqual(answer.move_ids, self.invoices)
        for invoice in self.invoices:
            self.assertEqual(invoice.dunning_pause, "promise")
            self.assertEqual(invoice.dunning_paused_until, self.days(15))
            self.assertIn("Promise to pay until", invoice.dunning_pause_label)
            history = invoice.dunning_history_ids
            self.assertEqual(history.action, "promise")
            self.assertIn("Jeanne Leroy", history.note)
            message = self.get_answer_message(invoice)
            self.assertEqual(message.author_id, self.contact)
            self.assertEqual(message.subtype_id, self.env.ref("mail.mt_note"))
            # What the customer wrote is shown as text, never as markup.
            self.assertIn("if &lt; 1000 &amp; agreed", message.body)

    def test_promise_refused(self):
        invoices = self.invoices.sudo()
        self.assertRefused(
            lambda: invoices._dunning_promise_to_pay(self.days(-1)), "in the past"
        )
        self.assertRefused(
            lambda: invoices._dunning_promise_to_pay(self.days(31)), "later than"
        )
        self.assertRefused(
            lambda: invoices._dunning_promise_to_pay("not a date"), "valid date"
        )
        self.assertRefused(
            lambda: invoices._dunning_promise_to_pay(
                self.days(5), message="<script>alert(1)</script>"
            ),
            "plain text",
        )
        # The horizon is the company's.
        self.company.dunning_promise_max_days = 60
        self.assertTrue(invoices._dunning_promise_to_pay(self.days(31)))

    def test_promise_idempotent(self):
        invoices = self.invoices.sudo()
        answer = invoices._dunning_promise_to_pay(self.days(5))
        history = self.env["dunning.history"].search_count([])
        self.assertEqual(
            invoices._dunning_promise_to_pay(fields.Date.to_string(self.days(5))),
            answer,
        )
        self.assertEqual(self.env["dunning.history"].search_count([]), history)
        # Another date, or other invoices, make another promise.
        self.assertNotEqual(invoices._dunning_promise_to_pay(self.days(6)), answer)
        self.assertNotEqual(
            self.invoice.sudo()._dunning_promise_to_pay(self.days(5)), answer
        )

    # ------------------------------------------------------------
    # PAYMENT ANNOUNCED
    # ------------------------------------------------------------

    def test_announce_payment(self):
        answer = self.invoice.sudo()._dunning_announce_payment(
            self.days(-2),
            "300",
            "transfer",
            message="Wired yesterday",
            files=[("proof.pdf", PDF), ("../../receipt.PNG", PNG)],
            author=self.contact,
        )
        self.assertRecordValues(
            answer,
            [
                {
                    "kind": "payment",
                    "payment_date": self.days(-2),
                    "amount": 300.0,
                    "payment_method": "transfer",
                    "paused_until": self.days(10),
                }
            ],
        )
        self.assertEqual(
            sorted(answer.attachment_ids.mapped("name")), ["proof.pdf", "receipt.PNG"]
        )
        self.assertEqual(self.invoice.dunning_pause, "payment")
        self.assertEqual(self.invoice.dunning_history_ids.action, "payment_announced")
        self.assertEqual(
            sorted(self.get_answer_message(self.invoice).attachment_ids.mapped("raw")),
            sorted([PDF, PNG]),
        )
        activity = answer.activity_ids
        self.assertEqual(activity.user_id, self.manager_user)
        self.assertEqual(activity.attachment_ids, answer.attachment_ids)

    def test_announce_payment_refused(self):
        invoice = self.invoice.sudo()
        today = self.today
        cases = [
            ((self.days(1), 100, "transfer"), {}, "future"),
            ((today, -5, "transfer"), {}, "above zero"),
            ((today, 0, "transfer"), {}, "above zero"),
            ((today, "abc", "transfer"), {}, "above zero"),
            ((today, "nan", "transfer"), {}, "above zero"),
            ((today, 100, "bitcoin"), {}, "how the invoices were paid"),
            (
                (today, 100, "check"),
                {"files": [("big.pdf", PDF + b"0" * MAX_ANSWER_FILE_SIZE)]},
                "too large",
            ),
            ((today, 100, "check"), {"files": [("invoice.pdf", ELF)]}, "not accepted"),
            ((today, 100, "check"), {"files": [("photo.pdf", PNG)]}, "not accepted"),
            ((today, 100, "check"), {"files": [("proof.exe", PDF)]}, "not accepted"),
            ((today, 100, "check"), {"message": "Paid <b>twice</b>"}, "plain text"),
        ]
        for args, kwargs, message in cases:
            with self.subTest(args=args, message=message):
                self.assertRefused(
                    lambda a=args, k=kwargs: invoice._dunning_announce_payment(*a, **k),
                    message,
                )

    def test_announce_payment_idempotent(self):
        invoice = self.invoice.sudo()
        answer = invoice._dunning_announce_payment(self.today, 300, "card")
        self.assertEqual(
            invoice._dunning_announce_payment(self.today, 300.0, "card"), answer
        )
        self.assertEqual(len(answer.activity_ids), 1)
        self.assertNotEqual(
            invoice._dunning_announce_payment(self.today, 100, "card"), answer
        )

    # ------------------------------------------------------------
    # DISPUTE
    # ------------------------------------------------------------

    def test_open_dispute(self):
        salesperson = self.billing_user
        self.invoice.invoice_user_id = salesperson
        answer = self.invoice.sudo()._dunning_open_dispute(
            self.reason,
            message="The machine does not start.",
            files=[("photo.jpg", self.jpeg())],
            author=self.contact,
        )
        self.assertRecordValues(
            answer,
            [{"kind": "dispute", "reason_id": self.reason.id, "paused_until": False}],
        )
        self.assertEqual(self.invoice.dunning_pause, "dispute")
        self.assertEqual(
            self.invoice.dunning_pause_label, "In dispute: Defective or not as ordered"
        )
        self.assertEqual(self.invoice.dunning_history_ids.action, "dispute_opened")
        # The salesperson hears of it first.
        self.assertEqual(answer.activity_ids.user_id, salesperson)
        # Without salesperson, the responsible accountant.
        self.invoice_2.invoice_user_id = False
        other = self.invoice_2.sudo()._dunning_open_dispute(self.reason)
        self.assertEqual(other.activity_ids.user_id, self.manager_user)
        self.assertEqual(
            self.invoice_2.sudo()._dunning_open_dispute(self.reason), other
        )

    def test_open_dispute_refused(self):
        invoice = self.invoice.sudo()
        self.assertRefused(lambda: invoice._dunning_open_dispute(None), "reason")
        self.reason.active = False
        self.assertRefused(lambda: invoice._dunning_open_dispute(self.reason), "reason")
        other_company = self.setup_other_company()["company"]
        reason = self.env["dunning.dispute.reason"].create(
            {"name": "Their own", "company_id": other_company.id}
        )
        self.assertRefused(lambda: invoice._dunning_open_dispute(reason), "reason")

    def jpeg(self):
        """Return a JPEG image, as a phone's camera sends it."""
        return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"

    # ------------------------------------------------------------
    # INVOICES ANSWERED
    # ------------------------------------------------------------

    def test_invoices_refused(self):
        other_customer = self.create_customer("Garage Martin")
        other_invoice = self.create_overdue_invoice(other_customer, 20)
        other_company = self.setup_other_company()["company"]
        foreign = self.create_overdue_invoice(self.customer, 20, company=other_company)
        paid = self.create_overdue_invoice(self.customer, 20)
        self.register_payment(paid)
        draft = self.create_invoice(self.customer, post=False)
        excluded = self.create_overdue_invoice(self.customer, 20)
        excluded.dunning_to_remind = False
        date = self.days(5)
        moves = self.env["account.move"].sudo()
        cases = [
            (moves, "at least one invoice"),
            (self.invoice | other_invoice, "one customer"),
            (self.invoice | foreign, "one company"),
            (self.invoice | paid, "cannot be answered"),
            (draft, "cannot be answered"),
            (excluded, "cannot be answered"),
        ]
        for invoices, message in cases:
            with self.subTest(message=message):
                self.assertRefused(
                    lambda i=invoices: i.sudo()._dunning_promise_to_pay(date), message
                )
