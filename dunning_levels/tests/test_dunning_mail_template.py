# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningMailTemplate(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Boulangerie Leroy",
                "email": "compta@leroy.example",
                "lang": "en_US",
            }
        )
        cls.old_invoice = cls.create_overdue_invoice(cls.customer, 40, amount=180.0)
        cls.recent_invoice = cls.create_overdue_invoice(cls.customer, 20, amount=90.0)
        cls.not_due_invoice = cls.create_overdue_invoice(cls.customer, 0, amount=500.0)

    def _render(self, level, partner):
        template = level.mail_template_id
        values = template._generate_template(partner.ids, ["subject", "body_html"])
        return values[partner.id]

    def test_overdue_figures(self):
        """The customer's overdue invoices exclude what is not yet due."""
        self.assertEqual(
            self.customer.dunning_overdue_move_ids,
            self.old_invoice | self.recent_invoice,
        )
        self.assertAlmostEqual(self.customer.dunning_overdue_amount, 270.0)

    def test_overdue_figures_are_per_company(self):
        """Another company's invoices do not count for the current one."""
        other_company = self.setup_other_company()["company"]
        self.create_overdue_invoice(
            self.customer, 60, amount=1000.0, company=other_company
        )
        self.assertAlmostEqual(self.customer.dunning_overdue_amount, 270.0)
        in_other = self.customer.with_company(other_company)
        self.assertAlmostEqual(in_other.dunning_overdue_amount, 1000.0)

    def test_overdue_figures_of_a_reminder(self):
        """About the invoices of one reminder, the figures count those of
        them still overdue and to remind: without a query once the sending
        has read the invoices' overdue figures."""
        not_to_remind = self.create_overdue_invoice(self.customer, 50, amount=40.0)
        not_to_remind.dunning_to_remind = False
        paid = self.create_overdue_invoice(self.customer, 45, amount=70.0)
        self.register_payment(paid)
        moves = self.old_invoice | self.not_due_invoice | not_to_remind | paid
        self.env.invalidate_all()
        # What a sending reads ahead for all its reminders.
        moves.mapped("dunning_days_overdue")
        moves.fetch(["name", "state", "move_type", "commercial_partner_id"])
        self.customer.fetch(["commercial_partner_id"])
        customer = self.customer.with_context(dunning_move_ids=tuple(moves.ids))
        with self.assertQueryCount(0):
            self.assertEqual(customer.dunning_overdue_move_ids, self.old_invoice)
            self.assertAlmostEqual(customer.dunning_overdue_amount, 180.0)
        # The same figures as read from the invoices' lines.
        self.env.invalidate_all()
        expected = self.env["res.partner"]._dunning_read_overdue_by_customer(
            self.company, [("move_id", "in", moves.ids)]
        )
        self.assertEqual(
            {partner: (moves, amount) for partner, (moves, amount) in expected.items()},
            {self.customer: (self.old_invoice, 180.0)},
        )

    def test_level_email_lists_overdue_invoices(self):
        """Each level's email lists the overdue invoices and their total."""
        for level in self.levels:
            values = self._render(level, self.customer)
            body = values["body_html"]
            self.assertIn(self.old_invoice.name, body)
            self.assertIn(self.recent_invoice.name, body)
            self.assertNotIn(self.not_due_invoice.name, body)
            self.assertIn("Total overdue", body)
            self.assertIn("270.00", body)
            self.assertIn(self.company.name, values["subject"])
        self.assertIn(
            "formally demand", self._render(self.levels[2], self.customer)["body_html"]
        )

    def test_level_email_in_customer_language(self):
        """A French customer receives the email in French."""
        self.customer.lang = "fr_FR"
        values = self._render(self.levels[0], self.customer)
        self.assertIn("Madame, Monsieur,", values["body_html"])
        self.assertIn("Total en retard", values["body_html"])
        self.assertIn("Relance de paiement", values["subject"])

    def test_letter_body_merge_fields(self):
        """The letter text renders its merge fields in the customer's language."""
        level = self.levels[0]
        french_customer = self.customer.copy({"name": "Garage Dubois", "lang": "fr_FR"})
        customers = self.customer | french_customer
        rendered = level._render_field("letter_body", customers.ids, compute_lang=True)
        self.assertIn(
            "issued to Boulangerie Leroy, remain unpaid", rendered[self.customer.id]
        )
        self.assertIn("Madame, Monsieur,", rendered[french_customer.id])
        self.assertIn("Garage Dubois", rendered[french_customer.id])
        self.assertNotIn("<t ", rendered[french_customer.id])

    def test_formal_notice_states_the_level_deadline(self):
        """The formal notice email gives the level's payment deadline, in the
        customer's language."""
        self.levels[2].payment_deadline_days = 10
        reminder = self.old_invoice._dunning_create_reminders(level=3)
        body = str(reminder._prepare_email_values()["body"])
        self.assertIn("within 10 days of receipt", body)
        self.customer.lang = "fr_FR"
        body = str(reminder._prepare_email_values()["body"])
        self.assertIn("dans un délai de 10 jours", body)
