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

    def test_letter_in_the_reminder_company_name(self):
        """A user of both companies working in this one posts the other's
        reminder: the letter Maileva prints is the core letter, rendered in
        the other company's name, with its bank account, invoice and total."""
        other = self.setup_other_company(name="Atelier Martin")["company"]
        other.write(
            {
                key: self.company[key]
                for key in (
                    "maileva_environment",
                    "maileva_auth_url",
                    "maileva_api_url",
                    "maileva_username",
                    "maileva_password",
                    "maileva_client_id",
                    "maileva_client_secret",
                )
            }
        )
        for company, iban in (
            (self.company, "FR76 3000 6000 0111 1111 1111 111"),
            (other, "FR76 1020 7000 0122 2222 2222 222"),
        ):
            self.env["res.partner.bank"].create(
                {"acc_number": iban, "partner_id": company.partner_id.id}
            )
        # The customer is French: the French text of the level.
        self.get_levels(other)[0].with_context(lang="fr_FR").letter_body = (
            "<p>Cher client d'<t t-out='object.dunning_company_id.name'/>, "
            "vous nous devez <t t-out='object.dunning_overdue_amount'/>.</p>"
        )
        self.create_overdue_invoice(self.customer, 60, amount=900.0)
        invoice = self.create_overdue_invoice(
            self.customer, 60, amount=1234.0, company=other
        )
        reminder = invoice._dunning_create_reminders(level=1)
        user = new_test_user(
            self.env,
            login="maileva_both",
            groups="account.group_account_invoice,mail.group_mail_template_editor",
            company_id=self.company.id,
            company_ids=[self.company.id, other.id],
        )
        env = self.env(
            user=user,
            context=dict(
                self.env.context, allowed_company_ids=[self.company.id, other.id]
            ),
        )
        self.send_with_wizard(reminder.with_env(env), use_email=False, use_maileva=True)
        self.assertEqual(self.sending_of(reminder).company_id, other)
        # The scheduled action posts the letter handed over by the sending.
        self.run_cron()
        self.assertMailevaReceived("mail/v2")
        letter = "".join(map(str, self.letter_bodies))
        self.assertIn("Cher client d'Atelier Martin, vous nous devez 1234.0", letter)
        self.assertIn("FR76 1020 7000 0122 2222 2222 222", letter)
        self.assertIn(invoice.name, letter)
        self.assertIn("234,00", letter)
        self.assertNotIn("Menuiserie Durand SARL", letter)
        self.assertNotIn("FR76 3000 6000 0111 1111 1111 111", letter)
        self.assertNotIn("900,00", letter)
