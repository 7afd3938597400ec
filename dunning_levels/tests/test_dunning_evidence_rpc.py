# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The evidence of the reminders is permanent: over JSON-RPC, as the real
users, nobody writes a history line, rewrites what a reminder records of its
sending, sets an invoice's level without a history line, deletes or rewrites
a proof, or deletes an invoice whose reminders were sent."""

import base64

import psycopg2

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import mute_logger

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningEvidenceRpc(DunningCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        address = {"street": "3 rue du Four", "zip": "69002", "city": "Lyon"}
        cls.customer = cls.create_customer("Boulangerie Leroy", **address)
        cls.other_customer = cls.create_customer("Garage Dubois", **address)
        cls.invoice = cls.create_invoice(cls.customer, "2026-01-01")
        cls.other_invoice = cls.create_invoice(cls.other_customer, "2026-01-01")
        reminders = cls.env["dunning.reminder"].generate_reminders(
            fields.Date.to_date("2026-02-01")
        )
        cls.sent = reminders.filtered(lambda r: r.move_id == cls.invoice)
        cls.draft = reminders - cls.sent
        cls.send_with_wizard(
            cls.sent, user=cls.billing_user, use_email=False, use_letter=True
        )
        cls.letter = cls.sent.letter_attachment_id

    def call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def assert_refused(self, model, method, args, kwargs=None, error="AccessError"):
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self.call(model, method, args, kwargs)
        self.assertIn(error, str(caught.exception))

    def test_history_is_written_by_the_models_only(self):
        """Neither a billing user nor a manager creates, changes or deletes a
        history line; the actions they take still write theirs."""
        line = self.sent.history_ids[:1]
        for user in (self.billing_user, self.manager_user):
            self.authenticate(user.login, user.login)
            with self.subTest(user=user.login):
                self.assert_refused(
                    "dunning.history",
                    "create",
                    [
                        {
                            "move_id": self.other_invoice.id,
                            "action": "sent",
                            "level": 3,
                            "channel": "letter",
                            "user_id": self.admin.id,
                            "date": "2026-01-15 10:00:00",
                        }
                    ],
                )
                self.assert_refused(
                    "dunning.history",
                    "write",
                    [line.ids, {"date": "2026-01-15 10:00:00", "user_id": 1}],
                )
                self.assert_refused("dunning.history", "unlink", [line.ids])
        self.assertFalse(
            self.other_invoice.dunning_history_ids.filtered(
                lambda h: h.action == "sent"
            )
        )
        self.authenticate(self.billing_user.login, self.billing_user.login)
        self.call("dunning.reminder", "action_mark_sent", [self.draft.ids])
        self.assertRecordValues(
            self.draft.history_ids.filtered(lambda h: h.action == "marked_sent"),
            [{"user_id": self.billing_user.id, "level": 1}],
        )

    def test_reminder_evidence_cannot_be_rewritten(self):
        """What a reminder records of its sending is written by its actions
        only; its note stays free."""
        self.authenticate(self.billing_user.login, self.billing_user.login)
        for values in (
            {"state": "draft"},
            {"level": 3},
            {"channel": "email"},
            {"sent_datetime": "2026-01-02 08:00:00"},
            {"sent_by_id": self.admin.id},
            {"mail_message_id": self.invoice.message_ids[:1].id},
            {"letter_attachment_id": False},
            {"move_id": self.other_invoice.id},
            {"amount_overdue": 1.0},
        ):
            with self.subTest(values=values):
                self.assert_refused(
                    "dunning.reminder", "write", [self.sent.ids, values]
                )
        self.assert_refused(
            "dunning.reminder",
            "write",
            [self.draft.ids, {"state": "sent", "sent_by_id": self.admin.id}],
        )
        self.assert_refused(
            "dunning.reminder",
            "create",
            [
                {
                    "move_id": self.invoice.id,
                    "currency_id": self.invoice.currency_id.id,
                    "level": 3,
                    "state": "sent",
                    "sent_by_id": self.admin.id,
                }
            ],
        )
        self.call("dunning.reminder", "write", [self.sent.ids, {"note": "Called"}])
        self.assertRecordValues(
            self.sent,
            [
                {
                    "state": "sent",
                    "level": 1,
                    "channel": "letter",
                    "sent_by_id": self.billing_user.id,
                    "letter_attachment_id": self.letter.id,
                    "note": "Called",
                }
            ],
        )
        self.assertEqual(self.draft.state, "draft")
        self.assertEqual(len(self.invoice.dunning_reminder_ids), 1)

    def test_manager_cannot_reopen_or_delete_a_sent_reminder(self):
        self.authenticate(self.manager_user.login, self.manager_user.login)
        self.assert_refused(
            "dunning.reminder", "write", [self.sent.ids, {"state": "draft"}]
        )
        self.assert_refused(
            "dunning.reminder", "unlink", [self.sent.ids], error="UserError"
        )
        self.assertEqual(self.sent.state, "sent")

    def test_invoice_level_changes_with_a_history_line_only(self):
        """The level and date of the last reminder of an invoice are not
        written directly; the 'set level' wizard writes them with a line."""
        self.authenticate(self.billing_user.login, self.billing_user.login)
        for values in ({"dunning_level": 3}, {"dunning_date": "2026-01-15"}):
            with self.subTest(values=values):
                self.assert_refused(
                    "account.move", "write", [self.other_invoice.ids, values]
                )
        self.assert_refused(
            "account.move",
            "create",
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": self.customer.id,
                    "dunning_level": 3,
                }
            ],
        )
        self.assertEqual(self.other_invoice.dunning_level, 0)
        wizard_id = self.call(
            "dunning.set.level",
            "create",
            [
                {
                    "move_ids": [Command.set(self.other_invoice.ids)],
                    "level": "2",
                    "note": "Agreed with the customer",
                }
            ],
        )
        self.call("dunning.set.level", "action_apply", [[wizard_id]])
        self.assertEqual(self.other_invoice.dunning_level, 2)
        self.assertRecordValues(
            self.other_invoice.dunning_history_ids.filtered(
                lambda h: h.action == "level_changed"
            ),
            [{"level": 2, "user_id": self.billing_user.id}],
        )

    def test_proofs_cannot_be_deleted_or_rewritten(self):
        """The printed letter and the proofs attached to a reminder stay as
        they are, although the user may write on the reminder; attachments of
        the invoice stay the user's to manage."""
        proof = self.env["ir.attachment"].create(
            {
                "name": "Deposit proof.pdf",
                "raw": b"%PDF-1.4 proof",
                "res_model": "dunning.reminder",
                "res_id": self.sent.id,
            }
        )
        other = self.env["ir.attachment"].create(
            {
                "name": "Purchase order.pdf",
                "raw": b"%PDF-1.4 order",
                "res_model": "account.move",
                "res_id": self.invoice.id,
            }
        )
        self.assertTrue(self.letter)
        content = self.letter.raw
        self.authenticate(self.billing_user.login, self.billing_user.login)
        forged = base64.b64encode(b"%PDF-1.4 forged").decode()
        for attachment in self.letter | proof:
            with self.subTest(attachment=attachment.name):
                self.assert_refused("ir.attachment", "unlink", [attachment.ids])
                for values in (
                    {"datas": forged},
                    {"name": "Other.pdf"},
                    {"res_id": self.draft.id},
                ):
                    self.assert_refused(
                        "ir.attachment", "write", [attachment.ids, values]
                    )
        self.assertEqual(self.letter.raw, content)
        self.assertEqual(proof.raw, b"%PDF-1.4 proof")
        self.assertEqual(self.sent.letter_attachment_id, self.letter)
        self.call("ir.attachment", "write", [other.ids, {"name": "PO.pdf"}])
        self.call("ir.attachment", "unlink", [other.ids])
        self.assertFalse(other.exists())

    def _new_invoice_reminded(self, sent):
        """Post a new invoice (the last of its journal), generate its
        reminder, send it if ``sent``, and reset the invoice to draft."""
        invoice = self.create_invoice(self.customer, "2026-01-10")
        reminder = self.generate("2026-02-10").filtered(lambda r: r.move_id == invoice)
        if sent:
            reminder.with_user(self.billing_user).action_mark_sent()
        invoice.button_draft()
        return invoice, reminder

    def test_invoice_with_sent_reminders_cannot_be_deleted(self):
        invoice, reminder = self._new_invoice_reminded(sent=True)
        history = invoice.dunning_history_ids
        self.authenticate(self.billing_user.login, self.billing_user.login)
        self.assert_refused("account.move", "unlink", [invoice.ids], error="UserError")
        with self.assertRaisesRegex(UserError, "payment reminders were sent"):
            invoice.with_user(self.billing_user).unlink()
        self.assertTrue(invoice.exists())
        self.assertEqual(reminder.exists(), reminder)
        self.assertEqual(history.exists(), history)
        # Neither can the database delete it behind the ORM's back.
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.ForeignKeyViolation),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute("DELETE FROM account_move WHERE id = %s", invoice.ids)

    def test_invoice_never_reminded_is_deleted_with_its_drafts(self):
        """An invoice whose reminders were never sent is deleted as usual,
        with its reminders and their history; so is a new draft invoice."""
        invoice, reminder = self._new_invoice_reminded(sent=False)
        history = invoice.dunning_history_ids
        self.assertEqual(reminder.state, "cancelled")
        new_draft = self.create_invoice(self.customer, "2026-02-10", post=False)
        self.authenticate(self.billing_user.login, self.billing_user.login)
        self.call("account.move", "unlink", [(invoice | new_draft).ids])
        self.assertFalse(invoice.exists())
        self.assertFalse(new_draft.exists())
        self.assertFalse(reminder.exists())
        self.assertFalse(history.exists())
