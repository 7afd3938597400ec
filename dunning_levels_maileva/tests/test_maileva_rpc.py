# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The Maileva letters over real JSON-RPC, as the users' browsers or scripts
reach them: nobody rewrites what makes a letter go out once, and a read-only
user makes no call to Maileva."""

import json

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import DunningMailevaCommon


@tagged("post_install", "-at_install")
class TestMailevaRpc(DunningMailevaCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.auditor = new_test_user(
            cls.env,
            login="dunning_maileva_auditor",
            groups="account.group_account_readonly",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    def call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def assert_refused(self, text, model, method, args):
        """The call is refused with an access error whose message holds
        ``text``."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": {}},
        }
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/web/dataset/call_kw/{model}/{method}",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        error = response.json().get("error")
        self.assertTrue(error, f"{model}.{method} was not refused")
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertIn(text, error["data"]["message"])

    def test_pipeline_fields_refused_to_users(self):
        """Neither a billing user nor an accounting manager can clear a posted
        letter's custom id and set it back to be created (which would post a
        second, paid, letter), change any of its fields, create a letter in a
        state of their choice or unlink a letter from its reminders: the
        scheduled action posts nothing more."""
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.assertEqual(sending.state, "submitted")
        custom_id = sending.custom_id
        for user in (self.billing_user, self.manager_user):
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login)
                for values in (
                    {"custom_id": False, "state": "draft"},
                    {"custom_id": False},
                    {"state": "draft"},
                    {"attempt_count": 0},
                    {"maileva_sending_id": "another"},
                    {"attachment_id": False},
                    {"address_line_4": "1 rue Autre"},
                ):
                    self.assert_refused(
                        "cannot be written",
                        "maileva.sending",
                        "write",
                        [sending.ids, values],
                    )
                self.assert_refused(
                    "cannot be written",
                    "maileva.sending",
                    "create",
                    [
                        {
                            "partner_id": self.customer.id,
                            "reminder_ids": [(6, 0, reminder.ids)],
                            "attachment_id": sending.attachment_id.id,
                            "state": "recipient_added",
                            "maileva_sending_id": sending.maileva_sending_id,
                        }
                    ],
                )
                for model, record in (
                    ("dunning.reminder", reminder),
                    ("account.move", reminder.move_id),
                ):
                    self.assert_refused(
                        "linked by their sending only",
                        model,
                        "write",
                        [record.ids, {"maileva_sending_ids": [(5, 0, 0)]}],
                    )
        sending.invalidate_recordset()
        self.assertEqual(sending.state, "submitted")
        self.assertEqual(sending.custom_id, custom_id)
        self.assertEqual(reminder.maileva_sending_ids, sending)
        self.assertEqual(self.env["maileva.sending"].search_count([]), 1)
        self.run_cron()
        self.assertMailevaReceived("mail/v2")
        self.assertEqual(len(self.fake.calls("POST", r"/mail/v2/sendings$")), 1)

    def test_billing_user_retries_and_refreshes(self):
        """A billing user retries a letter in error and reads a status over
        RPC: the model's own methods write the letter for them."""
        self.fake.inject(400, path="/documents", method="POST")
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.assertEqual(sending.state, "error")
        self.authenticate(self.billing_user.login, self.billing_user.login)
        self.call("maileva.sending", "action_retry", [sending.ids])
        self.run_cron()
        self.assertEqual(sending.state, "submitted")
        self.fake.advance(sending.maileva_sending_id)
        self.call("maileva.sending", "action_refresh_status", [sending.ids])
        sending.invalidate_recordset()
        self.assertEqual(sending.state, "accepted")
        self.assertMailevaReceived("mail/v2")

    def test_auditor_triggers_no_maileva_call(self):
        """A read-only auditor sees the letters, but asking for their status
        or a retry is refused before any request reaches Maileva."""
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.fake.advance(sending.maileva_sending_id)
        self.authenticate(self.auditor.login, self.auditor.login)
        rows = self.call("maileva.sending", "read", [sending.ids, ["state"]])
        self.assertEqual(rows[0]["state"], "submitted")
        calls = len(self.fake.requests)
        for method in ("action_refresh_status", "action_retry"):
            with self.subTest(method=method):
                self.assert_refused(
                    "not allowed to modify", "maileva.sending", method, [sending.ids]
                )
        self.assertEqual(len(self.fake.requests), calls)
        sending.invalidate_recordset()
        self.assertEqual(sending.state, "submitted")
