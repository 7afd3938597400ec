# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from lxml import html as lxml_html

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, freeze_time, new_test_user, tagged

from .common import DunningCommon

LETTER = "dunning_levels.action_report_dunning_letter"
CALL_LIST = "dunning_levels.action_report_dunning_call_list"
STATEMENT = "dunning_levels.action_report_dunning_statement"
SUMMARY = "dunning_levels.action_report_dunning_summary"


@tagged("post_install", "-at_install")
class TestDunningReports(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.city = "Lyon"
        cls.customer = cls.create_customer(
            "Atelier Martin",
            street="5 avenue Foch",
            zip="69006",
            city="Lyon",
            phone="+33 4 78 00 00 01",
            mobile="+33 6 00 00 00 01",
            lang="en_US",
        )
        cls.customer_fr = cls.create_customer(
            "Boulangerie Leroy",
            street="12 rue de la République",
            zip="69002",
            city="Lyon",
            lang="fr_FR",
        )

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def render(self, report_ref, records, data=None):
        """Render ``report_ref`` for ``records`` (as their user) as HTML text."""
        content, __ = records.env["ir.actions.report"]._render_qweb_html(
            report_ref, records.ids, data=data
        )
        return content.decode() if isinstance(content, bytes) else str(content)

    def letters(self, content):
        """Return the letters of a rendered batch, in printing order."""
        return lxml_html.fromstring(content).xpath("//div[@name='dunning_letter']")

    def letter_bodies(self, content):
        """Return the text of the letters' level text, in printing order."""
        return [
            letter.xpath(".//div[@id='letter_body']")[0].text_content()
            for letter in self.letters(content)
        ]

    def invoice_copies(self, content):
        """Return the ids of the invoices printed after the letters."""
        return [
            int(article.get("data-oe-id"))
            for article in lxml_html.fromstring(content).xpath(
                "//div[@data-oe-model='account.move']"
            )
        ]

    def send(self, reminders, day):
        """Mark ``reminders`` as sent on ``day``."""
        with freeze_time(day):
            reminders.action_mark_sent()

    def reach_formal_notice(self, invoice):
        """Send levels 1 and 2 of ``invoice``; return its level 3 reminder."""
        for day in ("2026-02-01", "2026-02-15"):
            self.send(self.generate(day).filtered(lambda r: r.move_id == invoice), day)
        reminder = self.generate("2026-03-01").filtered(lambda r: r.move_id == invoice)
        self.assertEqual(reminder.level, 3)
        return reminder

    # ------------------------------------------------------------
    # LETTERS
    # ------------------------------------------------------------

    def test_letter_lists_invoices_text_and_totals(self):
        """A first reminder prints the address, the level's text with the
        customer's name, every invoice and the totals, without invoice copies."""
        self.env["res.partner.bank"].create(
            {
                "partner_id": self.company.partner_id.id,
                "acc_number": "FR76 3000 2005 5000 0015 7845 Z02",
            }
        )
        invoice_1 = self.create_invoice(self.customer, "2026-01-01", 1200.0)
        invoice_2 = self.create_invoice(self.customer, "2026-01-05", 300.0)
        reminders = self.generate("2026-02-01")
        self.assertEqual(reminders.move_id, invoice_1 | invoice_2)
        with freeze_time("2026-02-01"):
            content = self.render(LETTER, reminders)
        self.assertEqual(len(self.letters(content)), 1)
        body = self.letter_bodies(content)[0]
        self.assertIn("Dear Sir or Madam,", body)
        self.assertIn("issued to Atelier Martin, remain unpaid", body)
        for expected in (
            "5 avenue Foch",
            "69006",
            "Payment reminder",
            invoice_1.name,
            invoice_2.name,
            "1,200.00",
            "300.00",
            "1,500.00",
            "Lyon, February 1, 2026",
            "FR76 3000 2005 5000 0015 7845 Z02",
        ):
            self.assertIn(expected, content)
        self.assertNotIn("Formal notice", content)
        self.assertEqual(self.invoice_copies(content), [])

    def test_letter_values_come_from_one_method(self):
        """The letter's values: highest level, lines, totals, days overdue."""
        invoice_1 = self.create_invoice(self.customer, "2026-01-01", 1200.0)
        self.send(self.generate("2026-02-01"), "2026-02-01")
        invoice_2 = self.create_invoice(self.customer, "2026-02-01", 300.0)
        reminders = self.generate("2026-02-20")
        self.assertEqual(
            sorted(reminders.mapped("level")), [1, 2], "invoice 2 at 1, invoice 1 at 2"
        )
        self.register_payment(invoice_1, amount=200.0, payment_date="2026-02-18")
        with freeze_time("2026-02-21"):
            values = self.env[
                "report.dunning_levels.report_dunning_letter"
            ]._get_letter_values(reminders)
        self.assertEqual(values["partner"], self.customer)
        self.assertEqual(values["address_partner"], self.customer)
        self.assertEqual(values["level"], self.levels[1])
        self.assertFalse(values["is_formal_notice"])
        self.assertEqual(values["lang"], "en_US")
        self.assertEqual(values["amount_due"], 1300.0)
        self.assertEqual(values["amount_overdue"], 1300.0)
        self.assertEqual(
            [(line["invoice"], line["days_overdue"]) for line in values["lines"]],
            [(invoice_1, 51), (invoice_2, 20)],
        )
        self.assertEqual(values["lines"][0]["amount_total"], 1200.0)
        self.assertEqual(values["lines"][0]["amount_due"], 1000.0)
        self.assertFalse(values["invoices"])

    def test_formal_notice_in_french_with_invoice_copies(self):
        """Level 3 is a formal notice in the customer's language, followed by
        a copy of each invoice."""
        invoice = self.create_invoice(self.customer_fr, "2026-01-01", 1200.0)
        reminder = self.reach_formal_notice(invoice)
        with freeze_time("2026-03-01"):
            content = self.render(LETTER, reminder)
        letter = self.letters(content)[0].text_content()
        self.assertIn("Mise en demeure de payer", letter)
        self.assertIn("Madame, Monsieur,", letter)
        self.assertIn("dans un délai de 8 jours", letter)
        self.assertIn("Boulangerie Leroy", self.letter_bodies(content)[0])
        self.assertIn("12 rue de la République", content)
        self.assertIn("1 mars 2026", letter)
        self.assertEqual(self.invoice_copies(content), invoice.ids)
        copy = lxml_html.fromstring(content).xpath(
            "//div[@data-oe-model='account.move']"
        )[0]
        self.assertIn(invoice.name, copy.text_content())
        self.assertEqual(copy.get("data-oe-lang"), "fr_FR")

    def test_formal_notice_follows_the_level_deadline(self):
        """Changing the level's payment deadline changes the letter's text."""
        invoice = self.create_invoice(self.customer, "2026-01-01", 1200.0)
        reminder = self.reach_formal_notice(invoice)
        self.levels[2].payment_deadline_days = 15
        with freeze_time("2026-03-01"):
            letter = self.letters(self.render(LETTER, reminder))[0].text_content()
        self.assertIn("within 15 days of receipt", letter)

    def test_invoice_copy_at_lower_level_when_the_level_asks(self):
        """Levels 1 and 2 append the invoices only when set to."""
        invoice = self.create_invoice(self.customer, "2026-01-01", 1200.0)
        reminder = self.generate("2026-02-01")
        self.assertEqual(self.invoice_copies(self.render(LETTER, reminder)), [])
        self.levels[0].attach_invoice = True
        self.assertEqual(
            self.invoice_copies(self.render(LETTER, reminder)), invoice.ids
        )

    def test_letter_printed_from_its_row_has_the_invoice_copy(self):
        """A single letter printed from its row always has the invoice copy."""
        invoice = self.create_invoice(self.customer, "2026-01-01", 1200.0)
        reminder = self.generate("2026-02-01")
        # Still to send: the printer first asks whether it counts as sent.
        question = reminder.action_print_letter()
        wizard = self.env[question["res_model"]].browse(question["res_id"])
        wizard.mark_sent = False
        action = wizard.action_print()
        self.assertTrue(action["data"]["attach_invoices"])
        content = self.render(LETTER, reminder, data=action["data"])
        self.assertEqual(self.invoice_copies(content), invoice.ids)

    def test_one_letter_per_customer_or_per_invoice(self):
        """Grouping by customer prints one letter per customer, by invoice
        one letter per invoice; the default groups by customer."""
        self.create_invoice(self.customer, "2026-01-01", 100.0)
        self.create_invoice(self.customer, "2026-01-02", 200.0)
        self.create_invoice(self.customer_fr, "2026-01-03", 300.0)
        reminders = self.generate("2026-02-01")
        self.assertEqual(len(reminders), 3)
        for data, count in (
            (None, 2),
            ({"grouping": "customer", "sort_key": "partner"}, 2),
            ({"grouping": "invoice", "sort_key": "partner"}, 3),
        ):
            content = self.render(LETTER, reminders, data=data)
            self.assertEqual(len(self.letters(content)), count, data)

    def test_letters_follow_the_sort_key(self):
        """Letters come by customer name, salesperson or customer category."""
        zoe = new_test_user(self.env, login="zoe", name="Zoé Vendeuse")
        adam = new_test_user(self.env, login="adam", name="Adam Vendeur")
        shops = self.env["res.partner.category"].create({"name": "B Shops"})
        schools = self.env["res.partner.category"].create({"name": "A Schools"})
        customers = {
            "Alpha": (zoe, shops),
            "Bravo": (adam, schools),
            "Charlie": (adam, shops),
        }
        for name, (user, category) in customers.items():
            partner = self.create_customer(name, category_id=[(6, 0, category.ids)])
            invoice = self.create_invoice(partner, "2026-01-01", 100.0, post=False)
            invoice.invoice_user_id = user
            invoice.action_post()
        reminders = self.generate("2026-02-01")

        def order(sort_key):
            content = self.render(LETTER, reminders, data={"sort_key": sort_key})
            return [
                next(name for name in customers if name in body)
                for body in self.letter_bodies(content)
            ]

        self.assertEqual(order("partner"), ["Alpha", "Bravo", "Charlie"])
        self.assertEqual(order("salesperson"), ["Bravo", "Charlie", "Alpha"])
        self.assertEqual(order("category"), ["Bravo", "Alpha", "Charlie"])

    def test_letter_printed_by_a_billing_user(self):
        """Billing users print letters; printing sends nothing."""
        self.create_invoice(self.customer, "2026-01-01", 100.0)
        reminder = self.generate("2026-02-01")
        content = self.render(LETTER, reminder.with_user(self.billing_user))
        self.assertEqual(len(self.letters(content)), 1)
        self.assertEqual(reminder.state, "draft")

    # ------------------------------------------------------------
    # CALL LIST
    # ------------------------------------------------------------

    def test_call_list_shows_phones_and_invoices_and_changes_nothing(self):
        """The call list prints phones, contacts and invoices per customer,
        and leaves levels, reminders and history as they were."""
        accountant = self.env["res.partner"].create(
            {
                "name": "Sophie Leroy",
                "parent_id": self.customer_fr.id,
                "type": "invoice",
                "phone": "+33 4 72 11 22 33",
            }
        )
        invoice_1 = self.create_invoice(self.customer, "2026-01-01", 1200.0)
        invoice_2 = self.create_invoice(self.customer, "2026-01-05", 300.0)
        invoice_3 = self.create_invoice(accountant, "2026-01-03", 450.0)
        reminders = self.generate("2026-02-01")
        history_count = len(reminders.history_ids)
        with freeze_time("2026-02-01"):
            content = self.render(CALL_LIST, reminders)
        for expected in (
            "Atelier Martin",
            "+33 4 78 00 00 01",
            "+33 6 00 00 00 01",
            "Boulangerie Leroy",
            "Sophie Leroy",
            "+33 4 72 11 22 33",
            invoice_1.name,
            invoice_2.name,
            invoice_3.name,
            "1,500.00",
            "450.00",
        ):
            self.assertIn(expected, content)
        customers = lxml_html.fromstring(content).xpath("//div[@name='call_customer']")
        self.assertEqual(len(customers), 2)
        self.assertIn("Atelier Martin", customers[0].text_content())
        self.assertIn("31", customers[0].text_content(), "days overdue")
        self.assertEqual(set(reminders.mapped("state")), {"draft"})
        self.assertEqual(set(reminders.move_id.mapped("dunning_level")), {0})
        self.assertEqual(len(reminders.history_ids), history_count)

    # ------------------------------------------------------------
    # STATEMENT
    # ------------------------------------------------------------

    def test_statement_lists_open_items_and_totals(self):
        """The statement lists open invoices, credit notes and unmatched
        payments of the customer, with the totals due and overdue."""
        invoice_1 = self.create_invoice(self.customer, "2026-01-01", 1200.0)
        invoice_2 = self.create_invoice(self.customer, "2026-03-10", 300.0)
        paid = self.create_invoice(self.customer, "2026-01-02", 80.0)
        self.register_payment(paid)
        self.register_payment(invoice_1, amount=100.0, payment_date="2026-02-01")
        refund = self.create_invoice(
            self.customer, "2026-02-01", 200.0, move_type="out_refund"
        )
        payment = self.env["account.payment"].create(
            {
                "partner_id": self.customer.id,
                "partner_type": "customer",
                "payment_type": "inbound",
                "amount": 50.0,
                "date": "2026-02-10",
                "journal_id": self.company_data["default_journal_bank"].id,
            }
        )
        payment.action_post()
        other = self.create_invoice(self.customer_fr, "2026-01-01", 999.0)
        with freeze_time("2026-03-01"):
            values = self.env[
                "report.dunning_levels.report_dunning_statement"
            ]._get_statement_values(self.customer)
            content = self.render(STATEMENT, self.customer)
        self.assertEqual(
            [line["move"] for line in values["lines"]],
            [invoice_1, refund, payment.move_id, invoice_2],
        )
        self.assertEqual(
            [line["amount_residual"] for line in values["lines"]],
            [1100.0, -200.0, -50.0, 300.0],
        )
        self.assertEqual(values["lines"][0]["days_overdue"], 59)
        self.assertEqual(values["lines"][3]["days_overdue"], 0)
        self.assertEqual(len(values["totals"]), 1)
        self.assertEqual(values["totals"][0]["amount_due"], 1150.0)
        self.assertEqual(values["totals"][0]["amount_overdue"], 1100.0)
        for expected in (
            "Customer Statement",
            "5 avenue Foch",
            invoice_1.name,
            invoice_2.name,
            refund.name,
            "Credit note",
            "Payment",
            "1,100.00",
            "1,150.00",
        ):
            self.assertIn(expected, content)
        self.assertNotIn(paid.name, content)
        self.assertNotIn(other.name, content)

    def test_statement_in_partner_print_menu(self):
        """The statement is printed from the customer form, for contacts too."""
        action = self.env.ref(STATEMENT)
        self.assertEqual(action.binding_model_id.model, "res.partner")
        contact = self.env["res.partner"].create(
            {"name": "Paul Martin", "parent_id": self.customer.id}
        )
        invoice = self.create_invoice(self.customer, "2026-01-01", 1200.0)
        content = self.render(STATEMENT, contact)
        self.assertIn(invoice.name, content)
        self.assertIn("Atelier Martin", content)

    # ------------------------------------------------------------
    # SUMMARY
    # ------------------------------------------------------------

    def test_summary_of_reminders_sent_over_a_period(self):
        """The summary counts invoices, customers and amounts per level for
        the reminders sent in the period only."""
        self.create_invoice(self.customer, "2026-01-01", 1200.0)
        self.create_invoice(self.customer, "2026-01-05", 300.0)
        self.create_invoice(self.customer_fr, "2026-01-03", 450.0)
        self.create_invoice(self.customer_fr, "2026-01-20", 50.0)
        first = self.generate("2026-02-01")
        self.assertEqual(len(first), 3)
        self.send(first, "2026-02-02 10:00:00")
        second = self.generate("2026-02-16")
        self.assertEqual(sorted(second.mapped("level")), [1, 2, 2, 2])
        self.send(second, "2026-03-02 10:00:00")
        with freeze_time("2026-03-15"):
            form = Form(self.env["dunning.summary.wizard"])
            self.assertEqual(form.date_from, fields.Date.to_date("2026-03-01"))
            self.assertEqual(form.date_to, fields.Date.to_date("2026-03-31"))
            form.date_from = "2026-02-01"
            form.date_to = "2026-02-28"
            wizard = form.save()
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "dunning_levels.report_dunning_summary")
        values = self.env[
            "report.dunning_levels.report_dunning_summary"
        ]._get_summary_values(wizard.date_from, wizard.date_to, self.company)
        self.assertEqual(
            [
                (line["level"], line["invoice_count"], line["customer_count"])
                for line in values["levels"]
            ],
            [(1, 3, 2)],
        )
        self.assertEqual(values["levels"][0]["amount"], 1950.0)
        self.assertEqual(
            [
                (customer["partner"], customer["invoice_count"], customer["amount"])
                for customer in values["customers"]
            ],
            [(self.customer, 2, 1500.0), (self.customer_fr, 1, 450.0)],
        )
        content = self.render(SUMMARY, wizard)
        self.assertIn("1,950.00", content)
        self.assertIn("Atelier Martin", content)

        wizard.date_to = "2026-03-31"
        values = self.env[
            "report.dunning_levels.report_dunning_summary"
        ]._get_summary_values(wizard.date_from, wizard.date_to, self.company)
        self.assertEqual(
            [
                (line["level"], line["invoice_count"], line["customer_count"])
                for line in values["levels"]
            ],
            [(1, 4, 2), (2, 3, 2)],
        )
        self.assertEqual(
            [line["amount"] for line in values["levels"]], [2000.0, 1950.0]
        )
        self.assertEqual(values["total"]["invoice_count"], 4)
        self.assertEqual(values["total"]["customer_count"], 2)
        self.assertEqual(values["total"]["amount"], 2000.0, "each invoice once")
        self.assertEqual(
            [
                (customer["invoice_count"], customer["levels"], customer["amount"])
                for customer in values["customers"]
            ],
            [(2, [1, 2], 1500.0), (2, [1, 2], 500.0)],
        )
        content = self.render(SUMMARY, wizard)
        tree = lxml_html.fromstring(content)
        self.assertEqual(len(tree.xpath("//tr[@data-level]")), 2)

    def test_summary_period_must_be_ordered(self):
        """A period ending before it starts is refused."""
        with self.assertRaises(ValidationError):
            self.env["dunning.summary.wizard"].create(
                {"date_from": "2026-03-01", "date_to": "2026-02-01"}
            )
