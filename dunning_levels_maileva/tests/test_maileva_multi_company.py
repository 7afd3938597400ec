# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DunningMailevaCommon


@tagged("post_install", "-at_install")
class TestMailevaMultiCompany(DunningMailevaCommon):
    def test_sendings_stay_in_their_company(self):
        """A user of another company sees no sending of this one, and the
        webhook of a company only re-reads its own sendings."""
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        other = self.setup_other_company()["company"]
        other_user = new_test_user(
            self.env,
            login="maileva_other",
            groups="account.group_account_invoice",
            company_id=other.id,
            company_ids=[other.id],
        )
        self.assertFalse(self.env["maileva.sending"].with_user(other_user).search([]))
        self.assertFalse(
            self.env["maileva.sending"]
            .with_company(other)
            ._webhook_handle({"resource_id": sending.maileva_sending_id})
        )

    def test_credentials_for_system_administrators_only(self):
        """Billing users can neither read the credentials nor the password."""
        with self.assertRaises(AccessError):
            self.company.with_user(self.billing_user).read(["maileva_password"])
        self.assertEqual(
            self.company.with_user(self.billing_user).maileva_environment, "sandbox"
        )
