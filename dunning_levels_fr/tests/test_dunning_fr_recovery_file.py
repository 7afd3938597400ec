# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import csv
import io
import zipfile

from odoo.exceptions import UserError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import DunningFrCommon


@tagged("post_install", "-at_install")
class TestDunningFrRecoveryFile(DunningFrCommon):
    def test_zip_holds_invoices_letters_proofs_history_and_summary(self):
        """Everything an order for payment request needs, with the figures."""
        invoice = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        self.send_level(invoice, 1, "2025-01-25", channel="manual")
        self.send_level(invoice, 2, "2025-02-09", channel="manual")
        reminders = self.send_level(invoice, 3, "2025-02-24", channel="manual")
        letter = self.env["ir.attachment"].create(
            {"name": "Formal notice.pdf", "raw": b"%PDF letter"}
        )
        # As a channel would: users may not set it.
        reminders.sudo().letter_attachment_id = letter
        self.env["ir.attachment"].create(
            {
                "name": "Acknowledgement of receipt.pdf",
                "raw": b"%PDF AR",
                "res_model": "dunning.reminder",
                "res_id": reminders.id,
            }
        )
        with freeze_time("2025-02-09"):
            other = self.create_invoice(self.b2b, "2025-02-09", 10.0)
        with freeze_time("2025-03-11"):
            with self.assertRaisesRegex(UserError, "did not reach level 3"):
                (invoice | other)._dunning_fr_build_recovery_file()
            attachment = self.b2b.action_dunning_fr_recovery_file()
        attachment = self.env["ir.attachment"].browse(
            int(attachment["url"].split("/")[-1].split("?")[0])
        )
        self.assertEqual(attachment.mimetype, "application/zip")
        archive = zipfile.ZipFile(io.BytesIO(attachment.raw))
        names = archive.namelist()
        invoice_name = invoice.name.replace("/", "-")
        self.assertEqual(
            names[0],
            f"1_invoices/{invoice._get_invoice_report_filename().replace('/', '-')}",
        )
        self.assertIn("2_letters/01_Formal notice.pdf", names)
        self.assertTrue(
            any(
                n.startswith("4_proofs/")
                and n.endswith("Acknowledgement of receipt.pdf")
                for n in names
            )
        )
        self.assertIn("5_history.csv", names)
        self.assertIn("0_summary.html", names)
        self.assertNotIn(other.name.replace("/", "-"), " ".join(names))
        history = archive.read("5_history.csv").decode("utf-8-sig")
        self.assertEqual(history.count(invoice.name), 6)  # 3 generated, 3 sent
        summary = archive.read("0_summary.html").decode()
        self.assertIn(invoice.name, summary)
        values = invoice._dunning_fr_get_recovery_summary_values(
            date=attachment.create_date.date()
        )
        self.assertIn(invoice_name.replace("-", "/"), summary)
        # 1000 x 13.15% x 60/365 = 21.62, plus 40
        with freeze_time("2025-03-11"):
            values = invoice._dunning_fr_get_recovery_summary_values()
        self.assertAlmostEqual(values["total_penalty"], 21.62)
        self.assertAlmostEqual(values["total_indemnity"], 40.0)
        self.assertAlmostEqual(values["total_claimed"], 1061.62)
        self.assertEqual(
            [r["level"] for r in values["lines"][0]["reminders"]], [1, 2, 3]
        )
        self.assertIn("recovery_file", invoice.dunning_history_ids.mapped("action"))

    def test_history_csv_defuses_formulas(self):
        """A cell that a spreadsheet would run as a formula (a user's name,
        a note typed in a call) is written as text, behind a quote."""
        invoice = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        caller = new_test_user(
            self.env,
            login="dunning_fr_caller",
            name='=HYPERLINK("http://evil.example.com","Paid")',
            groups="account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        notes = ["=1+1", "+33 6 12 34 56 78", "-5", "@SUM(A1:A2)", "\tx", "\rx"]
        for note in notes:
            invoice.with_user(caller)._dunning_log_history("level_changed", note)
        rows = list(
            csv.reader(
                io.StringIO(
                    invoice._dunning_fr_get_history_csv().decode("utf-8-sig"),
                    newline="",
                )
            )
        )[1:]
        self.assertEqual([row[6] for row in rows], [f"'{note}" for note in notes])
        self.assertEqual({row[5] for row in rows}, {f"'{caller.name}"})
        self.assertEqual({row[1] for row in rows}, {invoice.name})
