# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import tagged

from ..hooks import post_init_hook
from ..tools import sms_segment_count, sms_text_normalize
from .common import DunningSmsCommon


@tagged("post_install", "-at_install")
class TestDunningSmsTemplate(DunningSmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_sms_customer("Gabrielle Dubois")
        cls.invoice = cls.create_overdue_invoice(cls.customer, 20, amount=395.70)

    def _render(self, reminder, level, lang):
        """Render the SMS of ``reminder`` at ``level`` in ``lang``."""
        self.customer.lang = lang
        # As superuser: users may not change a reminder's level.
        reminder.sudo().level = level
        return reminder._prepare_sms_values()["body"]

    def test_levels_have_default_sms_templates(self):
        """Each level of each company gets its SMS template, new companies too."""
        other_company = self.setup_other_company()["company"]
        for company in (self.company, other_company):
            templates = self.get_levels(company).mapped("sms_template_id")
            self.assertEqual(
                templates.mapped("name"),
                [
                    "Payment reminder: level 1",
                    "Payment reminder: level 2",
                    "Payment reminder: level 3 (formal notice)",
                ],
            )

    def test_install_sets_templates_on_existing_levels(self):
        """Installing the addon gives existing levels their SMS template."""
        self.levels.sms_template_id = False
        post_init_hook(self.env)
        self.assertEqual(
            self.levels.mapped("sms_template_id"),
            self.env.ref("dunning_levels_sms.sms_template_dunning_level_1")
            | self.env.ref("dunning_levels_sms.sms_template_dunning_level_2")
            | self.env.ref("dunning_levels_sms.sms_template_dunning_level_3"),
        )

    def test_sms_channel_registered(self):
        """The SMS channel shows on reminders and in the history."""
        for model in ("dunning.reminder", "dunning.history"):
            labels = dict(
                self.env[model]._fields["channel"]._description_selection(self.env)
            )
            self.assertEqual(labels["sms"], "SMS")

    def test_levels_1_and_2_fit_one_sms(self):
        """Levels 1 and 2 fit one GSM segment, in French and in English, with
        a typical French name and amount and the link of the customer's
        reminder page, which lists the invoices; the formal notice two, with
        the invoice numbers and the phone too."""
        reminder = self.generate()
        url = self.customer._get_dunning_portal_url()
        for lang in ("fr_FR", "en_US"):
            for level, segments in ((1, 1), (2, 1), (3, 2)):
                with self.subTest(lang=lang, level=level):
                    body = self._render(reminder, level, lang)
                    self.assertIn("Menuiserie Durand SARL", body)
                    self.assertIn("Gabrielle Dubois", body)
                    self.assertIn(url, body)
                    self.assertIn("395", body)
                    if level == 3:
                        self.assertIn(self.invoice.name, body)
                        self.assertIn("+33 4 78 00 00 00", body)
                    self.assertEqual(sms_segment_count(body), (segments, "GSM7"))

    def test_french_template(self):
        """The customer's language is used."""
        body = self._render(self.generate(), 2, "fr_FR")
        self.assertIn("malgré notre relance", body)
        self.assertIn("395,70 €", body)

    def test_segment_count(self):
        """GSM extension characters count twice, others switch to UCS-2."""
        self.assertEqual(sms_segment_count("a" * 160), (1, "GSM7"))
        self.assertEqual(sms_segment_count("a" * 161), (2, "GSM7"))
        self.assertEqual(sms_segment_count("€" * 80), (1, "GSM7"))
        self.assertEqual(sms_segment_count("€" * 81), (2, "GSM7"))
        self.assertEqual(sms_segment_count("ê" * 70), (1, "UCS2"))
        self.assertEqual(sms_segment_count("ê" * 71), (2, "UCS2"))
        self.assertEqual(sms_segment_count(""), (0, "GSM7"))
        self.assertEqual(
            sms_text_normalize("1\u202f395,70\u00a0€ l\u2019école"),
            "1 395,70 € l'école",
        )

    def test_level_without_sms_template(self):
        """A level without SMS template is a clear failure."""
        reminder = self.generate()
        reminder.level_id.sms_template_id = False
        with self.mock_sms_gateway():
            wizard = self.send_wizard(reminder)
        self.assertReminderSmsFailed(reminder, "has no SMS template")
        self.assertIn("has no SMS template", wizard.summary_html)
