# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import Form, freeze_time, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningAutoSend(DunningCommon):
    """Levels set to send automatically go out at the company's sending
    hour, after the morning generation, through the background sending; the
    responsible accountant receives the summary."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.generation_cron = cls.env.ref("dunning_levels.ir_cron_dunning_generate")
        cls.auto_send_cron = cls.env.ref("dunning_levels.ir_cron_dunning_auto_send")
        cls.job_cron = cls.env.ref("dunning_levels.ir_cron_dunning_send_job")
        cls.billing_user.tz = "Europe/Paris"
        cls.company.dunning_responsible_id = cls.billing_user
        cls.leroy = cls.create_customer("Boulangerie Leroy")
        cls.dubois = cls.create_customer("Garage Dubois", email=False)
        # Due 2026-01-15: level 1 (15 days) on 2026-01-30.
        cls.invoice_leroy = cls.create_invoice(cls.leroy, "2026-01-15")
        cls.invoice_dubois = cls.create_invoice(cls.dubois, "2026-01-15")
        # Due 2025-12-15, reminded at level 1 on 2026-01-01: level 2 (30
        # days) on 2026-01-30.
        cls.invoice_level_2 = cls.create_invoice(cls.leroy, "2025-12-15")
        with freeze_time("2026-01-01 10:00:00"):
            cls.generate("2026-01-01").action_mark_sent()

    def run_morning(self, day="2026-01-30"):
        """Run the generation cron at 04:00 UTC, through its record."""
        with freeze_time(f"{day} 04:00:00"):
            self.generation_cron.method_direct_trigger()

    def run_auto_send(self, at):
        """Run the automatic sending cron at ``at`` (UTC), through its
        record; return the jobs it created."""
        jobs = self.env["dunning.send.job"].search([])
        with freeze_time(at):
            self.auto_send_cron.method_direct_trigger()
        return self.env["dunning.send.job"].search([]) - jobs

    def enable_auto_send(self, level):
        with Form(level) as form:
            form.auto_send = True

    def test_generation_alone_sends_nothing_by_default(self):
        """Off by default: reminders are generated, not sent, at any hour."""
        self.assertFalse(any(self.levels.mapped("auto_send")))
        self.run_morning()
        reminders = (self.invoice_leroy | self.invoice_dubois).dunning_reminder_ids
        self.assertEqual(len(reminders), 2)
        self.assertFalse(self.run_auto_send("2026-01-30 15:00:00"))
        self.assertEqual(set(reminders.mapped("state")), {"draft"})

    def test_level_sent_automatically_at_the_hour(self):
        """At the hour (9:00 in the responsible's time zone), the level's
        reminders of the morning are sent by its channels in the background;
        the one that could not be sent stays to send; the responsible gets
        the summary; other levels wait for a user."""
        self.env["res.config.settings"].create(
            {"dunning_auto_send_hour": 9.0}
        ).execute()
        self.assertEqual(self.company.dunning_auto_send_hour, 9.0)
        self.enable_auto_send(self.levels[0])
        self.run_morning()
        leroy = self.invoice_leroy.dunning_reminder_ids
        dubois = self.invoice_dubois.dunning_reminder_ids
        level_2 = self.invoice_level_2.dunning_reminder_ids.filtered(
            lambda r: r.state == "draft"
        )
        self.assertEqual(level_2.level, 2)
        # 7:30 UTC is 8:30 in Paris: not yet.
        self.assertFalse(self.run_auto_send("2026-01-30 07:30:00"))
        jobs = self.run_auto_send("2026-01-30 08:05:00")
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.user_id, self.billing_user)
        self.assertEqual(jobs.reminder_ids, leroy | dubois)
        self.assertEqual(jobs.send_options["channels"], ["email"])
        with freeze_time("2026-01-30 08:06:00"):
            self.job_cron.method_direct_trigger()
        self.assertEqual(jobs.state, "done")
        self.assertEqual(leroy.state, "sent")
        self.assertEqual(leroy.channel, "email")
        self.assertEqual(
            leroy.history_ids.filtered(lambda h: h.action == "sent").user_id,
            self.billing_user,
        )
        self.assertEqual(dubois.state, "draft", "a problem leaves it to send")
        self.assertEqual(level_2.state, "draft", "its level is not automatic")
        summary = jobs.message_ids.filtered(
            lambda m: self.billing_user.partner_id in m.partner_ids
        )
        self.assertEqual(len(summary), 1)
        self.assertIn("1 reminder(s) sent, 1 failure(s)", summary.body)
        self.assertIn("Garage Dubois has no email address.", summary.body)
        # Once a day: the next runs of the day start nothing.
        self.assertFalse(self.run_auto_send("2026-01-30 09:05:00"))

    def test_each_level_sent_through_its_own_channels(self):
        """Two automatic levels with different channels make two sendings,
        each through its level's channels."""
        self.enable_auto_send(self.levels[0])
        self.enable_auto_send(self.levels[1])
        self.run_morning()
        jobs = self.run_auto_send("2026-01-30 10:00:00")
        self.assertEqual(len(jobs), 2)
        by_level = {
            job.reminder_ids[:1].level: job.send_options["channels"] for job in jobs
        }
        self.assertEqual(by_level, {1: ["email"], 2: ["email", "letter"]})

    def test_administrator_receives_the_summary_without_responsible(self):
        """Without a responsible accountant, the administrator sends and
        receives the summary."""
        self.company.dunning_responsible_id = False
        admin = self.env.ref("base.user_admin")
        admin.company_ids |= self.company
        self.enable_auto_send(self.levels[0])
        self.run_morning()
        jobs = self.run_auto_send("2026-01-30 10:00:00")
        self.assertEqual(jobs.user_id, admin)
