# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import re
from html import unescape

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..const import MAX_ANSWER_FILE_SIZE
from .test_dunning_portal import DunningPortalCommon

# A minimal PDF, as its content tells guess_mimetype.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A Windows executable's first bytes.
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


@tagged("post_install", "-at_install")
class TestDunningPortalAnswers(DunningPortalCommon):
    """The forms of the reminder page record the customer's answers through
    the answers' API, over real HTTP with the page's CSRF token; a refused
    answer shows the API's message and stores nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)
        cls.reason = cls.env.ref("dunning_levels.dunning_dispute_reason_defective")

    def answers(self):
        return self.env["dunning.answer"].search(
            [("partner_id", "=", self.customer.id)]
        )

    def post(self, path, data, files=None, csrf=True, token=None):
        """Post a form of the page, with the CSRF token the page carries."""
        data = dict(data)
        if csrf:
            data["csrf_token"] = self.get_csrf_token(token)
        return self.url_open(
            f"/r/{token or self.token}/{path}",
            data=data,
            files=files,
            allow_redirects=True,
        )

    def promise(self, date, **data):
        return self.post(
            "promise",
            {"invoice_ids": [self.invoice_1.id], "date_promised": str(date), **data},
        )

    def assertRefused(self, response, message):
        """The page shows ``message`` as an error; nothing is stored."""
        self.assertEqual(response.status_code, 200)
        error = re.search(
            r'id="dunning_error"[^>]*>(.*?)</div>', response.text, re.DOTALL
        )
        self.assertTrue(error, "The page shows an error.")
        self.assertIn(message, unescape(error[1]))
        self.assertFalse(self.answers())

    # ------------------------------------------------------------
    # PROMISE TO PAY
    # ------------------------------------------------------------

    def test_promise_to_pay(self):
        """A promise pauses the invoice's reminders; the page thanks and
        shows the pause."""
        date = fields.Date.add(self.today, days=10)
        response = self.promise(date, message="Paiement à réception du virement.")
        self.assertEqual(response.status_code, 200)
        self.assertIn("your promise to pay is recorded", response.text)
        answer = self.answers()
        self.assertEqual(answer.kind, "promise")
        self.assertEqual(answer.move_ids, self.invoice_1)
        self.assertEqual(answer.date_promised, date)
        self.assertEqual(answer.channel, "portal")
        self.assertEqual(answer.author_id, self.customer)
        self.assertEqual(self.invoice_1.dunning_pause, "promise")
        self.assertIn(self.invoice_1.dunning_pause_label, unescape(response.text))

    def test_promise_posted_twice_is_recorded_once(self):
        """The same promise sent twice (a double click) is recorded once."""
        date = fields.Date.add(self.today, days=10)
        self.promise(date)
        response = self.promise(date)
        self.assertIn("your promise to pay is recorded", response.text)
        self.assertEqual(len(self.answers()), 1)

    def test_promise_in_the_past_refused(self):
        """A promise in the past shows the API's message, stores nothing."""
        response = self.promise(fields.Date.subtract(self.today, days=1))
        self.assertRefused(response, "The promised date cannot be in the past.")

    def test_promise_too_far_refused(self):
        """A promise beyond the company's horizon is refused."""
        response = self.promise(fields.Date.add(self.today, days=90))
        self.assertRefused(response, "The promised date cannot be later than")

    def test_promise_without_invoice_refused(self):
        """A promise about no invoice is refused."""
        response = self.post(
            "promise", {"date_promised": str(fields.Date.add(self.today, days=5))}
        )
        self.assertRefused(response, "Choose at least one invoice.")

    def test_html_message_refused(self):
        """A message with HTML markup is refused."""
        response = self.promise(
            fields.Date.add(self.today, days=5), message="<script>alert(1)</script>"
        )
        self.assertRefused(response, "without HTML tags")

    def test_missing_csrf_refused(self):
        """A form posted without the page's CSRF token is refused."""
        with mute_logger("odoo.http"):
            response = self.post(
                "promise",
                {
                    "invoice_ids": [self.invoice_1.id],
                    "date_promised": str(fields.Date.add(self.today, days=5)),
                },
                csrf=False,
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.answers())

    def test_post_with_wrong_token_not_found(self):
        """A form posted with an unknown token answers 404."""
        csrf = self.get_csrf_token()
        response = self.url_open(
            "/r/unknown-token/promise",
            data={
                "csrf_token": csrf,
                "invoice_ids": [self.invoice_1.id],
                "date_promised": str(fields.Date.add(self.today, days=5)),
            },
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.answers())

    def test_other_customer_invoice_not_found(self):
        """A form naming another customer's invoice answers 404."""
        other = self.create_customer("Garage Moreau")
        other_invoice = self.create_invoice_at_level(other, 1, sent=True).move_id
        response = self.post(
            "promise",
            {
                "invoice_ids": [other_invoice.id],
                "date_promised": str(fields.Date.add(self.today, days=5)),
            },
        )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.env["dunning.answer"].search([]))

    # ------------------------------------------------------------
    # PAYMENT ANNOUNCED
    # ------------------------------------------------------------

    def announce(self, amount="350", files=None, **data):
        return self.post(
            "payment",
            {
                "invoice_ids": [self.invoice_1.id, self.invoice_2.id],
                "payment_date": str(self.today),
                "amount": amount,
                "method": "transfer",
                **data,
            },
            files=files,
        )

    def test_payment_announced_with_proof(self):
        """A payment announced with its proof is recorded, the proof
        attached."""
        response = self.announce(files={"proof": ("virement.pdf", PDF)})
        self.assertIn("your payment is recorded", response.text)
        answer = self.answers()
        self.assertEqual(answer.kind, "payment")
        self.assertEqual(answer.move_ids, self.invoice_1 | self.invoice_2)
        self.assertEqual(answer.amount, 350.0)
        self.assertEqual(answer.payment_method, "transfer")
        self.assertEqual(answer.attachment_ids.mapped("name"), ["virement.pdf"])
        self.assertEqual(answer.attachment_ids.raw, PDF)

    def test_negative_amount_refused(self):
        """A negative amount is refused."""
        self.assertRefused(
            self.announce(amount="-5"), "The amount paid must be a number above zero."
        )

    def test_amount_not_a_number_refused(self):
        """An amount that is not a number is refused."""
        self.assertRefused(
            self.announce(amount="abc"), "The amount paid must be a number above zero."
        )

    def test_future_payment_date_refused(self):
        """A payment in the future is refused."""
        response = self.announce(payment_date=str(fields.Date.add(self.today, days=3)))
        self.assertRefused(response, "The payment date cannot be in the future.")

    def test_executable_disguised_as_pdf_refused(self):
        """An executable named .pdf is refused."""
        response = self.announce(files={"proof": ("virement.pdf", EXECUTABLE)})
        self.assertRefused(response, "virement.pdf is not accepted")

    def test_file_over_the_limit_refused_before_reading(self):
        """A form heavier than the answers' file limit is refused at the
        HTTP level (413), before the server reads it."""
        big = b"%PDF-1.4\n" + b"0" * (MAX_ANSWER_FILE_SIZE + 128 * 1024)
        with mute_logger("odoo.http"):
            response = self.announce(files={"proof": ("virement.pdf", big)})
        self.assertEqual(response.status_code, 413)
        self.assertFalse(self.answers())

    # ------------------------------------------------------------
    # DISPUTE
    # ------------------------------------------------------------

    def test_dispute(self):
        """A dispute of one invoice for a reason of the list is recorded and
        pauses its reminders."""
        response = self.post(
            "dispute",
            {
                "invoice_id": self.invoice_2.id,
                "reason_id": self.reason.id,
                "message": "La livraison était incomplète.",
            },
        )
        self.assertIn("your dispute is recorded", response.text)
        answer = self.answers()
        self.assertEqual(answer.kind, "dispute")
        self.assertEqual(answer.move_ids, self.invoice_2)
        self.assertEqual(answer.reason_id, self.reason)
        self.assertEqual(answer.message, "La livraison était incomplète.")
        self.assertEqual(self.invoice_2.dunning_pause, "dispute")

    def test_dispute_without_reason_refused(self):
        """A dispute without a reason of the list is refused."""
        response = self.post(
            "dispute", {"invoice_id": self.invoice_2.id, "reason_id": "999999"}
        )
        self.assertRefused(response, "Choose the reason of the dispute.")
