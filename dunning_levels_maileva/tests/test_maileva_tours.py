# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.dunning_levels.tests.common import DunningTourCommon

from .common import DunningMailevaCommon


@tagged("post_install", "-at_install")
class TestMailevaTours(DunningMailevaCommon, DunningTourCommon):
    """A letter posted through the fake Maileva from the browser (tours in
    ``static/tests/tours``)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The browser's requests do not carry the test context: render the
        # letters as PDF there too (wkhtmltopdf itself stays replaced, see
        # DunningMailevaCommon), as Maileva takes nothing else.
        report_class = type(cls.env["ir.actions.report"])
        pre_render = report_class._pre_render_qweb_pdf

        def pre_render_pdf(report, *args, **kwargs):
            report = report.with_context(force_report_rendering=True)
            return pre_render(report, *args, **kwargs)

        patcher = patch.object(report_class, "_pre_render_qweb_pdf", pre_render_pdf)
        patcher.start()
        cls.addClassCleanup(patcher.stop)

    def test_send_letter_and_follow_status(self):
        """Sent from the wizard, the letter is handed over to the scheduled
        action, which posts it to Maileva as one PDF for one recipient; once
        Maileva posted it, refreshing shows it posted."""
        reminder = self.create_reminder()
        self.start_tour(
            "/odoo/action-dunning_levels.dunning_reminder_action",
            "dunning_levels_maileva_send",
            login=self.billing_user.login,
        )
        sending = self.sending_of(reminder)
        self.assertEqual(sending.state, "draft")
        self.assertFalse(self.fake.requests)
        self.run_cron()
        self.assertMailevaReceived()
        self.assertEqual(sending.state, "submitted")
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.channel, "maileva")
        self.assertIn("sent", reminder.history_ids.mapped("action"))
        self.assertIn("Boulangerie Leroy", "".join(self.letter_bodies))
        self.fake.advance(sending.maileva_sending_id, steps=2)
        self.start_tour(
            "/odoo/action-dunning_levels_maileva.maileva_sending_action",
            "dunning_levels_maileva_status",
            login=self.billing_user.login,
        )
        self.assertEqual(sending.state, "processed")
        self.assertEqual(sending.maileva_status, "PROCESSED")
