# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import re

from odoo import fields
from odoo.tests import HttpCase, tagged

from ..const import ACCESS_VALIDITY_DAYS, STATE_CLOSED
from .common import DunningCommon

# The reminder page's short link, as printed in emails, letters and SMS.
PAGE_URL = re.compile(r"https?://[^\s\"'<>]+/r/([A-Za-z0-9_-]+)")


def enable_demo_provider(env, company):
    """Return the demo payment provider of ``company``, enabled in test
    mode with its demo payment method, copied from the main company's."""
    providers = env["payment.provider"].sudo()
    provider = providers.search(
        [("code", "=", "demo"), ("company_id", "=", company.id)], limit=1
    ) or env.ref("payment.payment_provider_demo").sudo().copy(
        {"company_id": company.id}
    )
    provider.write(
        {
            "state": "test",
            "is_published": True,
            "payment_method_ids": [
                fields.Command.set(env.ref("payment_demo.payment_method_demo").ids)
            ],
        }
    )
    return provider


class DunningPortalCommon(DunningCommon, HttpCase):
    """A customer with two overdue invoices reminded at level 1, sent, and
    the demo payment provider enabled in the company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer(
            "Boulangerie Leroy", email="compta@leroy.example", lang="en_US"
        )
        cls.reminder_1 = cls.create_invoice_at_level(
            cls.customer, 1, amount=100.0, sent=True
        )
        cls.reminder_2 = cls.create_invoice_at_level(
            cls.customer, 1, amount=250.0, sent=True
        )
        cls.invoice_1 = cls.reminder_1.move_id
        cls.invoice_2 = cls.reminder_2.move_id
        cls.access = cls.env["dunning.access"]._get_access(cls.customer, cls.company)
        cls.token = cls.access.access_token
        cls.provider = enable_demo_provider(cls.env, cls.company)

    def open_page(self, token=None, path=""):
        return self.url_open(f"/r/{token or self.token}{path}")

    def get_csrf_token(self, token=None):
        """Open the reminder page and return the CSRF token of its forms."""
        response = self.open_page(token)
        self.assertEqual(response.status_code, 200)
        match = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
        self.assertTrue(match, "The page's forms carry a CSRF token.")
        return match[1]


@tagged("post_install", "-at_install")
class TestDunningPortalPage(DunningPortalCommon):
    def test_page_lists_the_overdue_invoices(self):
        """The link opens, without login, the customer's overdue invoices:
        number, amount due, level reached, total and PDF links."""
        response = self.open_page()
        self.assertEqual(response.status_code, 200)
        page = response.text
        for invoice in self.invoice_1 | self.invoice_2:
            self.assertIn(invoice.name, page)
            self.assertIn(f"/r/{self.token}/invoice/{invoice.id}", page)
        self.assertIn("Level 1", page)
        self.assertIn("350.00", page)
        self.assertIn(f"/r/{self.token}/letter", page)
        self.assertIn(self.company.name, page)

    def test_page_in_the_customer_language(self):
        """The page speaks the customer's language, not the visitor's."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.customer.lang = "fr_FR"
        response = self.open_page()
        self.assertEqual(response.status_code, 200)
        self.assertIn("350,00", response.text)

    def test_paid_invoice_leaves_the_page(self):
        """A paid invoice is no longer listed."""
        self.register_payment(self.invoice_1)
        page = self.open_page().text
        self.assertNotIn(self.invoice_1.name, page)
        self.assertIn(self.invoice_2.name, page)

    def test_invoice_pdf(self):
        """The invoice's PDF comes through the token-checked route."""
        response = self.open_page(path=f"/invoice/{self.invoice_1.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")

    def test_reminder_letter_pdf(self):
        """The letter of the last reminder sent comes as a PDF."""
        response = self.open_page(path="/letter")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")

    def test_portal_user_sees_the_page_under_my(self):
        """A portal user of the customer finds the page from /my."""
        contact = self.env["res.partner"].create(
            {"name": "Julie Leroy", "parent_id": self.customer.id, "email": "j@l.fr"}
        )
        user = (
            self.env["res.users"]
            .sudo()
            .create(
                {
                    "name": "Julie Leroy",
                    "login": "julie.leroy",
                    "password": "julie.leroy",
                    "partner_id": contact.id,
                    "groups_id": [
                        fields.Command.set([self.env.ref("base.group_portal").id])
                    ],
                    "company_id": self.company.id,
                    "company_ids": [fields.Command.set(self.company.ids)],
                }
            )
        )
        self.authenticate(user.login, user.login)
        home = self.url_open("/my/home")
        self.assertEqual(home.status_code, 200)
        self.assertIn("/my/reminders", home.text)
        page = self.url_open("/my/reminders")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.invoice_1.name, page.text)
        self.assertIn(self.invoice_2.name, page.text)


