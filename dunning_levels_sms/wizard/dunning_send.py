# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class DunningSend(models.TransientModel):
    _inherit = "dunning.send"

    use_sms = fields.Boolean(
        string="SMS",
        help="One SMS per communication, sent through Odoo's SMS queue. The "
        "reminders are marked as sent once the SMS provider accepted it.",
    )
    sms_queued_count = fields.Integer(string="Reminders Queued by SMS", readonly=True)

    def _get_selected_channels(self):
        # EXTENDS 'dunning_levels'
        channels = super()._get_selected_channels()
        if self.use_sms:
            channels.append("sms")
        return channels

    def _get_channel_problems(self, channel, group):
        # EXTENDS 'dunning_levels'
        if channel == "sms":
            return group._get_sms_problem()
        return super()._get_channel_problems(channel, group)

    @api.depends("use_sms")
    def _compute_preview(self):
        # EXTENDS 'dunning_levels'
        return super()._compute_preview()

    def _send_channel(self, channel, groups):
        """Queue one SMS per communication (EXTENDS 'dunning_levels').

        SMS are sent asynchronously by Odoo's SMS queue: a queued group is
        returned neither as sent nor as failed. It is marked as sent, or
        recorded as failed, when the provider answers (see
        ``dunning.reminder._sms_update_status``).
        """
        if channel != "sms":
            return super()._send_channel(channel, groups)
        failures = []
        queued = self.env["dunning.reminder"]
        for group in groups:
            problem = self._get_channel_problems(channel, group)
            if problem:
                failures.append((group, problem))
                continue
            try:
                with self.env.cr.savepoint():
                    group._send_sms()
                queued |= group
            except UserError as error:
                failures.append((group, str(error)))
        if queued:
            self.sms_queued_count += len(queued)
            # Send within the minute rather than at the next hourly run.
            self.env.ref("sms.ir_cron_sms_scheduler_action").sudo()._trigger()
        return [], failures

    def _render_summary(self, sent, failures):
        # EXTENDS 'dunning_levels'
        html = super()._render_summary(sent, failures)
        if self.sms_queued_count:
            html += Markup("<p>%s</p>") % self.env._(
                "%(count)s reminder(s) queued by SMS: they are marked as sent once "
                "the SMS provider accepts the SMS, and any failure is recorded "
                "in their history.",
                count=self.sms_queued_count,
            )
        return html
