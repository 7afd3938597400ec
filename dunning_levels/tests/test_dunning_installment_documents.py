# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import html

from lxml import html as lxml_html

from odoo import fields
from odoo.tests import tagged

from .common import DunningCommon

CALL_LIST = "dunning_levels.action_report_dunning_call_list"
STATEMENT = "dunning_levels.action_report_dunning_statement"


@tagged("post_install", "-at_install")
class TestDunningInstallmentDocuments(DunningCommon):
    """The documents the customer reads list the overdue installments of an
    invoice paid in several, one line each under the invoice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer(
            "Atelier Martin",
            street="5 avenue Foch",
            zip="69006",
            city="Lyon",
            phone="+33 4 78 00 00 01",
            lang="en_US",
        )
        thirds = cls.create_installment_term(0, 30, 60, name="Thirds")
        today = fields.Date.context_today(cls.customer)
        cls.today = today
        # Installments due 45 and 15 days ago, and in 15 days.
        cls.split = cls.create_invoice(
            cls.customer, fields.Date.subtract(today, days=45), 900.0, thirds
        )
        cls.single = cls.create_overdue_invoice(cls.customer, 20, 150.0)
        cls.reminders = cls.generate()
        cls.installment_lines = (
            cls.split.line_ids.filtered("date_maturity")
            .filtered(lambda line: line.account_type == "asset_receivable")
            .sorted("date_maturity")
        )

    def render(self, report_ref, records):
        content, __ = self.env["ir.actions.report"]._render_qweb_html(
            report_ref, records.ids
        )
        return content.decode()

    def rows(self, content):
        """Return the text of each table row of ``content``, its cells
        separated by " | "."""
        return [
            " | ".join(" ".join(cell.text_content().split()) for cell in row)
            for row in lxml_html.fromstring(content).xpath("//tr")
        ]

    def expected_rows(self, *, with_days=True):
        """The overdue installments' rows: label, due date, days overdue."""
        rows = []
        for sequence, days in ((1, 45), (2, 15)):
            date = fields.Date.subtract(self.today, days=days)
            rows.append(
                (
                    f"Installment {sequence}/3",
                    date.strftime("%m/%d/%Y"),
                    str(days) if with_days else None,
                )
            )
        return rows

    def assertInstallmentRows(self, rows):
        """The two overdue installments of the split invoice have a row each,
        after the invoice's row; the one not due yet, and the invoice paid
        at once, have none."""
        invoice_row = next(i for i, row in enumerate(rows) if self.split.name in row)
        for label, date, days in self.expected_rows():
            [index] = [i for i, row in enumerate(rows) if row.startswith(label)]
            self.assertGreater(index, invoice_row)
            self.assertIn(date, rows[index])
            self.assertIn(f"| {days} |", rows[index])
            self.assertIn("299.97", rows[index])
        self.assertFalse([row for row in rows if "Installment 3/3" in row])
        self.assertFalse([row for row in rows if "/1" in row.split("|")[0]])

    def test_letter_and_email_list_overdue_installments(self):
        """The letter and the email sent with the wizard list the invoice's
        two overdue installments under it."""
        self.assertEqual(self.reminders.move_id, self.split | self.single)
        wizard = self.send_with_wizard(self.reminders, use_email=True, use_letter=True)
        letter = wizard.letter_attachment_id.raw.decode()
        self.assertInstallmentRows(self.rows(letter))
        email = html.unescape(str(self.reminders.mail_message_id[:1].body))
        self.assertInstallmentRows(self.rows(email))

    def test_call_list_lists_overdue_installments(self):
        """The call list lists them too."""
        self.assertInstallmentRows(self.rows(self.render(CALL_LIST, self.reminders)))

    def test_statement_names_installments(self):
        """The statement, one line per open installment, names each one of
        the split invoice, the one not due yet included, one after the
        other."""
        rows = self.rows(self.render(STATEMENT, self.customer))
        indexes = []
        for sequence in (1, 2, 3):
            [index] = [
                i for i, row in enumerate(rows) if f"Installment {sequence}/3" in row
            ]
            self.assertIn(self.split.name, rows[index])
            indexes.append(index)
        self.assertEqual(indexes, list(range(indexes[0], indexes[0] + 3)))
        [single_row] = [row for row in rows if self.single.name in row]
        self.assertNotIn("Installment", single_row)
