# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import freeze_time, tagged

from .common import DunningFrCommon

LETTER = "dunning_levels.action_report_dunning_letter"
STATEMENT = "dunning_levels.action_report_dunning_statement"


@tagged("post_install", "-at_install")
class TestDunningFrDocuments(DunningFrCommon):
    def render(self, report_ref, records):
        content, __ = self.env["ir.actions.report"]._render_qweb_html(
            report_ref, records.ids
        )
        return content.decode()

    def test_levels_2_and_3_show_the_mentions_by_default(self):
        """Level 1 shows no penalty; levels 2 and 3 do."""
        self.assertEqual(self.levels.mapped("fr_show_penalties"), [False, True, True])
        self.assertEqual(self.levels.mapped("fr_show_indemnity"), [False, True, True])

    def test_letter_level_2_shows_penalties_and_legal_basis(self):
        """The level 2 letter lists penalties, indemnity and L441-10."""
        invoice = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        with freeze_time("2025-02-09"):
            reminders = invoice._dunning_create_reminders(level=2, allow_resend=True)
            values = self.env[
                "report.dunning_levels.report_dunning_letter"
            ]._get_letter_values(reminders)
            content = self.render(LETTER, reminders)
        mentions = values["fr_mentions"]
        self.assertTrue(mentions["show"])
        self.assertAlmostEqual(mentions["total_penalty"], 10.81)
        self.assertAlmostEqual(mentions["total_indemnity"], 40.0)
        self.assertAlmostEqual(mentions["total"], 50.81)
        self.assertIn("L441-10", content)
        self.assertIn("dunning_fr_penalties", content)
        self.assertNotIn("mise en demeure", content)

    def test_letter_level_1_and_disabled_mentions_show_nothing(self):
        """Level 1, or a level with its mentions unchecked, shows none."""
        invoice = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        with freeze_time("2025-02-09"):
            reminders = invoice._dunning_create_reminders(level=1)
            self.assertNotIn("L441-10", self.render(LETTER, reminders))
            reminders.unlink()
            self.levels[1].write(
                {"fr_show_penalties": False, "fr_show_indemnity": False}
            )
            reminders = invoice._dunning_create_reminders(level=2, allow_resend=True)
            self.assertNotIn("L441-10", self.render(LETTER, reminders))

    def test_formal_notice_wording_with_configured_deadline(self):
        """Level 3 is a formal notice with the level's deadline, the same in
        the level's text and in the legal wording."""
        self.levels[2].payment_deadline_days = 15
        self.levels[2].fr_legal_text = "Clause 7 of our terms applies."
        invoice = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        with freeze_time("2025-03-01"):
            reminders = invoice._dunning_create_reminders(level=3, allow_resend=True)
            content = self.render(LETTER, reminders)
        self.assertIn("mise en demeure", content)
        self.assertEqual(content.count("within 15 days"), 2)
        self.assertNotIn("within 8 days", content)
        self.assertIn("Clause 7 of our terms applies.", content)

    def test_email_carries_the_mentions(self):
        """The level 2 email ends with the penalties and the legal basis."""
        invoice = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        with freeze_time("2025-02-09"):
            reminders = invoice._dunning_create_reminders(level=2, allow_resend=True)
            body = str(reminders._prepare_email_values()["body"])
        self.assertIn("L441-10", body)
        self.assertIn("10.81", body)

    def test_email_mentions_follow_the_communication_level(self):
        """A level 1 email carries no mention (the default of level 1); one
        about a level 1 and a level 2 invoice carries the penalties of both,
        read ahead with the sending's data."""
        first = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        second = self.create_invoice(self.b2b, "2025-01-12", 500.0)
        with freeze_time("2025-02-09"):
            level_1 = second._dunning_create_reminders(level=1, allow_resend=True)
            body = str(level_1._prepare_email_values()["body"])
            self.assertNotIn("L441-10", body)
            level_2 = first._dunning_create_reminders(level=2, allow_resend=True)
            reminders = level_1 | level_2
            reminders._prefetch_email_data()
            body = str(reminders._prepare_email_values()["body"])
        self.assertIn("L441-10", body)
        self.assertIn("10.81", body)
        self.assertEqual(body.count(second.name), 2)

    def test_statement_shows_penalties_of_reminded_invoices(self):
        """The statement shows the mentions once an invoice reached level 2."""
        invoice = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        with freeze_time("2025-02-09"):
            self.assertNotIn("L441-10", self.render(STATEMENT, self.b2b))
        self.send_level(invoice, 2, "2025-02-01")
        with freeze_time("2025-02-09"):
            content = self.render(STATEMENT, self.b2b)
        self.assertIn("L441-10", content)
        self.assertNotIn("mise en demeure", content)
