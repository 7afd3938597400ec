# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Background sendings are created by the sending wizard only, in the name of
who sends: over JSON-RPC, a billing user can neither create a job nor change
whose it is, what it sends or how; the cron refuses a job its user may no
longer send; the job's summary never carries a script."""

from odoo import Command, fields
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

from .common import DunningCommon

JOB_LOGGER = "odoo.addons.dunning_levels.models.dunning_send_job"


@tagged("post_install", "-at_install")
class TestDunningSendJobRpc(DunningCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.dunning_send_background_threshold = 1
        cls.other_company = cls.setup_other_company()["company"]
        cls.other_company.dunning_send_background_threshold = 1
        cls.admin = cls.env.ref("base.user_admin")
        cls.colleague = new_test_user(
            cls.env,
            login="dunning_job_colleague",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.alpha = cls.create_customer("Alpha", email="alpha@example.com")
        cls.bravo = cls.create_customer("Bravo", email="bravo@example.com")
        for partner in (cls.alpha, cls.bravo):
            cls.create_invoice(partner, "2026-01-01")
        cls.create_invoice(cls.alpha, "2026-01-01", company=cls.other_company)
        date = fields.Date.to_date("2026-02-01")
        reminders = cls.env["dunning.reminder"]
        cls.reminders = reminders.with_company(cls.company).generate_reminders(date)
        cls.other_reminder = reminders.with_company(
            cls.other_company
        ).generate_reminders(date)
        cls.cron = cls.env.ref("dunning_levels.ir_cron_dunning_send_job")

    def call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def assert_refused(self, model, method, args, kwargs=None, error="AccessError"):
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self.call(model, method, args, kwargs)
        self.assertIn(error, str(caught.exception))

    def send_in_background(self, user, reminders, **values):
        """Send ``reminders`` through the wizard as ``user``, in the test's
        context (all the user's companies); return the job."""
        wizard = self.open_send_wizard(
            reminders.with_env(self.env), user=user, use_email=True, **values
        )
        action = wizard.action_send()
        self.assertEqual(action["res_model"], "dunning.send.job")
        return self.env["dunning.send.job"].browse(action["res_id"])

    def test_billing_user_cannot_forge_a_job_over_rpc(self):
        """Creating a job, or changing its user, reminders or options, is
        refused over JSON-RPC; only the wizard records a job, in the name of
        who sends."""
        job = self.send_in_background(self.billing_user, self.reminders)
        self.assertEqual(job.user_id, self.billing_user)
        self.authenticate(self.billing_user.login, self.billing_user.login)
        for user in (self.admin, self.billing_user):
            with self.subTest(user=user.login):
                self.assert_refused(
                    "dunning.send.job",
                    "create",
                    [
                        {
                            "user_id": user.id,
                            "company_id": self.company.id,
                            "reminder_ids": [Command.set(self.reminders.ids)],
                            "send_options": {"use_email": True},
                            "total_count": len(self.reminders),
                        }
                    ],
                )
        for values in (
            {"user_id": self.admin.id},
            {"reminder_ids": [Command.set(self.reminders[:1].ids)]},
            {"send_options": {"use_email": True, "attach_statement": True}},
            {"state": "pending"},
            {"summary_html": "<p>Done</p>"},
        ):
            with self.subTest(values=values):
                self.assert_refused("dunning.send.job", "write", [job.ids, values])
        self.assertRecordValues(
            job,
            [
                {
                    "user_id": self.billing_user.id,
                    "reminder_ids": self.reminders.ids,
                    "state": "pending",
                }
            ],
        )
        self.assertEqual(self.env["dunning.send.job"].search([]), job)
        # Reading and cancelling its own job stay possible.
        rows = self.call(
            "dunning.send.job", "read", [job.ids], {"fields": ["state", "user_id"]}
        )
        self.assertEqual(rows[0]["user_id"][0], self.billing_user.id)
        self.call("dunning.send.job", "action_cancel", [job.ids])
        self.assertEqual(job.state, "cancelled")
        self.assertEqual(set(self.reminders.mapped("state")), {"draft"})

    def test_only_the_owner_or_a_manager_cancels_a_job(self):
        job = self.send_in_background(self.billing_user, self.reminders)
        self.authenticate(self.colleague.login, self.colleague.login)
        self.assert_refused("dunning.send.job", "action_cancel", [job.ids])
        self.assertEqual(job.state, "pending")
        self.authenticate(self.manager_user.login, self.manager_user.login)
        self.call("dunning.send.job", "action_cancel", [job.ids])
        self.assertEqual(job.state, "cancelled")

    def test_job_of_reminders_outside_its_user_companies_is_refused(self):
        """A user allowed in two companies records a sending of both; once
        the second company is taken away from them, the cron sends nothing
        in its name, fails the job and tells the user why."""
        both = new_test_user(
            self.env,
            login="dunning_job_both",
            groups="account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[self.company.id, self.other_company.id],
        )
        reminders = self.reminders | self.other_reminder
        job = self.send_in_background(
            both.with_context(
                allowed_company_ids=[self.company.id, self.other_company.id]
            ),
            reminders,
        )
        both.company_ids = self.company
        with self.assertLogs(JOB_LOGGER, level="WARNING") as logs:
            self.cron.method_direct_trigger()
        self.assertIn("company_2", "\n".join(logs.output))
        self.assertEqual(job.state, "failed")
        self.assertEqual(set(reminders.mapped("state")), {"draft"})
        self.assertFalse(reminders.mail_message_id)
        self.assertIn("company_2", job.summary_html)
        self.assertTrue(
            job.message_ids.filtered(
                lambda m: both.partner_id in m.notified_partner_ids
            )
        )

    def test_job_of_a_user_no_longer_allowed_to_send_is_refused(self):
        job = self.send_in_background(self.billing_user, self.reminders)
        self.billing_user.groups_id = self.env.ref("base.group_user")
        with self.assertLogs(JOB_LOGGER, level="WARNING"):
            self.cron.method_direct_trigger()
        self.assertEqual(job.state, "failed")
        self.assertEqual(set(self.reminders.mapped("state")), {"draft"})
        self.assertFalse(self.reminders.mail_message_id)

    def test_summary_never_carries_a_script(self):
        """A customer named like a script comes out as text in the summary,
        and a script written in the summary is stripped."""
        self.alpha.write({"name": "<script>alert('alpha')</script>", "email": False})
        job = self.send_in_background(self.billing_user, self.reminders)
        for __ in range(3):
            if job.state == "done":
                break
            self.cron.method_direct_trigger()
        self.assertEqual(job.state, "done")
        self.assertIn("&lt;script&gt;alert(", job.summary_html)
        self.assertNotIn("<script", job.summary_html)
        job.sudo().summary_html = "<p>Sent</p><script>alert('x')</script>"
        self.assertNotIn("<script", job.summary_html)
        self.assertIn("<p>Sent</p>", job.summary_html)
