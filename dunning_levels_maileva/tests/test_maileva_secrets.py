# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Maileva credentials and tokens never leave the system administrators'
settings: not in the logs (captured at DEBUG level), the chatter, the
error messages nor the sending summary."""

import logging
from contextlib import contextmanager

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DunningMailevaCommon

WATCHED_LOGGERS = ("odoo", "urllib3", "requests")


class CaptureHandler(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.texts = []

    def emit(self, record):
        text = record.getMessage()
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        self.texts.append(text)


@tagged("post_install", "-at_install")
class TestMailevaSecrets(DunningMailevaCommon):
    @contextmanager
    def capture_logs(self):
        """Capture every record of Odoo and of the HTTP client, DEBUG
        included (without writing them anywhere else).

        Except the SQL queries (``odoo.sql_db`` at DEBUG, Odoo's
        ``--log-level=debug_sql``), which show every value written, the
        credentials typed in the settings included, by design.
        """
        handler = CaptureHandler()
        loggers = [logging.getLogger(name) for name in WATCHED_LOGGERS]
        sql_logger = logging.getLogger("odoo.sql_db")
        saved = [(logger.level, logger.propagate) for logger in loggers]
        saved_sql_level = sql_logger.level
        for logger in loggers:
            logger.addHandler(handler)
            logger.setLevel(logging.DEBUG)
            logger.propagate = False
        sql_logger.setLevel(logging.INFO)
        try:
            yield handler.texts
        finally:
            sql_logger.setLevel(saved_sql_level)
            for logger, (level, propagate) in zip(loggers, saved, strict=True):
                logger.removeHandler(handler)
                logger.setLevel(level)
                logger.propagate = propagate

    def secrets(self):
        """Every secret in play: credentials and the tokens issued."""
        company = self.company.sudo()
        return [
            company.maileva_password,
            company.maileva_client_secret,
            *self.fake.tokens,
            *self.fake.refresh_tokens,
        ]

    def assert_nowhere(self, secrets, *texts):
        secrets = [secret for secret in secrets if secret]
        self.assertTrue(secrets)
        for text in texts:
            for secret in secrets:
                self.assertNotIn(secret, text or "")

    def test_secrets_absent_from_logs_chatter_and_errors(self):
        """Refused credentials, a letter sent, a token expired and renewed,
        server errors: no secret is written anywhere."""
        self.company.maileva_webhook_password = "Webhook-S3cret"
        password = self.company.sudo().maileva_password
        with self.capture_logs() as logs:
            self.company.maileva_password = "Sesame-42"
            refused = self.create_reminder()
            refused_wizard = self.send_wizard(refused)
            self.company.maileva_password = password
            reminder = self.create_reminder()
            wizard = self.send_wizard(reminder)
            self.fake.expire_tokens()
            self.fake.inject(500, path="/sendings", method="POST")
            self.fake.inject(500, path="/sendings", method="POST")
            second = self.create_reminder()
            second_wizard = self.send_wizard(second)
            secrets = self.secrets()
        secrets += ["Sesame-42", "Webhook-S3cret"]
        # The HTTP client's own DEBUG lines (the token requests) are there.
        self.assertTrue(any("/token" in text for text in logs))
        sendings = self.sending_of(refused | reminder | second)
        self.assertEqual(self.sending_of(refused).state, "error")
        messages = self.env["mail.message"].search(
            [
                "|",
                "&",
                ("model", "=", "maileva.sending"),
                ("res_id", "in", sendings.ids),
                "&",
                ("model", "=", "account.move"),
                ("res_id", "in", (refused | reminder | second).move_id.ids),
            ]
        )
        self.assertTrue(messages)
        self.assert_nowhere(
            secrets,
            *logs,
            *messages.mapped("body"),
            *sendings.mapped("error_message"),
            *(str(w.summary_html) for w in (refused_wizard, wizard, second_wizard)),
        )

    def test_credentials_for_system_administrators_only(self):
        """Even the accounting manager cannot read the credentials; the
        system administrator can."""
        manager = self.manager_user
        admin = new_test_user(
            self.env,
            login="dunning_maileva_admin",
            groups="base.group_system,account.group_account_manager",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        credentials = [
            "maileva_username",
            "maileva_password",
            "maileva_client_id",
            "maileva_client_secret",
            "maileva_webhook_login",
            "maileva_webhook_password",
            "maileva_auth_url",
            "maileva_api_url",
        ]
        for field in credentials:
            with self.subTest(field=field), self.assertRaises(AccessError):
                self.company.with_user(manager).read([field])
        self.assertFalse(
            set(credentials)
            & set(self.env["res.company"].with_user(manager).fields_get())
        )
        values = self.company.with_user(admin).read(credentials)[0]
        self.assertEqual(values["maileva_password"], self.fake.password)
