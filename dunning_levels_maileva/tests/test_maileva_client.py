# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from unittest.mock import patch

import requests

from odoo.modules.neutralize import get_neutralization_queries
from odoo.tests import tagged

from ..tools import MailevaApi, MailevaAuthError, MailevaError, MailevaRetryableError
from .common import DunningMailevaCommon, load_fake_maileva


@tagged("post_install", "-at_install")
class TestMailevaClient(DunningMailevaCommon):
    def api(self):
        return MailevaApi(self.env, self.company)

    def test_token_with_form_or_basic_client_credentials(self):
        """The fake's token endpoint takes the client credentials in the form
        (as the client sends them) or in HTTP Basic."""
        token_url = (
            self.fake.url + "/auth/realms/services/protocol/openid-connect/token"
        )
        user = {
            "grant_type": "password",
            "username": self.fake.username,
            "password": self.fake.password,
        }
        answer = requests.post(
            token_url,
            data=user,
            auth=(self.fake.client_id, self.fake.client_secret),
            timeout=5,
        )
        self.assertEqual(answer.status_code, 200)
        self.assertEqual(answer.json()["token_type"], "Bearer")
        answer = requests.post(
            token_url, data=dict(user, password="bad"), auth=("x", "y"), timeout=5
        )
        self.assertEqual(answer.json()["error"], "invalid_client")
        with self.assertRaises(MailevaError) as caught:
            self.api().get_sending("mail", "unknown")
        self.assertEqual(caught.exception.code, "SENDING_NOT_FOUND")
        token_call = self.fake.calls("POST", r"/token$")[-1]
        self.assertIn(b"client_secret", token_call["body"])

    def test_answer_not_json_is_a_transient_error(self):
        """A successful answer whose body is not JSON (a proxy's page) is a
        transient error: the call is not repeated (it may have been
        processed), the next attempt reconciles."""
        self.fake.inject(
            "raw", path="/mail/v2/sendings", method="POST", body=b"<html>OK</html>"
        )
        with self.assertRaises(MailevaRetryableError) as caught:
            self.api().create_sending("mail", {"name": "Relance"})
        self.assertEqual(caught.exception.code, "UNEXPECTED")
        self.assertEqual(len(self.fake.calls("POST", r"/mail/v2/sendings$")), 1)
        self.assertEqual(len(self.fake.sendings["mail/v2"]), 1)

    def test_endpoints_follow_environment(self):
        """Without overrides, the sandbox and production hosts are used."""
        self.company.write({"maileva_auth_url": False, "maileva_api_url": False})
        self.assertEqual(self.api().api_url, "https://api.sandbox.maileva.net")
        self.assertEqual(self.api().auth_url, "https://connexion.sandbox.maileva.net")
        self.company.maileva_environment = "production"
        self.assertEqual(self.api().api_url, "https://api.maileva.com")
        self.assertEqual(self.api().auth_url, "https://connexion.maileva.com")

    def test_paging_finds_sending_by_custom_id(self):
        """The sending of a custom id is found across pages."""
        api = self.api()
        for number in range(5):
            api.create_sending(
                "mail", {"name": f"L{number}", "custom_id": f"c{number}"}
            )
        with patch("odoo.addons.dunning_levels_maileva.tools.maileva_api.PAGE_SIZE", 2):
            self.assertEqual(api.find_sending("mail", "c4")["custom_id"], "c4")
            self.assertIsNone(api.find_sending("mail", "c9"))
        self.assertEqual(len(self.fake.calls("GET", r"/mail/v2/sendings$")), 6)

    def test_multipart_metadata_as_json_part(self):
        """The document is uploaded as a multipart with a JSON metadata
        part, which the fake reads."""
        api = self.api()
        sending = api.create_sending("registered", {"name": "LR"})
        pdf = load_fake_maileva().server.PROOF_PDF
        document = api.add_document("registered", sending["id"], "a.pdf", pdf)
        self.assertEqual(document["priority"], 1)
        self.assertEqual(document["name"], "a.pdf")
        with self.assertRaises(MailevaError) as caught:
            api.add_document("registered", sending["id"], "b.pdf", pdf)
        self.assertEqual(caught.exception.code, "DUPLICATE_PRIORITY")
        with self.assertRaises(MailevaError) as caught:
            api.add_document("registered", sending["id"], "c.exe", b"MZ", priority=2)
        self.assertEqual(caught.exception.code, "DOCUMENT_TYPE_NOT_ACCEPTED")

    def test_fake_validates_recipients(self):
        """The fake answers the contract's validation errors, all at once."""
        api = self.api()
        sending = api.create_sending("registered", {"name": "LR"})
        with self.assertRaises(MailevaError) as caught:
            api.add_recipient(
                "registered",
                sending["id"],
                {
                    "address_line_4": "x" * 39,
                    "address_line_6": "1000",
                    "country_code": "BE",
                },
            )
        self.assertEqual(caught.exception.status, 400)
        self.assertEqual(caught.exception.code, "ADDRESS_LINE_4_TOO_LONG")
        self.assertIn(
            "empty_address_line_1_or_address_line_2", caught.exception.message
        )
        self.assertIn("invalid_country_code", caught.exception.message)
        with self.assertRaises(MailevaError) as caught:
            api.add_recipient(
                "mail",
                api.create_sending("mail", {})["id"],
                {"address_line_1": "A", "address_line_6": "Lyon", "country_code": "FR"},
            )
        self.assertEqual(caught.exception.code, "ADDRESS_LINE_6_WRONG_FORMAT")
        with self.assertRaises(MailevaError) as caught:
            api.submit("registered", sending["id"])
        self.assertEqual(caught.exception.status, 400)

    def test_fake_refuses_what_is_not_a_pdf(self):
        """The fake takes only a whole PDF as a PDF document: empty is
        EMPTY_DOCUMENT; the text ``False``, HTML or a truncated PDF is
        CORRUPTED_DOCUMENT, answered as 400 with ``errors[]``."""
        api = self.api()
        sending_id = api.create_sending("mail", {"name": "L"})["id"]
        pdf = load_fake_maileva().server.PROOF_PDF
        cases = [
            (b"", "EMPTY_DOCUMENT"),
            (b"False", "CORRUPTED_DOCUMENT"),
            (b"<html><body>letter</body></html>", "CORRUPTED_DOCUMENT"),
            (b"%PDF", "CORRUPTED_DOCUMENT"),
            (pdf[: len(pdf) // 2], "CORRUPTED_DOCUMENT"),
        ]
        for content, code in cases:
            with self.assertRaises(MailevaError) as caught:
                api.add_document("mail", sending_id, "letter.pdf", content)
            self.assertEqual(caught.exception.status, 400)
            self.assertEqual(caught.exception.code, code)
        answer = requests.post(
            f"{self.fake.url}/mail/v2/sendings/{sending_id}/documents",
            headers={"Authorization": f"Bearer {api._get_token()}"},
            files={
                "document": ("letter.pdf", b"False", "application/pdf"),
                "metadata": (None, '{"priority": 1}', "application/json"),
            },
            timeout=5,
        )
        self.assertEqual(answer.status_code, 400)
        self.assertEqual(
            answer.json(),
            {
                "errors": [
                    {"code": "CORRUPTED_DOCUMENT", "message": "corrupted_document"}
                ]
            },
        )
        self.assertEqual(self.fake.sendings["mail/v2"][sending_id]["_documents"], {})
        document = api.add_document("mail", sending_id, "letter.pdf", pdf)
        self.assertEqual(document["size"], len(pdf))

    def test_fake_requires_company_or_person_line(self):
        """The fake takes a recipient with a person on line 2 and no line 1
        (a private person), and refuses one with neither a company nor a
        person, a blank line being none, in the contract's 400 format."""
        api = self.api()
        sending_id = api.create_sending("mail", {"name": "L"})["id"]
        address = {
            "address_line_4": "12 rue des Lilas",
            "address_line_6": "69003 Lyon",
            "country_code": "FR",
        }
        recipient = api.add_recipient(
            "mail", sending_id, dict(address, address_line_2="M. Jean Dupont")
        )
        self.assertEqual(recipient["address_line_2"], "M. Jean Dupont")
        self.assertNotIn("address_line_1", recipient)
        self.assertEqual(recipient["status"], "DRAFT")
        for blank in ({}, {"address_line_1": "  ", "address_line_2": ""}):
            answer = requests.post(
                f"{self.fake.url}/mail/v2/sendings/{sending_id}/recipients",
                headers={"Authorization": f"Bearer {api._get_token()}"},
                json=dict(address, **blank),
                timeout=5,
            )
            self.assertEqual(answer.status_code, 400)
            self.assertEqual(
                answer.json(),
                {
                    "errors": [
                        {
                            "code": "EMPTY_ADDRESS_LINE_1_OR_ADDRESS_LINE_2",
                            "message": "empty_address_line_1_or_address_line_2",
                        }
                    ]
                },
            )
        self.assertEqual(len(api.list_recipients("mail", sending_id)), 1)

    def test_token_server_error_retried(self):
        """A 5xx from the token endpoint is retried with backoff like the
        API's own transient errors, even before a call that is not repeated
        on server errors (the API was not reached)."""
        self.fake.inject(503, path="/token", method="POST")
        self.fake.inject(502, path="/token", method="POST")
        sending = self.api().create_sending("mail", {"name": "L"})
        self.assertEqual(sending["status"], "DRAFT")
        self.assertEqual(len(self.fake.calls("POST", r"/token$")), 3)
        self.assertEqual(len(self.fake.calls("POST", r"/mail/v2/sendings$")), 1)

    def test_refused_while_registry_loads(self):
        """No call leaves while the registry is not ready."""
        with (
            patch.object(self.env.registry, "ready", False),
            self.assertRaises(MailevaError) as caught,
        ):
            self.api().get_sending("mail", "x")
        self.assertEqual(caught.exception.code, "REGISTRY_NOT_READY")
        self.assertFalse(self.fake.requests)

    def test_second_401_is_an_auth_error(self):
        """A 401 persisting after a new token raises the authentication
        error."""
        self.fake.inject(401, path="/sendings/x", body={"code": "UNAUTHORIZED"})
        self.fake.inject(401, path="/sendings/x", body={"code": "UNAUTHORIZED"})
        with self.assertRaises(MailevaAuthError):
            self.api().get_sending("mail", "x")
        self.assertEqual(len(self.fake.calls("POST", r"/token$")), 2)

    def test_neutralize(self):
        """The neutralised database points at the sandbox without
        credentials."""
        self.company.maileva_environment = "production"
        self.env.flush_all()
        for query in get_neutralization_queries(["dunning_levels_maileva"]):
            self.env.cr.execute(query)
        self.env["res.company"].invalidate_model()
        self.assertEqual(self.company.maileva_environment, "sandbox")
        self.assertFalse(self.company.maileva_password)
        self.assertFalse(self.company.maileva_client_secret)
        self.assertFalse(self.company.maileva_api_url)
