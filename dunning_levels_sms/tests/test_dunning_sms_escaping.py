# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import tagged

from .common import DunningSmsCommon

NAME = "<b>Dubois</b> <script>alert(1)</script>"


@tagged("post_install", "-at_install")
class TestDunningSmsEscaping(DunningSmsCommon):
    def test_html_in_customer_name(self):
        """An SMS is plain text: the name goes as typed; the copy logged in
        the invoice's chatter (HTML) shows it escaped, never as markup."""
        customer = self.create_sms_customer(NAME)
        self.create_overdue_invoice(customer, 20)
        reminder = self.generate()
        with self.mock_sms_gateway():
            self.send_wizard(reminder, user=self.billing_user)
            self.assertSMSOutgoing(customer, "+33612345678", content=NAME)
        body = str(reminder.sms_message_id.body)
        self.assertNotIn("<script>", body)
        self.assertNotIn("<b>Dubois", body)
        self.assertIn("&lt;b&gt;Dubois&lt;/b&gt; &lt;script&gt;", body)
