# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The customer's copy of a reminder email carries an invisible image: its
download, over HTTP, tells that the email was opened, and when. The reminders
show it next to the delivery, "No opening seen" rather than "not opened", and
the workspace filters on it."""

import re
import socket
from datetime import datetime
from unittest.mock import patch
from urllib.parse import urlsplit

from lxml import etree

from odoo import modules
from odoo.tests import Form, HttpCase, freeze_time, new_test_user, tagged
from odoo.tools import email_normalize
from odoo.tools.safe_eval import safe_eval

from odoo.addons.mail.tests.common import MockEmail

from ..controllers.main import BLANK_GIF
from .common import DunningCommon

IMAGE_RE = re.compile(r'<img src="([^"]*/blank\.gif)"')


@tagged("post_install", "-at_install")
class TestDunningEmailOpening(DunningCommon, MockEmail, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer(
            "Boulangerie Leroy", email="compta@leroy.example"
        )
        cls.other = cls.create_customer("Garage Dubois", email="garage@dubois.example")
        cls.invoice = cls.create_invoice(cls.customer, "2026-01-01", 1000.0)
        cls.second_invoice = cls.create_invoice(cls.customer, "2026-01-02", 200.0)
        cls.other_invoice = cls.create_invoice(cls.other, "2026-01-03", 300.0)
        cls.mail_cron = cls.env.ref("mail.ir_cron_mail_scheduler_action")
        # An accountant following the invoices gets a copy of their emails.
        cls.accountant = new_test_user(
            cls.env,
            login="dunning_follower",
            email="accountant@company.example",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        (cls.invoice | cls.second_invoice | cls.other_invoice).message_subscribe(
            partner_ids=cls.accountant.partner_id.ids
        )

    def setUp(self):
        super().setUp()
        with freeze_time("2026-02-01"):
            reminders = self.generate("2026-02-01")
        self.reminders = reminders.filtered(lambda r: r.partner_id == self.customer)
        self.other_reminder = reminders - self.reminders

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _send_and_deliver(self, reminders, user=None):
        """Send ``reminders`` by email with the wizard as ``user`` (default:
        the billing user), then let the mail queue send the email through its
        scheduled action.

        :return: {recipient's email address: body sent}
        """
        self.send_with_wizard(reminders, user=user or self.billing_user, use_email=True)
        return self._deliver()

    def _deliver(self):
        """Run the mail queue, the gateway mocked.

        :return: {recipient's email address: body sent}
        """
        with self.mock_mail_gateway():
            self.mail_cron.method_direct_trigger()
        return {
            email_normalize(address): mail["body"]
            for mail in self._mails
            for address in mail["email_to"]
        }

    def _image_path(self, body):
        """The path of the opening image of the email ``body``."""
        urls = IMAGE_RE.findall(body)
        self.assertEqual(len(urls), 1, "one opening image in the email")
        return urlsplit(urls[0]).path

    def _open(self, path):
        """Download the image at ``path``, as an email client displaying the
        email does: the image is always answered."""
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "image/gif")
        self.assertEqual(response.content, BLANK_GIF)
        return response

    def _filtered(self, name):
        """The reminders found by the workspace's filter ``name``."""
        arch = self.env.ref("dunning_levels.dunning_reminder_view_search").arch
        domain = etree.fromstring(arch).find(f".//filter[@name='{name}']").get("domain")
        return self.env["dunning.reminder"].search(safe_eval(domain))

    # ------------------------------------------------------------
    # TESTS
    # ------------------------------------------------------------

    def test_opened_email_marks_its_reminders(self):
        """The email covering the customer's two reminders is delivered: "No
        opening seen"; its image downloaded, both are opened with the date of
        the first display, which a second display keeps while counting it."""
        bodies = self._send_and_deliver(self.reminders)
        self.assertEqual(len(self.reminders), 2)
        self.assertEqual(len(self.reminders.mail_message_id), 1)
        self.assertEqual(self.reminders.mapped("email_status"), ["sent", "sent"])
        self.assertEqual(self.reminders.mapped("email_opening"), ["not_seen"] * 2)
        self.assertEqual(self._filtered("filter_email_not_seen"), self.reminders)
        self.assertFalse(self._filtered("filter_email_opened"))
        path = self._image_path(bodies["compta@leroy.example"])

        with freeze_time("2026-02-03 09:15:00"):
            self._open(path)
        self.assertEqual(self.reminders.mapped("email_opening"), ["opened"] * 2)
        self.assertEqual(
            self.reminders.mapped("email_opened_datetime"),
            [datetime(2026, 2, 3, 9, 15)] * 2,
        )
        self.assertEqual(self.reminders.mapped("email_open_count"), [1, 1])
        self.assertEqual(self._filtered("filter_email_opened"), self.reminders)
        self.assertFalse(self._filtered("filter_email_not_seen"))

        with freeze_time("2026-02-05 14:00:00"):
            self._open(path)
        self.assertEqual(
            self.reminders.mapped("email_opened_datetime"),
            [datetime(2026, 2, 3, 9, 15)] * 2,
        )
        self.assertEqual(self.reminders.mapped("email_open_count"), [2, 2])
        # The invoice's page shows it on its reminders.
        invoice_reminders = self.invoice.dunning_reminder_ids
        self.assertEqual(invoice_reminders.email_opening, "opened")
        self.assertEqual(invoice_reminders.email_status, "sent")

    def test_image_only_in_the_customers_copy(self):
        """The image is in the email going to the customer only: neither the
        message shown in the invoice's chatter nor the accountant's copy nor
        the plain text version carry it."""
        with self.mock_mail_gateway():
            self.send_with_wizard(
                self.reminders, user=self.billing_user, use_email=True
            )
            self.mail_cron.method_direct_trigger()
        sent = {email_normalize(mail["email_to"][0]): mail for mail in self._mails}
        customer_copy = sent["compta@leroy.example"]
        accountant_copy = sent["accountant@company.example"]
        self._image_path(customer_copy["body"])
        self.assertNotIn("blank.gif", customer_copy["body_alternative"])
        self.assertNotIn("blank.gif", accountant_copy["body"])
        self.assertNotIn("blank.gif", self.reminders.mail_message_id.body)

    def test_wrong_signature_records_nothing(self):
        """A made-up signature, another email's signature, an unknown message:
        the image is answered all the same and nothing is recorded."""
        bodies = self._send_and_deliver(self.reminders | self.other_reminder)
        path = self._image_path(bodies["compta@leroy.example"])
        other_path = self._image_path(bodies["garage@dubois.example"])
        message_id = self.reminders.mail_message_id.id
        other_token = other_path.split("/")[-2]
        self._open(f"/dunning_levels/email/{message_id}/{'0' * 64}/blank.gif")
        self._open(f"/dunning_levels/email/{message_id}/{other_token}/blank.gif")
        self._open(f"/dunning_levels/email/{message_id + 1000}/abc/blank.gif")
        self.assertEqual(
            (self.reminders | self.other_reminder).mapped("email_opening"),
            ["not_seen"] * 3,
        )
        self.assertEqual(
            (self.reminders | self.other_reminder).mapped("email_open_count"),
            [0, 0, 0],
        )
        # The right one still works, for its own email only.
        self._open(path)
        self.assertEqual(self.reminders.mapped("email_opening"), ["opened"] * 2)
        self.assertEqual(self.other_reminder.email_opening, "not_seen")

    def test_composed_email_is_followed(self):
        """An email written in the composer from the reminder's row carries
        the image as well."""
        reminder = self.reminders.filtered(lambda r: r.move_id == self.invoice)
        action = reminder.with_user(self.billing_user).action_send_email()
        # Odoo sends the composer's email once the transaction is committed,
        # by then the reminder knows its email: queued here, as tests commit
        # nothing.
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.billing_user)
            .with_context(**action["context"], mail_notify_force_send=False)
        ).save()
        composer.action_send_mail()
        self.assertEqual(reminder.email_status, "queued")
        self.assertFalse(reminder.email_opening)
        bodies = self._deliver()
        self.assertEqual(reminder.email_opening, "not_seen")
        self._open(self._image_path(bodies["compta@leroy.example"]))
        self.assertEqual(reminder.email_opening, "opened")
        self.assertTrue(reminder.email_opened_datetime)
        self.assertNotIn("blank.gif", reminder.mail_message_id.body)

    def test_failed_email_is_not_opened(self):
        """An email the mail server refuses is neither opened nor "no opening
        seen"; sent again, it gets an image of its own, which does not open
        the failed one."""
        closed = socket.socket()
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
        closed.close()
        servers = self.env["ir.mail_server"].search([])
        servers.active = False
        refusing = self.env["ir.mail_server"].create(
            {"name": "Refusing", "smtp_host": "127.0.0.1", "smtp_port": port}
        )
        reminder = self.reminders.filtered(lambda r: r.move_id == self.invoice)
        self.send_with_wizard(reminder, user=self.billing_user, use_email=True)
        # Really talking to the mail server (Odoo's test mode connects to
        # none), which refuses the connection.
        with patch.object(modules.module, "current_test", None):
            self.mail_cron.method_direct_trigger()
        self.assertEqual(reminder.email_status, "exception")
        self.assertFalse(reminder.email_opening)
        reminders = self.env["dunning.reminder"]
        self.assertIn(reminder, reminders.search([("email_opening", "=", False)]))
        self.assertIn(
            reminder, reminders.search([("email_opening", "not in", ["opened"])])
        )
        self.assertFalse(self._filtered("filter_email_opened"))
        self.assertFalse(self._filtered("filter_email_not_seen"))

        refusing.active = False
        servers.active = True
        action = reminder.action_email_failed_resend()
        new = self.env["dunning.reminder"].browse(action["context"]["active_ids"])
        bodies = self._send_and_deliver(new)
        path = self._image_path(bodies["compta@leroy.example"])
        self.assertNotIn(f"/{reminder.mail_message_id.id}/", path)
        self._open(path)
        self.assertEqual(new.email_opening, "opened")
        self.assertFalse(reminder.email_opening)
        self.assertFalse(reminder.email_opened_datetime)

    def test_opening_of_another_companys_reminder(self):
        """The image opens the reminders of its email whatever their company,
        and those only."""
        other_company = self.setup_other_company()["company"]
        customer = self.create_customer("Menuiserie Petit", email="petit@example.com")
        self.create_invoice(customer, "2026-01-01", 500.0, company=other_company)
        with freeze_time("2026-02-01"):
            reminder = self.generate("2026-02-01", company=other_company)
        self.assertEqual(reminder.company_id, other_company)
        bodies = self._send_and_deliver(
            reminder.with_company(other_company), user=self.env.user
        )
        self._open(self._image_path(bodies["petit@example.com"]))
        self.assertEqual(reminder.email_opening, "opened")
        self.assertFalse(any(self.reminders.mapped("email_opening")))
