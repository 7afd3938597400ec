# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from urllib.parse import urlsplit

from odoo.tests import tagged

from ..const import STATE_CLOSED
from .common import DunningTourCommon
from .test_dunning_portal import PAGE_URL, enable_demo_provider


@tagged("post_install", "-at_install")
class TestDunningPortalTour(DunningTourCommon):
    def test_customer_promises_then_pays_online(self):
        """From the link of its reminder email, the customer promises to pay
        one invoice in a week and pays the other online: the promise pauses
        the first one's reminders, the second is paid and its reminder
        closed."""
        enable_demo_provider(self.env, self.company)
        customer = self.create_customer("Boulangerie Leroy", lang="en_US")
        reminders = self.create_invoice_at_level(
            customer, 1, amount=100.0
        ) | self.create_invoice_at_level(customer, 1, amount=250.0)
        reminders = reminders.sorted(lambda r: (r.move_id.invoice_date_due, r.id))
        self.send_with_wizard(reminders, use_email=True)
        url = PAGE_URL.search(str(reminders.mail_message_id.body))[0]
        self.start_tour(urlsplit(url).path, "dunning_levels_portal")
        promised, paid = reminders.move_id.sorted(
            lambda m: (m.invoice_date_due, m.name)
        )
        answer = self.env["dunning.answer"].search([("partner_id", "=", customer.id)])
        self.assertEqual(answer.kind, "promise")
        self.assertEqual(answer.move_ids, promised)
        self.assertEqual(answer.message, "Virement programmé.")
        self.assertEqual(promised.dunning_pause, "promise")
        self.assertEqual(promised.payment_state, "not_paid")
        self.assertIn(paid.payment_state, ("paid", "in_payment"))
        self.assertEqual(
            reminders.filtered(lambda r: r.move_id == paid).state, STATE_CLOSED
        )
        transaction = self.env["payment.transaction"].search(
            [("invoice_ids", "=", paid.id)]
        )
        self.assertEqual(transaction.state, "done")
        self.assertEqual(transaction.amount, 250.0)
