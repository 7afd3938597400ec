# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import html

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tools import format_date, formatLang

from .common import DunningCommon

# Every merge field of the letters and emails, each after its own label.
MERGE_FIELDS = {
    "Customer": "object.name",
    "Reference": "object.ref",
    "Invoices": "object.dunning_invoice_names",
    "Amounts": "object.dunning_invoice_amounts",
    "Total": "object.dunning_amount_due_text",
    "Oldest": "object.dunning_date_due_text",
    "Days": "object.dunning_days_overdue",
    "Deadline": "object.dunning_payment_deadline_text",
    "Deadline days": "ctx.get('dunning_payment_deadline_days')",
    "Salesperson": "object.dunning_salesperson_id.name",
}
TEXT = "".join(
    f'<p>{label} [<t t-out="{expression}"/>]</p>'
    for label, expression in MERGE_FIELDS.items()
)


@tagged("post_install", "-at_install")
class TestDunningMergeFields(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env,
            login="dunning_salesperson",
            name="Marc Vendeur",
            groups="sales_team.group_sale_salesman",
            company_id=cls.company.id,
        )
        cls.customer = cls.create_customer(
            "Boulangerie Leroy",
            lang="fr_FR",
            ref="CL-0042",
            street="27 cours Émile Zola",
            zip="69100",
            city="Villeurbanne",
        )
        cls.level = cls.levels[0].with_context(lang="fr_FR")
        cls.level.write(
            {"payment_deadline_days": 10, "letter_body": TEXT, "letter_closing": TEXT}
        )
        cls.level.mail_template_id.with_context(lang="fr_FR").body_html = TEXT

    def test_merge_fields_of_the_reminded_invoice_only(self):
        """The letter and the email about one of the customer's two overdue
        invoices render every merge field about that invoice only, dates and
        amounts written in the customer's language."""
        reminded = self.create_overdue_invoice(self.customer, 20, 480.0)
        reminded.invoice_user_id = self.salesperson
        other = self.create_overdue_invoice(self.customer, 40, 96.5)
        reminders = self.generate()
        reminder = reminders.filtered(lambda r: r.move_id == reminded)
        self.assertEqual(reminders.move_id, reminded | other)

        wizard = self.send_with_wizard(reminder, use_email=True, use_letter=True)

        french = self.env(context={"lang": "fr_FR"})
        today = fields.Date.context_today(self.customer)
        amount = formatLang(french, 480.0, currency_obj=reminded.currency_id)
        expected = {
            "Customer": "Boulangerie Leroy",
            "Reference": "CL-0042",
            "Invoices": reminded.name,
            "Amounts": f"{reminded.name} ({amount})",
            "Total": amount,
            "Oldest": format_date(french, fields.Date.subtract(today, days=20)),
            "Days": "20",
            "Deadline": format_date(french, fields.Date.add(today, days=10)),
            "Deadline days": "10",
            "Salesperson": "Marc Vendeur",
        }
        letter = wizard.letter_attachment_id.raw.decode()
        email = html.unescape(str(reminder.mail_message_id.body))
        for document, content in (("letter", letter), ("email", email)):
            for label, value in expected.items():
                with self.subTest(document=document, field=label):
                    self.assertIn(f"{label} [{value}]", content)
            self.assertNotIn(other.name, content)
        # The letter prints the text twice: its body and its closing.
        self.assertEqual(letter.count(f"Invoices [{reminded.name}]"), 2)

    def test_merge_fields_without_communication(self):
        """Outside a reminder, the fields are about all the customer's
        overdue invoices, and no deadline is given."""
        first = self.create_overdue_invoice(self.customer, 20, 480.0)
        second = self.create_overdue_invoice(self.customer, 40, 96.5)
        customer = self.customer.with_context(lang="en_US")
        self.assertEqual(
            set(customer.dunning_invoice_names.split(", ")), {first.name, second.name}
        )
        self.assertEqual(customer.dunning_days_overdue, 40)
        self.assertEqual(
            customer.dunning_amount_due_text,
            formatLang(customer.env, 576.5, currency_obj=first.currency_id),
        )
        self.assertFalse(customer.dunning_payment_deadline_text)
