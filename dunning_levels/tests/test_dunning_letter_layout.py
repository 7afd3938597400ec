# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import HttpCase, tagged
from odoo.tools import formatLang, mute_logger

from .common import DunningCommon
from .pdf_layout import find_layout_problems, read_pdf_pages


class DunningLetterLayoutCommon(DunningCommon, HttpCase):
    """Letters printed through the sending wizard by the real wkhtmltopdf,
    their PDF read back word by word.

    An HTTP case: wkhtmltopdf fetches the report's styles from the server,
    without which the PDF would not be laid out as in production.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo renders reports as HTML in tests unless told otherwise.
        cls.env = cls.env(context=dict(cls.env.context, force_report_rendering=True))
        cls.company.partner_id.write(
            {
                "name": "Menuiserie Durand SARL",
                "street": "14 rue de la Charpente",
                "zip": "69007",
                "city": "Lyon",
                "country_id": cls.env.ref("base.fr").id,
                "phone": "+33 4 78 00 00 00",
                "email": "compta@menuiserie-durand.example",
                "website": "https://menuiserie-durand.example",
            }
        )
        cls.env["res.partner.bank"].create(
            {
                "partner_id": cls.company.partner_id.id,
                "acc_number": "FR76 3000 6000 0112 3456 7890 189",
            }
        )
        cls.paperformat = cls.env.ref(
            "dunning_levels.action_report_dunning_letter"
        ).paperformat_id

    @classmethod
    def create_letter_customer(cls, name, lang="en_US"):
        return cls.create_customer(
            name,
            street="27 cours Émile Zola",
            zip="69100",
            city="Villeurbanne",
            country_id=cls.env.ref("base.fr").id,
            lang=lang,
        )

    def print_letter(self, customer, level, amounts):
        """Bring one invoice of ``customer`` per amount to ``level`` and print
        their letter with the sending wizard.

        :return: (the PDF's pages, the reminders)
        """
        reminders = self.env["dunning.reminder"].union(
            *(
                self.create_invoice_at_level(customer, level, amount)
                for amount in amounts
            )
        )
        self.assertEqual(set(reminders.mapped("level")), {level})
        return self.print_letter_of(reminders), reminders

    def print_letter_of(self, reminders):
        """Print the letter of ``reminders`` with the sending wizard.

        :return: the PDF's pages (see :func:`.pdf_layout.read_pdf_pages`)
        """
        # Odoo logs whatever wkhtmltopdf writes on stderr as a warning, and
        # the patched-Qt build of these machines reports its missing OpenSSL
        # 1.0 there, though it prints fine: the PDF itself is what is tested.
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            wizard = self.send_with_wizard(reminders, use_email=False, use_letter=True)
        pdf = wizard.letter_attachment_id.raw
        self.assertTrue(pdf.startswith(b"%PDF"), "the letter is a real PDF")
        return read_pdf_pages(pdf)

    def format_amount(self, amount, invoice):
        """Return ``amount`` as the invoice's letter prints it, without
        spaces (see :func:`.pdf_layout.page_lines`)."""
        env = self.env(context={"lang": invoice.partner_id.lang})
        return "".join(
            formatLang(env, amount, currency_obj=invoice.currency_id).split()
        )

    def assertLayoutClean(self, pages):
        """No page has text over its header or footer, nor text over text."""
        for number, page in enumerate(pages, start=1):
            problems = find_layout_problems(
                page, self.paperformat.margin_top, self.paperformat.margin_bottom
            )
            self.assertFalse(problems, f"page {number}: " + "\n".join(problems))

    def assertLetterOnOnePage(self, pages, invoice_count, invoice_copies):
        """The letter holds on its first page, the invoice copies (one page
        each) follow."""
        self.assertEqual(len(pages), 1 + (invoice_count if invoice_copies else 0))

    def assertBefore(self, text, first, then):
        """``first`` is printed before ``then`` in ``text``."""
        self.assertIn(first, text)
        self.assertIn(then, text)
        self.assertLess(text.index(first), text.index(then))


@tagged("post_install", "-at_install")
class TestDunningLetterLayout(DunningLetterLayoutCommon):
    def test_letters_of_each_level_fit_one_page(self):
        """The letter of each level, about two or three invoices, prints on
        one page, nothing over the header or footer; the formal notice is
        followed by the invoice copies."""
        for level, amounts in ((1, [480.0, 96.5]), (2, [1250.0, 310.0, 72.0])):
            with self.subTest(level=level):
                customer = self.create_letter_customer(f"Customer at level {level}")
                pages, __ = self.print_letter(customer, level, amounts)
                self.assertLayoutClean(pages)
                self.assertLetterOnOnePage(pages, len(amounts), invoice_copies=False)
        customer = self.create_letter_customer("Customer at level 3")
        pages, __ = self.print_letter(customer, 3, [2300.0, 815.4, 64.0])
        self.assertLayoutClean(pages)
        self.assertLetterOnOnePage(pages, 3, invoice_copies=True)
        self.assertIn("Enclosed: a copy of each invoice.", pages[0].text)

    def test_closing_and_signature_after_invoices(self):
        """The closing formula and the signature come after the table of
        invoices and the payment instructions."""
        customer = self.create_letter_customer("Boulangerie Leroy")
        pages, reminders = self.print_letter(customer, 1, [480.0, 96.5])
        text = pages[0].text
        self.assertBefore(text, "Dear Sir or Madam,", reminders.move_id[-1].name)
        self.assertBefore(text, reminders.move_id[-1].name, "Total Due")
        # The payment instructions are printed beside the totals.
        self.assertBefore(
            text, reminders.move_id[-1].name, "Please pay by bank transfer"
        )
        self.assertBefore(text, "Please pay by bank transfer", "Yours faithfully,")
        self.assertBefore(text, "Total Due", "Yours faithfully,")
        # Signed with the company's name, which the header also prints.
        self.assertGreater(
            text.rindex("Menuiserie Durand SARL"), text.index("Yours faithfully,")
        )
