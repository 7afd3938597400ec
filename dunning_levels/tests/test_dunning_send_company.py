# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""A user allowed in companies A and B, working in A, sends B's reminders:
every communication speaks in B's name, with B's sender address, bank account,
invoices and total."""

from odoo.tests import freeze_time, new_test_user, tagged

from .common import DunningCommon

IBAN_A = "FR76 3000 6000 0111 1111 1111 111"
IBAN_B = "FR76 1020 7000 0122 2222 2222 222"


@tagged("post_install", "-at_install")
class TestDunningSendCompany(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {"name": "Menuiserie Durand", "email": "compta@durand.example"}
        )
        cls.company_b = cls.setup_other_company(
            name="Atelier Martin", email="contact@martin.example"
        )["company"]
        for company, iban in ((cls.company, IBAN_A), (cls.company_b, IBAN_B)):
            cls.env["res.partner.bank"].create(
                {"acc_number": iban, "partner_id": company.partner_id.id}
            )
        # A text of B's own, reading the company and the total.
        cls.get_levels(cls.company_b)[0].letter_body = (
            "<p>Dear customer of <t t-out='object.dunning_company_id.name'/>, "
            "you owe us <t t-out='object.dunning_overdue_amount'/> "
            "<t t-out='object.dunning_currency_id.name'/>.</p>"
        )
        cls.customer = cls.create_customer(
            "Boulangerie Leroy",
            email="compta@leroy.example",
            street="3 rue du Four",
            zip="69002",
            city="Lyon",
            lang="en_US",
        )
        cls.invoice_a = cls.create_invoice(cls.customer, "2026-01-01", 900.0)
        cls.invoice_b = cls.create_invoice(
            cls.customer, "2026-01-01", 1234.0, company=cls.company_b
        )
        # A template editor: the level's texts may use any merge field.
        cls.user = new_test_user(
            cls.env,
            login="dunning_billing_a_b",
            groups="account.group_account_invoice,mail.group_mail_template_editor",
            company_id=cls.company.id,
            company_ids=[cls.company.id, cls.company_b.id],
        )

    def setUp(self):
        super().setUp()
        with freeze_time("2026-02-01"):
            self.reminder_b = self.generate("2026-02-01", company=self.company_b)
        self.assertEqual(self.reminder_b.move_id, self.invoice_b)
        # Working in A, B ticked in the company switcher.
        self.user_env = self.env(
            user=self.user,
            context=dict(
                self.env.context,
                allowed_company_ids=[self.company.id, self.company_b.id],
            ),
        )

    def _send(self, **values):
        wizard = self.open_send_wizard(
            self.reminder_b.with_env(self.user_env), **values
        )
        with freeze_time("2026-02-02"):
            wizard.action_send()
        self.assertEqual(self.reminder_b.state, "sent", wizard.summary_html)
        return wizard

    def assertInCompanyB(self, content):
        """``content`` is B's, about B's invoice: name, bank account, line,
        total; nothing of A (whose invoice has the same number in its own
        sequence, but another amount)."""
        self.assertIn("Atelier Martin", content)
        self.assertIn(IBAN_B, content)
        self.assertIn(self.invoice_b.name, content)
        self.assertIn("1,234.00", content)
        self.assertNotIn("Menuiserie Durand", content)
        self.assertNotIn(IBAN_A, content)
        self.assertNotIn("900.00", content)

    def test_email_in_the_reminder_company_name(self):
        """The email: B's name in the subject, B's sender address, bank
        account, invoice table and total."""
        self._send(use_email=True)
        message = self.reminder_b.mail_message_id
        self.assertIn("contact@martin.example", message.email_from)
        self.assertInCompanyB(f"{message.subject}\n{message.body}")
        self.assertEqual(message.res_id, self.invoice_b.id)

    def test_statement_in_the_reminder_company_name(self):
        """The statement attached to the email is B's statement."""
        self._send(use_email=True, attach_statement=True)
        statement = self.reminder_b.mail_message_id.attachment_ids
        self.assertEqual(statement.name, "Statement Boulangerie Leroy.pdf")
        # Reports come out as HTML in tests.
        self.assertInCompanyB(statement.raw.decode())

    def test_letter_in_the_reminder_company_name(self):
        """The printed letter: B's letterhead, text, bank account, invoices
        and total."""
        wizard = self._send(use_email=False, use_letter=True)
        letter = wizard.letter_attachment_id.raw.decode()
        self.assertInCompanyB(letter)
        self.assertIn("Dear customer of Atelier Martin, you owe us 1234.0 USD", letter)
