# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""An emailed reminder counts as sent once its email is queued; the reminder
then follows the email: refused by the mail server or bounced, it shows it,
the history records it once, a filter finds it and one action sends it again
by email or as a letter."""

import socket
from unittest.mock import patch

from lxml import etree

from odoo import modules
from odoo.tests import Form, freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

from .common import DunningCommon


def closed_port():
    """Return a port of 127.0.0.1 on which nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@tagged("post_install", "-at_install")
class TestDunningEmailDelivery(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        address = {"street": "3 rue du Four", "zip": "69002", "city": "Lyon"}
        cls.customer = cls.create_customer(
            "Boulangerie Leroy", email="compta@leroy.example", **address
        )
        cls.other = cls.create_customer(
            "Garage Dubois", email="garage@dubois.example", **address
        )
        cls.invoice = cls.create_invoice(cls.customer, "2026-01-01", 1000.0)
        cls.other_invoice = cls.create_invoice(cls.other, "2026-01-03", 300.0)
        # The only outgoing mail server refuses every connection.
        cls.env["ir.mail_server"].search([]).active = False
        cls.env["ir.mail_server"].create(
            {
                "name": "Refusing server",
                "smtp_host": "127.0.0.1",
                "smtp_port": closed_port(),
                "sequence": 1,
            }
        )
        cls.mail_cron = cls.env.ref("mail.ir_cron_mail_scheduler_action")

    def _send(self, reminders, **values):
        """Send ``reminders`` with the wizard as the billing user."""
        return self.send_with_wizard(reminders, user=self.billing_user, **values)

    def _run_mail_queue(self):
        """Run Odoo's mail queue through its scheduled action, really talking
        to the mail server (Odoo's test mode connects to none)."""
        with patch.object(modules.module, "current_test", None):
            self.mail_cron.method_direct_trigger()

    def _email_failed(self):
        """The reminders the workspace's "Email Failed" filter finds."""
        arch = self.env.ref("dunning_levels.dunning_reminder_view_search").arch
        domain = (
            etree.fromstring(arch)
            .find(".//filter[@name='filter_email_failed']")
            .get("domain")
        )
        return self.env["dunning.reminder"].search(safe_eval(domain))

    def _generate(self):
        with freeze_time("2026-02-01"):
            reminders = self.generate("2026-02-01")
        return (
            reminders.filtered(lambda r: r.move_id == self.invoice),
            reminders.filtered(lambda r: r.move_id == self.other_invoice),
        )

    def test_email_refused_by_the_mail_server(self):
        """The mail server refuses the email: the reminder stays sent, shows
        "email failed" with the reason, has one history line for it and is
        found by the filter; an email still queued is not."""
        reminder, other = self._generate()
        self._send(reminder, use_email=True)
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.email_status, "queued")
        self._run_mail_queue()
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.email_status, "exception")
        self.assertIn(
            "Email to compta@leroy.example not delivered",
            reminder.email_failure_reason,
        )
        self.assertIn("Connection failed", reminder.email_failure_reason)
        self.assertIn("refused", reminder.email_failure_reason)
        failed = reminder.history_ids.filtered(lambda h: h.action == "failed")
        self.assertEqual(len(failed), 1)
        self.assertEqual(failed.channel, "email")
        self.assertEqual(failed.user_id, self.billing_user)
        self.assertEqual(failed.note, reminder.email_failure_reason)
        self._send(other, use_email=True)
        self.assertEqual(other.email_status, "queued")
        self.assertEqual(self._email_failed(), reminder)
        # Bounced on top of it: still one failure in the history.
        notification = reminder.mail_message_id.notification_ids
        notification.sudo().notification_status = "bounce"
        self.assertEqual(reminder.email_status, "bounce")
        self.assertEqual(
            len(reminder.history_ids.filtered(lambda h: h.action == "failed")), 1
        )

    def test_failed_email_sent_again_as_a_letter(self):
        """One action sends the failed reminder again: the same level is
        prepared again and the wizard opens on it, where the letter is
        chosen; the failed reminder is closed, pointing at it."""
        reminder, __ = self._generate()
        self._send(reminder, use_email=True)
        self._run_mail_queue()
        action = reminder.with_user(self.billing_user).action_email_failed_resend()
        self.assertEqual(reminder.state, "closed")
        self.assertIn(
            "Email failed",
            reminder.history_ids.filtered(lambda h: h.action == "closed").note,
        )
        self.assertFalse(self._email_failed())
        self.assertEqual(action["res_model"], "dunning.send")
        new = self.env["dunning.reminder"].browse(action["context"]["active_ids"])
        self.assertEqual(new.move_id, self.invoice)
        self.assertEqual(new.level, reminder.level)
        form = Form(
            self.env["dunning.send"]
            .with_user(self.billing_user)
            .with_context(**action["context"])
        )
        form.use_email = False
        form.use_letter = True
        wizard = form.save()
        wizard.action_send()
        self.assertEqual(new.state, "sent")
        self.assertEqual(new.channel, "letter")
        self.assertTrue(wizard.letter_attachment_id)
        self.assertEqual(self.invoice.dunning_level, 1)

    def test_failed_email_sent_again_by_email(self):
        """The same action sends it again by email, once the mail server
        works again: a new email, queued."""
        reminder, __ = self._generate()
        self._send(reminder, use_email=True)
        self._run_mail_queue()
        self.assertEqual(reminder.email_status, "exception")
        action = reminder.action_email_failed_resend()
        new = self.env["dunning.reminder"].browse(action["context"]["active_ids"])
        self._send(new, use_email=True)
        self.assertEqual(new.state, "sent")
        self.assertEqual(new.channel, "email")
        self.assertEqual(new.email_status, "queued")
        self.assertNotEqual(new.mail_message_id, reminder.mail_message_id)
