# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import Form, tagged

from odoo.addons.dunning_levels.tests.common import DunningCommon


@tagged("post_install", "-at_install")
class TestMailevaLevelChannels(DunningCommon):
    """The Maileva letters as default channels of a level."""

    def test_new_company_formal_notice_goes_registered(self):
        """With Maileva installed, a new company's formal notice goes as a
        registered letter instead of a letter to print; the lower levels keep
        their channels."""
        company = self.env["res.company"].create({"name": "Fournil du Rhône"})
        first, second, third = self.get_levels(company)
        self.assertEqual(third._get_default_channels(), ["maileva_registered"])
        self.assertEqual(second._get_default_channels(), ["email", "letter"])
        self.assertEqual(first._get_default_channels(), ["email"])

    def test_wizard_starts_with_the_levels_maileva_channels(self):
        """A level set to Maileva opens the wizard on Maileva, which offers
        the invoice copies as the printed letter does."""
        with Form(self.levels[0]) as level:
            level.send_email = False
            level.send_maileva = True
        reminder = self.create_invoice_at_level(self.create_customer(), 1)
        form = self.send_wizard_form(reminder)
        self.assertTrue(form.use_maileva)
        self.assertFalse(form.use_maileva_registered)
        self.assertFalse(form.use_email)
        self.assertTrue(form.show_attach_invoices)
