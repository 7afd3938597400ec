# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The sending service (dunning.sending): what it gives as data, its channel
hooks, a communication failing alone, and the background sending calling it
without a wizard."""

from unittest.mock import patch

from odoo import api
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from ..const import (
    CHANNEL_EMAIL,
    CHANNEL_LETTER,
    CHANNEL_MANUAL,
    STATE_DRAFT,
    STATE_SENT,
)
from ..models.dunning_sending import UNEXPECTED_ERROR
from .common import DunningCommon

ADDRESS = {"street": "1 rue de la Paix", "zip": "75002", "city": "Paris"}


@tagged("post_install", "-at_install")
class TestDunningSending(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alpha = cls.create_customer("Alpha", email="alpha@example.com", **ADDRESS)
        cls.bravo = cls.create_customer("Bravo", email="bravo@example.com", **ADDRESS)
        cls.nomail = cls.create_customer("Charlie", email=False, **ADDRESS)
        for partner, date in [
            (cls.alpha, "2026-01-01"),
            (cls.alpha, "2026-01-02"),
            (cls.bravo, "2026-01-03"),
            (cls.nomail, "2026-01-04"),
        ]:
            cls.create_invoice(partner, date, 100.0)

    def _reminders(self):
        with freeze_time("2026-02-01"):
            return self.generate("2026-02-01").with_user(self.billing_user)

    def _service(self):
        return self.env["dunning.sending"].with_user(self.billing_user)

    def test_preview_is_data(self):
        """The preview gives counts per level and channel and problems with
        a reason code and a translated message, without changing anything."""
        reminders = self._reminders()
        with freeze_time("2026-02-01"):
            preview = self._service()._get_preview(
                {"channels": [CHANNEL_EMAIL, CHANNEL_LETTER]}, reminders=reminders
            )
        lines = {(line["level"], line["channel"]): line for line in preview["lines"]}
        self.assertEqual(set(lines), {(1, CHANNEL_EMAIL), (1, CHANNEL_LETTER)})
        self.assertEqual(lines[(1, CHANNEL_EMAIL)]["invoices"], 4)
        self.assertEqual(lines[(1, CHANNEL_EMAIL)]["customers"], 3)
        self.assertAlmostEqual(lines[(1, CHANNEL_EMAIL)]["amount"], 400.0)
        self.assertEqual(
            preview["problems"],
            [{"code": "no_email", "message": "Charlie has no email address."}],
        )
        self.assertEqual(set(reminders.mapped("state")), {STATE_DRAFT})

    def test_result_is_data(self):
        """The result counts per channel, lists the communications sent and
        the failures with their reason code; the history has one line each."""
        reminders = self._reminders()
        with freeze_time("2026-02-02"):
            result = self._service()._send(
                {"channels": [CHANNEL_EMAIL]}, reminders=reminders
            )
        self.assertEqual(result["sent"], {CHANNEL_EMAIL: 3})
        self.assertEqual(result["sent_count"], 3)
        self.assertEqual(len(result["groups"]), 2)
        self.assertEqual(
            result["failures"],
            [
                {
                    "name": "Charlie",
                    "channel": CHANNEL_EMAIL,
                    "code": "no_email",
                    "message": "Charlie has no email address.",
                }
            ],
        )
        charlie = reminders.filtered(lambda r: r.partner_id == self.nomail)
        self.assertEqual(charlie.state, STATE_DRAFT)
        self.assertEqual(
            sorted(charlie.history_ids.mapped("action")), ["failed", "generated"]
        )
        self.assertEqual(set((reminders - charlie).mapped("state")), {STATE_SENT})

    def test_merge_results(self):
        """The batches of a background sending add up."""
        service = self._service()
        first = service._new_result()
        first.update(sent={"email": 2}, sent_count=2, closed={"paid": 1})
        second = service._new_result()
        second.update(sent={"email": 1, "letter": 1}, sent_count=1)
        service._add_failure(second, "Charlie", "email", service._problem("x", "y"))
        merged = service._merge_results(first, second)
        self.assertEqual(merged["sent"], {"email": 3, "letter": 1})
        self.assertEqual(merged["sent_count"], 3)
        self.assertEqual(merged["closed"], {"paid": 1})
        self.assertEqual(len(merged["failures"]), 1)

    def test_channel_hooks(self):
        """A channel declared in _get_channels is checked and sent through
        the methods it names, in its sequence, and a communication it refuses
        fails with its reason."""
        calls = []
        registry_class = type(self.env["dunning.sending"])
        original = registry_class._get_channels

        @api.model
        def get_channels(service):
            channels = original(service)
            # A carrier pigeon, under the code of "other means".
            channels[CHANNEL_MANUAL] = {
                "sequence": 5,
                "check": "_check_pigeon",
                "send": "_send_pigeon",
            }
            return channels

        def check_pigeon(service, channel, group, options):
            calls.append(("check", channel, group.partner_id.name))
            if group.partner_id == self.bravo:
                return service._problem("no_pigeon", "Bravo keeps no pigeon loft.")
            return None

        def send_pigeon(service, channel, groups, options, result):
            calls.append(("send", channel, [g.partner_id.name for g in groups]))
            return groups, []

        reminders = self._reminders()
        with (
            patch.object(registry_class, "_get_channels", get_channels),
            patch.object(registry_class, "_check_pigeon", check_pigeon, create=True),
            patch.object(registry_class, "_send_pigeon", send_pigeon, create=True),
            freeze_time("2026-02-02"),
        ):
            result = self._service()._send(
                {"channels": [CHANNEL_LETTER, CHANNEL_MANUAL]}, reminders=reminders
            )
        self.assertEqual(
            calls,
            [
                ("check", CHANNEL_MANUAL, "Alpha"),
                ("check", CHANNEL_MANUAL, "Bravo"),
                ("check", CHANNEL_MANUAL, "Charlie"),
                ("send", CHANNEL_MANUAL, ["Alpha", "Charlie"]),
            ],
        )
        # Sent first by its first channel (lowest sequence), then by letter.
        alpha = reminders.filtered(lambda r: r.partner_id == self.alpha)
        self.assertEqual(set(alpha.mapped("channel")), {CHANNEL_MANUAL})
        self.assertEqual(result["sent"], {CHANNEL_MANUAL: 3, CHANNEL_LETTER: 4})
        self.assertIn(
            {
                "name": "Bravo",
                "channel": CHANNEL_MANUAL,
                "code": "no_pigeon",
                "message": "Bravo keeps no pigeon loft.",
            },
            result["failures"],
        )

    def test_unexpected_error_fails_one_communication(self):
        """A communication failing on an error nobody foresaw fails alone:
        rolled back, recorded with its reason, the others sent."""
        reminders = self.in_session(self._reminders())
        reminder_class = type(self.env["dunning.reminder"])
        original = reminder_class._send_email

        def send_email(group, with_statement=False, **kwargs):
            message = original(group, with_statement=with_statement, **kwargs)
            if group.partner_id == self.bravo:
                raise ZeroDivisionError("division by zero")
            return message

        with (
            patch.object(reminder_class, "_send_email", send_email),
            mute_logger("odoo.addons.dunning_levels.models.dunning_sending"),
            freeze_time("2026-02-02"),
        ):
            result = self.in_session(self._service())._send(
                {"channels": [CHANNEL_EMAIL]}, reminders=reminders
            )
        bravo = reminders.filtered(lambda r: r.partner_id == self.bravo)
        self.assertEqual(bravo.state, STATE_DRAFT)
        self.assertFalse(bravo.mail_message_id, "its email was rolled back")
        failure = next(f for f in result["failures"] if f["name"] == "Bravo")
        self.assertEqual(failure["code"], UNEXPECTED_ERROR)
        self.assertIn("division by zero", failure["message"])
        alpha = reminders.filtered(lambda r: r.partner_id == self.alpha)
        self.assertEqual(set(alpha.mapped("state")), {STATE_SENT})
        # Sent together first, then one by one once Bravo failed: Alpha's
        # email is posted once.
        emails = self.env["mail.message"].search(
            [
                ("model", "=", "account.move"),
                ("res_id", "in", reminders.move_id.ids),
                ("message_type", "=", "comment"),
            ]
        )
        self.assertEqual(emails, alpha.mail_message_id)
        self.assertEqual(len(emails.mail_ids), 1)
        # Only the invoice emailed is followed by the sender.
        self.assertEqual(
            reminders.move_id.filtered(
                lambda move: self.billing_user.partner_id in move.message_partner_ids
            ).ids,
            [emails.res_id],
        )

    def test_emails_of_a_sending_posted_as_one_alone(self):
        """The emails of a sending, whose reply-to, sender and thread are
        read once for all, are posted as Odoo posts one email alone."""
        alias_domain = self.env["mail.alias.domain"].create(
            {"name": "leroy.example.com", "catchall_alias": "compta"}
        )
        self.company.write(
            {"alias_domain_id": alias_domain.id, "email": "relances@example.com"}
        )
        reminders = self._reminders()
        alpha = reminders.filtered(lambda r: r.partner_id == self.alpha)
        bravo = reminders.filtered(lambda r: r.partner_id == self.bravo)
        with freeze_time("2026-02-02"):
            result = self._service()._send({"channels": [CHANNEL_EMAIL]}, alpha | bravo)
            alone = self.create_invoice(self.bravo, "2026-01-05", 100.0)
        with freeze_time("2026-02-10"):
            alone_reminder = self.generate("2026-02-10").filtered(
                lambda r: r.move_id == alone
            )
            alone_message = alone_reminder.with_user(self.billing_user)._send_email()
        self.assertEqual(result["sent_count"], 3)
        fields = [
            "author_id",
            "email_from",
            "record_alias_domain_id",
            "record_company_id",
        ]
        expected = alone_message.read(fields)[0]
        del expected["id"]
        self.assertEqual(expected["record_alias_domain_id"][0], alias_domain.id)
        messages = (alpha | bravo).mail_message_id
        self.assertEqual(len(messages), 2)
        for message in messages | alone_message:
            self.assertEqual(message.read(fields)[0], {**expected, "id": message.id})
            # The catchall, named after the message's own invoice.
            invoice = self.env["account.move"].browse(message.res_id)
            self.assertEqual(
                message.reply_to,
                f'"{self.company.name} {invoice.name}" <compta@leroy.example.com>',
            )

    def test_sender_follows_the_emailed_invoices(self):
        """The sender of a sending's emails follows each invoice carrying one,
        as Odoo's ``message_post`` subscribes the author of one email: the
        customers' replies reach them. A scheduled sending, run by OdooBot
        (archived), subscribes the emails' author instead."""
        self.company.email = "relances@example.com"
        reminders = self.in_session(self._reminders())
        alpha = reminders.filtered(lambda r: r.partner_id == self.alpha)
        bravo = reminders.filtered(lambda r: r.partner_id == self.bravo)
        with freeze_time("2026-02-02"):
            self.in_session(self._service())._send({"channels": [CHANNEL_EMAIL]}, alpha)
            root = self.env.ref("base.user_root")
            self.in_session(self.env["dunning.sending"].with_user(root))._send(
                {"channels": [CHANNEL_EMAIL]}, bravo.with_user(root)
            )
        sender = self.billing_user.partner_id
        # Alpha's two invoices, one email: on the invoice due first.
        carrier = alpha.mail_message_id.res_id
        first_due = min(alpha.move_id, key=lambda move: move.invoice_date_due)
        self.assertEqual(carrier, first_due.id)
        followed = self.env["mail.followers"].search(
            [("res_model", "=", "account.move"), ("partner_id", "=", sender.id)]
        )
        self.assertEqual(followed.mapped("res_id"), [carrier])
        author = bravo.mail_message_id.author_id
        self.assertTrue(author.active)
        self.assertIn(author, bravo.move_id.message_partner_ids)
        self.assertNotIn(root.partner_id, bravo.move_id.message_partner_ids)
        self.assertNotIn(sender, bravo.move_id.message_partner_ids)

    def test_single_reminder_letter_uses_the_service_options(self):
        """Printing one reminder's letter asks the service for the letter's
        options: one invoice, with its copy."""
        reminder = self._reminders()[:1]
        # Still to send: the printer first asks whether it counts as sent.
        question = reminder.action_print_letter()
        wizard = self.env[question["res_model"]].browse(question["res_id"])
        wizard.mark_sent = False
        action = wizard.action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(
            action["data"],
            {"grouping": "invoice", "sort_key": "partner", "attach_invoices": True},
        )
