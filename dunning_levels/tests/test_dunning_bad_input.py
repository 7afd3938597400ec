# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""One selection of invoices mixing everything that cannot be reminded with
what can: each refused invoice gets its own clear, translated reason in the
summary, and the others are sent.

A cancelled invoice that never had a number is named by its type and id."""

import html

from odoo.tests import freeze_time, new_test_user, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningBadInput(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.setup_other_company()["company"]
        cls.user = new_test_user(
            cls.env,
            login="dunning_billing_two",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[cls.company.id, cls.other_company.id],
            lang="fr_FR",
        )
        cls.env["res.lang"]._activate_lang("fr_FR")
        customer = cls.create_customer(
            email="compta@leroy.example", street="3 rue", zip="69002", city="Lyon"
        )
        no_email = cls.create_customer("Garage Dubois", email=False)
        foreign = cls.setup_other_currency("EUR", rounding=0.01)
        cls.good = cls.create_invoice(customer, "2026-01-01")
        cls.in_foreign_currency = cls.create_invoice(customer, "2026-01-02", post=False)
        cls.in_foreign_currency.currency_id = foreign
        cls.in_foreign_currency.action_post()
        cls.of_other_company = cls.create_invoice(
            customer, "2026-01-03", company=cls.other_company
        )
        cls.draft = cls.create_invoice(customer, "2026-01-04", post=False)
        cls.cancelled = cls.create_invoice(customer, "2026-01-05", post=False)
        cls.cancelled.button_cancel()
        cls.paid = cls.create_invoice(customer, "2026-01-06")
        cls.register_payment(cls.paid)
        cls.credit_note = cls.create_invoice(
            customer, "2026-01-07", move_type="out_refund"
        )
        cls.not_due = cls.create_invoice(customer, "2026-03-01")
        cls.without_email = cls.create_invoice(no_email, "2026-01-08")
        cls.selection = (
            cls.good
            | cls.in_foreign_currency
            | cls.of_other_company
            | cls.draft
            | cls.cancelled
            | cls.paid
            | cls.credit_note
            | cls.not_due
            | cls.without_email
        )

    def test_mixed_selection_from_invoices(self):
        env = self.env(
            user=self.user,
            context={
                "allowed_company_ids": [self.company.id, self.other_company.id],
                "lang": "fr_FR",
            },
        )
        with freeze_time("2026-02-01"):
            form = self.send_wizard_form(self.selection.with_env(env))
            form.grouping = "invoice"
            wizard = form.save()
            self.assertTrue(wizard.has_problems)
            wizard.action_send()
        sent = self.selection.filtered("dunning_reminder_ids.state")
        self.assertEqual(
            sent.dunning_reminder_ids.filtered(lambda r: r.state == "sent").move_id,
            self.good | self.in_foreign_currency | self.of_other_company,
        )
        self.assertEqual(
            self.in_foreign_currency.dunning_reminder_ids.currency_id,
            self.in_foreign_currency.currency_id,
        )
        self.assertEqual(
            self.of_other_company.dunning_reminder_ids.company_id, self.other_company
        )
        summary = str(wizard.summary_html)
        self.assertIn("3 relance(s) envoyée(s)", summary)
        for invoice, reason in (
            (self.draft, "n'est pas une facture client validée"),
            (self.cancelled, "n'est pas une facture client validée"),
            (self.credit_note, "n'est pas une facture client validée"),
            (self.paid, "n'a rien d'échu"),
            (self.not_due, "n'a rien d'échu"),
        ):
            with self.subTest(invoice=invoice.display_name):
                name = invoice.display_name or f"Facture client n°{invoice.id}"
                self.assertIn(f"{name}: {name} {reason}", html.unescape(summary))
                self.assertFalse(
                    invoice.dunning_reminder_ids.filtered(lambda r: r.state == "sent")
                )
        self.assertIn("Garage Dubois n'a pas d'adresse e-mail", html.unescape(summary))
        self.assertEqual(self.without_email.dunning_reminder_ids.state, "draft")
