# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import Form, tagged

from odoo.addons.dunning_levels.tests.common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningSmsLevelChannels(DunningCommon):
    """The SMS as a default channel of a level."""

    def test_wizard_starts_with_the_sms_of_the_level(self):
        """A level set to send SMS opens the wizard with the SMS checked,
        which carries no invoice copy; other levels leave it unchecked."""
        self.assertFalse(self.levels[0].send_sms)
        with Form(self.levels[0]) as level:
            level.send_email = False
            level.send_sms = True
        customer = self.create_customer()
        form = self.send_wizard_form(self.create_invoice_at_level(customer, 1))
        self.assertTrue(form.use_sms)
        self.assertFalse(form.use_email)
        self.assertFalse(form.show_attach_invoices)
        form = self.send_wizard_form(self.create_invoice_at_level(customer, 2))
        self.assertFalse(form.use_sms)