@tagged("post_install", "-at_install")
class TestDunningPortalAccess(DunningPortalCommon):
    def assertNotFound(self, response):
        self.assertEqual(response.status_code, 404)
        for invoice in self.invoice_1 | self.invoice_2:
            self.assertNotIn(invoice.name, response.text)
        self.assertNotIn(self.customer.name, response.text)

    def test_wrong_token(self):
        """An unknown token answers 404."""
        self.assertNotFound(self.open_page("A" * 22))
        self.assertNotFound(self.open_page("A" * 22, path="/letter"))
        self.assertNotFound(
            self.open_page("A" * 22, path=f"/invoice/{self.invoice_1.id}")
        )

    def test_expired_token(self):
        """A token past its expiry answers 404, and the next reminder sent
        makes it valid again."""
        self.access.expiration_date = fields.Date.subtract(
            fields.Date.context_today(self.access), days=1
        )
        self.assertNotFound(self.open_page())
        reminder = self.create_invoice_at_level(self.customer, 1)
        self.send_with_wizard(reminder, use_email=True)
        self.assertEqual(
            self.access.expiration_date,
            fields.Date.add(
                fields.Date.context_today(self.access), days=ACCESS_VALIDITY_DAYS
            ),
        )
        self.assertEqual(self.open_page().status_code, 200)

    def test_other_customer_token(self):
        """Another customer's token shows that customer's invoices only, and
        cannot open ours."""
        other = self.create_customer("Garage Moreau")
        other_invoice = self.create_invoice_at_level(other, 1, sent=True).move_id
        token = self.env["dunning.access"]._get_access(other, self.company).access_token
        response = self.open_page(token)
        self.assertEqual(response.status_code, 200)
        self.assertIn(other_invoice.name, response.text)
        self.assertNotIn(self.invoice_1.name, response.text)
        self.assertNotFound(self.open_page(token, path=f"/invoice/{self.invoice_1.id}"))
        self.assertNotFound(self.open_page(token, path=f"/pay/{self.invoice_1.id}"))

    def test_other_company_token(self):
        """The customer's token of another company never shows this
        company's invoices."""
        other_company = self.setup_other_company()["company"]
        token = (
            self.env["dunning.access"]
            ._get_access(self.customer, other_company)
            .access_token
        )
        response = self.open_page(token)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(self.invoice_1.name, response.text)
        self.assertNotFound(self.open_page(token, path=f"/invoice/{self.invoice_1.id}"))
        self.assertNotFound(self.open_page(token, path="/letter"))

    def test_email_carries_the_link(self):
        """The reminder email links to the customer's page."""
        reminder = self.create_invoice_at_level(self.customer, 1)
        self.send_with_wizard(reminder, use_email=True)
        message = reminder.mail_message_id
        match = PAGE_URL.search(str(message.body))
        self.assertTrue(match, "The email carries the page's link.")
        self.assertEqual(match[1], self.token)


@tagged("post_install", "-at_install")
class TestDunningPortalPayment(DunningPortalCommon):
    def pay_online(self, path):
        """Pay from the page with the demo provider, as its form does: the
        transaction route, the demo's simulated payment, then the status
        page's polling, which posts the payment."""
        self.assertEqual(self.open_page(path=f"/pay{path}").status_code, 200)
        processing_values = self.make_jsonrpc_request(
            f"/r/{self.token}/transaction{path}",
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.env.ref(
                    "payment_demo.payment_method_demo"
                ).id,
                "token_id": None,
                "amount": 1.0,
                "flow": "direct",
                "tokenization_requested": False,
                "landing_route": f"/r/{self.token}",
                "is_validation": False,
                "access_token": None,
            },
        )
        self.make_jsonrpc_request(
            "/payment/demo/simulate_payment",
            {
                "reference": processing_values["reference"],
                "payment_details": "4242",
                "simulated_state": "done",
            },
        )
        self.make_jsonrpc_request("/payment/status/poll")
        return self.env["payment.transaction"].search(
            [("reference", "=", processing_values["reference"])]
        )

    def test_pay_one_invoice(self):
        """Paying one invoice online pays it in full, whatever amount the
        browser sent, and closes its reminder."""
        transaction = self.pay_online(f"/{self.invoice_1.id}")
        self.assertEqual(transaction.state, "done")
        self.assertEqual(transaction.amount, 100.0)
        self.assertIn(self.invoice_1.payment_state, ("paid", "in_payment"))
        self.assertEqual(self.invoice_2.payment_state, "not_paid")
        self.assertEqual(self.reminder_1.state, STATE_CLOSED)
        self.assertNotEqual(self.reminder_2.state, STATE_CLOSED)

    def test_pay_all_invoices(self):
        """Paying all pays every overdue invoice and closes their reminders."""
        transaction = self.pay_online("")
        self.assertEqual(transaction.amount, 350.0)
        for invoice in self.invoice_1 | self.invoice_2:
            self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(
            (self.reminder_1 | self.reminder_2).mapped("state"), [STATE_CLOSED] * 2
        )
