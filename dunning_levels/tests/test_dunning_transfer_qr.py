# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DunningCommon
from .pdf_layout import read_pdf_images, read_pdf_pages

IBAN = "FR76 3000 6000 0112 3456 7890 189"
BIC = "AGRIFRPP"
STATEMENT = "dunning_levels.action_report_dunning_statement"


@tagged("post_install", "-at_install")
class TestDunningTransferQr(DunningCommon):
    """Letters and statements print the company's bank account, the
    reference to quote and a QR code: the SEPA credit transfer one for a
    payment in euros to a SEPA account, else one of the reminder page. The
    PDFs are printed by the real wkhtmltopdf."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo renders reports as HTML in tests unless told otherwise.
        cls.env = cls.env(context=dict(cls.env.context, force_report_rendering=True))
        cls.company.partner_id.name = "Menuiserie Durand SARL"
        cls.bank_account = cls.env["res.partner.bank"].create(
            {
                "partner_id": cls.company.partner_id.id,
                "acc_number": IBAN,
                "acc_holder_name": "Menuiserie Durand",
                "bank_id": cls.env["res.bank"]
                .create({"name": "Crédit Agricole", "bic": BIC})
                .id,
            }
        )
        cls.company_data["default_journal_bank"].bank_account_id = cls.bank_account
        cls.eur = cls.setup_other_currency("EUR")
        cls.customer = cls.create_customer(
            "Boulangerie Leroy",
            street="12 rue des Lilas",
            zip="69003",
            city="Lyon",
            country_id=cls.env.ref("base.fr").id,
        )

    def create_reminder(self, currency=None, amount=480.0):
        """Post an invoice overdue enough for level 1, in ``currency``, and
        return its reminder."""
        due_date = fields.Date.subtract(
            fields.Date.context_today(self.env.user), days=16
        )
        invoice = self.create_invoice(self.customer, due_date, amount, post=False)
        if currency:
            invoice.currency_id = currency
        invoice.action_post()
        return self.remind_to_level(invoice, 1)

    def print_letter(self, reminder, user=None):
        # The patched-Qt wkhtmltopdf reports its missing OpenSSL 1.0 on
        # stderr, which Odoo logs as a warning, though it prints fine.
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            wizard = self.send_with_wizard(
                reminder, user=user, use_email=False, use_letter=True
            )
        return wizard.letter_attachment_id.raw

    def assertQrCode(self, pdf):
        """The first page draws one square image, the QR code."""
        squares = [
            image
            for image in read_pdf_images(pdf)
            if image.page == 1 and image.width == image.height
        ]
        self.assertEqual(len(squares), 1, "the first page draws the QR code")

    def test_letter_in_euros_prints_the_sepa_qr_code(self):
        """A letter in euros prints the IBAN, BIC, holder, the reference and
        the SEPA QR code with the amount due."""
        reminder = self.create_reminder(self.eur)
        transfer = self.env[
            "report.dunning_levels.report_dunning_letter"
        ]._get_letter_values(reminder)["transfer"]
        self.assertTrue(transfer["qr_is_sepa"])
        self.assertEqual(transfer["bank_account"], self.bank_account)
        self.assertEqual(transfer["reference"], reminder.move_id.payment_reference)
        pdf = self.print_letter(reminder)
        text = read_pdf_pages(pdf)[0].text
        for printed in (
            IBAN,
            f"BIC: {BIC}",
            "Menuiserie Durand",
            f"Reference: {reminder.move_id.payment_reference}",
            "Scan to pay",
        ):
            self.assertIn(printed, text)
        self.assertQrCode(pdf)

    def test_letter_without_sepa_payment_prints_the_page_qr_code(self):
        """A letter in a currency a SEPA transfer cannot carry prints the
        bank account and a QR code of the customer's reminder page."""
        reminder = self.create_reminder()
        transfer = self.env[
            "report.dunning_levels.report_dunning_letter"
        ]._get_letter_values(reminder)["transfer"]
        self.assertFalse(transfer["qr_is_sepa"])
        pdf = self.print_letter(reminder)
        text = read_pdf_pages(pdf)[0].text
        self.assertIn(IBAN, text)
        self.assertIn("Scan to open your page", text)
        # pdftotext may cut the link at a dash of its token: compare it
        # without the spaces between words.
        self.assertIn(transfer["url"], text.replace(" ", ""))
        self.assertQrCode(pdf)

    def test_statement_prints_the_bank_account_beside_the_totals(self):
        """The statement prints the bank account and the SEPA QR code on
        the lines of its totals."""
        self.create_reminder(self.eur)
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, __ = self.env["ir.actions.report"]._render_qweb_pdf(
                STATEMENT, self.customer.ids
            )
        page = read_pdf_pages(pdf)[0]
        self.assertIn(IBAN, page.text)
        self.assertIn("Scan to pay", page.text)
        [iban] = [word for word in page.words if word.text == "IBAN:"]
        totals = [word for word in page.words if word.text == "Total"]
        self.assertTrue(totals)
        self.assertLess(
            min(abs(iban.y_min - total.y_min) for total in totals),
            40,
            "the IBAN is printed beside the totals",
        )
        self.assertQrCode(pdf)

    def test_billing_user_prints_the_bank_details(self):
        """A billing user, who has no access to the reminder page links,
        prints the letter with the bank details and the page's link."""
        reminder = self.create_reminder(self.eur)
        text = read_pdf_pages(self.print_letter(reminder, user=self.billing_user))[
            0
        ].text
        self.assertIn(IBAN, text)
        self.assertIn("/r/", text)
