# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""HTML or script typed in customer names, references, invoice references
and level texts is shown as text, never run: in letters, emails and the
sending wizard's preview and summary."""

from markupsafe import Markup

from odoo import fields
from odoo.tests import tagged

from .common import DunningCommon

NAME = '<script>alert("name")</script><b>Leroy</b> & Fils'
ESCAPED_NAME = "&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;&lt;b&gt;Leroy"
PARTNER_REF = "<img src=x onerror=alert(1)>"
INVOICE_REF = "<svg onload=alert(2)>"
TITLE = "<script>alert(3)</script>Rappel"


@tagged("post_install", "-at_install")
class TestDunningEscaping(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer(
            NAME,
            ref=PARTNER_REF,
            email="compta@leroy.example",
            street="<i>3 rue du Four</i>",
            zip="69002",
            city="Lyon",
        )
        cls.invoice = cls.create_invoice(cls.customer, "2026-01-01")
        cls.invoice.ref = INVOICE_REF
        cls.levels[0].with_user(cls.manager_user).write(
            {
                "name": "<b>Relance</b>",
                "letter_title": TITLE,
                "letter_body": '<p>Bonjour <t t-out="object.name"/>,</p>'
                "<script>alert(4)</script><p onclick='alert(5)'>Merci.</p>",
            }
        )
        cls.reminder = (
            cls.env["dunning.reminder"]
            .with_company(cls.company)
            .generate_reminders(fields.Date.to_date("2026-02-01"))
        )

    def assert_inert(self, html):
        """No injected markup survives in ``html``, and the name is there,
        escaped."""
        for raw in ("<script>alert", "<b>Leroy", "<img src=x", "<svg", "<i>3 rue"):
            self.assertNotIn(raw, html)
        self.assertNotIn("alert(4)", html)
        self.assertNotIn("onclick", html)
        self.assertIn(ESCAPED_NAME, html)

    def test_level_text_sanitized_on_save(self):
        body = str(self.levels[0].letter_body)
        self.assertNotIn("<script", body)
        self.assertNotIn("onclick", body)

    def test_letter(self):
        html = (
            self.env["ir.actions.report"]
            .with_user(self.billing_user)
            ._render_qweb_html(
                "dunning_levels.action_report_dunning_letter", self.reminder.ids
            )[0]
            .decode()
        )
        self.assert_inert(html)
        self.assertIn("&lt;script&gt;alert(3)&lt;/script&gt;Rappel", html)
        self.assertIn("&lt;img src=x onerror=alert(1)&gt;", html)

    def test_email(self):
        """The default emails name no customer: with the merge field a user
        would add to the template, the name is escaped."""
        template = self.levels[0].mail_template_id
        template.body_html += Markup('<p>Client : <t t-out="object.name"/></p>')
        values = self.reminder.with_user(self.billing_user)._prepare_email_values()
        self.assert_inert(str(values["body"]))

    def test_wizard_preview_and_summary(self):
        """Problems and failures name the customer: as text."""
        self.customer.email = False
        wizard = self.open_send_wizard(
            self.reminder, user=self.billing_user, use_email=True
        )
        # Rendered by QWeb, which leaves quotes as they are in text.
        escaped_text = '&lt;script&gt;alert("name")&lt;/script&gt;&lt;b&gt;Leroy'
        self.assertIn(escaped_text, str(wizard.preview_html))
        self.assertNotIn("<script>", str(wizard.preview_html))
        wizard.action_send()
        self.assertIn(escaped_text, str(wizard.summary_html))
        self.assertNotIn("<script>", str(wizard.summary_html))
        self.assertEqual(self.reminder.state, "draft")
