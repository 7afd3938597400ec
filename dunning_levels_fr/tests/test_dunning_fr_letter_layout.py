# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields
from odoo.tests import tagged

from odoo.addons.dunning_levels.tests.pdf_layout import page_lines
from odoo.addons.dunning_levels.tests.test_dunning_letter_layout import (
    DunningLetterLayoutCommon,
)


@tagged("post_install", "-at_install")
class TestDunningFrLetterLayout(DunningLetterLayoutCommon):
    """The French letters, penalties and legal mentions included, printed by
    the real wkhtmltopdf for a customer who reads French."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.thirds = cls.create_installment_term(0, 30, 60, name="Thirds")

    def create_installment_invoice_at_level(self, customer, level, amount):
        """Post an invoice paid in thirds, its three installments overdue,
        and bring it to its reminder at ``level``."""
        today = fields.Date.context_today(self.env.user)
        invoice = self.create_invoice(
            customer, fields.Date.subtract(today, days=90), amount, self.thirds
        )
        return self.remind_to_level(invoice, level)

    def test_french_letters_fit_one_page(self):
        """In French, with the penalties and the indemnity in the table of
        invoices, the letter of each level holds on one page, nothing over
        the header or footer, the closing formula and the signature after the
        table and the payment instructions, the enclosures last."""
        for level, amounts in (
            (1, [480.0, 96.5]),
            (2, [1250.0, 310.0, 72.0]),
            (3, [2300.0, 815.4, 64.0]),
        ):
            with self.subTest(level=level):
                customer = self.create_letter_customer(
                    f"Client relancé au niveau {level}", lang="fr_FR"
                )
                pages, __ = self.print_letter(customer, level, amounts)
                self.assertLayoutClean(pages)
                self.assertLetterOnOnePage(pages, len(amounts), level == 3)
                text = pages[0].text
                self.assertBefore(text, "Madame, Monsieur,", "Total dû")
                # The payment instructions are printed beside the totals.
                self.assertBefore(
                    text, "Madame, Monsieur,", "Merci de régler par virement"
                )
                self.assertBefore(text, "Total dû", "Veuillez agréer")
                self.assertBefore(
                    text, "Merci de régler par virement", "Veuillez agréer"
                )
                self.assertGreater(
                    text.rindex("Menuiserie Durand SARL"), text.index("Veuillez agréer")
                )
                if level == 3:
                    self.assertBefore(text, "Menuiserie Durand SARL", "Pièces jointes")
                    self.assertIn("mise en demeure", text)
                if level > 1:
                    self.assertIn("L441-10", text)

    def test_installment_penalties_match_installment_lines(self):
        """An invoice paid in thirds prints one line per overdue installment
        under its own line, each with its penalty: same due dates and
        amounts as the penalties' installments, which add up to the
        invoice's penalty."""
        customer = self.create_letter_customer("Atelier Bois Massif", lang="fr_FR")
        reminder = self.create_installment_invoice_at_level(customer, 2, 3000.0)
        invoice = reminder.move_id
        report = self.env["report.dunning_levels.report_dunning_letter"]
        values = report._get_letter_values(reminder)
        [line] = values["lines"]
        self.assertEqual(
            [
                (i["sequence"], i["count"], i["amount_residual"])
                for i in line["installments"]
            ],
            [(1, 3, 999.9), (2, 3, 999.9), (3, 3, 1000.2)],
        )
        [invoice_penalty] = values["fr_mentions"]["lines"]
        penalties = {i["line"]: i for i in invoice_penalty["installments"]}
        for installment in line["installments"]:
            penalty = penalties[installment["line"]]
            self.assertEqual(penalty["date_maturity"], installment["date_maturity"])
            self.assertEqual(penalty["amount"], installment["amount"])
            self.assertGreater(penalty["penalty"], 0.0)
            self.assertEqual(
                values["fr_installment_penalties"][installment["line"].id],
                penalty["penalty"],
            )
        self.assertAlmostEqual(
            sum(i["penalty"] for i in invoice_penalty["installments"]),
            invoice_penalty["penalty"],
            places=2,
        )
        # The printed letter shows the same figures, line by line.
        pages = self.print_letter_of(reminder)
        self.assertLayoutClean(pages)
        lines = page_lines(pages[0])
        for installment in line["installments"]:
            label = "".join(installment["label"].split())
            [row] = [text for text in lines if text.startswith(label)]
            self.assertIn(
                self.format_amount(installment["amount_residual"], invoice), row
            )
            self.assertIn(
                self.format_amount(
                    values["fr_installment_penalties"][installment["line"].id],
                    invoice,
                ),
                row,
            )
