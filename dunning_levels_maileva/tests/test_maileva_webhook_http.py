# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import base64
import json

from odoo.tests import HttpCase, tagged

from .common import DunningMailevaCommon


@tagged("post_install", "-at_install")
class TestMailevaWebhookHttp(DunningMailevaCommon, HttpCase):
    """The webhook route through real HTTP requests."""

    def _post(self, path, payload, credentials=None):
        headers = {"Content-Type": "application/json"}
        if credentials:
            token = base64.b64encode(credentials.encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        return self.url_open(path, data=payload, headers=headers)

    def test_webhook_answers_201_and_rereads(self):
        """Right credentials: 201 and the named sending is read again;
        wrong or missing credentials: 401 and nothing is read."""
        self.company.write(
            {"maileva_webhook_login": "maileva", "maileva_webhook_password": "s3cret"}
        )
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.assertEqual(sending.state, "submitted")
        self.fake.advance(sending.maileva_sending_id)
        path = f"/dunning_levels_maileva/webhook/{self.company.id}"
        payload = json.dumps(
            {
                "resource_id": sending.maileva_sending_id,
                "event_type": "ON_STATUS_REJECTED",
            }
        )
        self.assertEqual(self._post(path, payload).status_code, 401)
        self.assertEqual(self._post(path, payload, "maileva:wrong").status_code, 401)
        sending.invalidate_recordset(["state"])
        self.assertEqual(sending.state, "submitted")
        response = self._post(path, payload, "maileva:s3cret")
        self.assertEqual(response.status_code, 201)
        sending.invalidate_recordset(["state"])
        # The payload said "rejected"; Maileva's own status says accepted.
        self.assertEqual(sending.state, "accepted")

    def test_webhook_refuses_strangers_and_unknown_sendings(self):
        """Unknown company or no credentials set: 401. Unknown sending or
        malformed payload: 201 as Maileva expects, and nothing is read nor
        changed."""
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        path = f"/dunning_levels_maileva/webhook/{self.company.id}"
        known = json.dumps({"resource_id": sending.maileva_sending_id})
        # No webhook credentials set: nobody gets in, not even with empty ones.
        self.assertEqual(self._post(path, known, ":").status_code, 401)
        self.company.write(
            {"maileva_webhook_login": "maileva", "maileva_webhook_password": "s3cret"}
        )
        unknown_company = "/dunning_levels_maileva/webhook/999999"
        self.assertEqual(
            self._post(unknown_company, known, "maileva:s3cret").status_code, 401
        )
        reads = len(self.fake.calls("GET", r"/sendings"))
        for payload in (
            json.dumps({"resource_id": "not-a-sending-of-ours"}),
            json.dumps({"resource_id": 42}),
            json.dumps(["resource_id", sending.maileva_sending_id]),
            "<xml>not json</xml>",
        ):
            with self.subTest(payload=payload):
                response = self._post(path, payload, "maileva:s3cret")
                self.assertEqual(response.status_code, 201)
        self.assertEqual(len(self.fake.calls("GET", r"/sendings")), reads)
        sending.invalidate_recordset(["state"])
        self.assertEqual(sending.state, "submitted")
