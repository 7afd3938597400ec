# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, models

from ..const import CHANNEL_SMS


class DunningSending(models.AbstractModel):
    """The SMS channel of the sending service: one SMS per communication,
    sent through Odoo's SMS queue."""

    _inherit = "dunning.sending"

    @api.model
    def _get_channels(self):
        # EXTENDS 'dunning_levels'
        channels = super()._get_channels()
        channels[CHANNEL_SMS] = {
            "sequence": 30,
            "check": "_check_sms",
            "send": "_send_sms",
            "queued_message": "_get_sms_queued_message",
        }
        return channels

    @api.model
    def _check_sms(self, channel, group, options):
        problem = group._get_sms_problem()
        return problem and self._problem(*problem)

    @api.model
    def _send_sms(self, channel, groups, options, result):
        """Queue one SMS per communication.

        SMS are sent asynchronously by Odoo's SMS queue: a queued group is
        returned neither as sent nor as failed, but counted in
        ``result["queued"]``. It is marked as sent, or recorded as failed,
        when the provider answers (see ``dunning.reminder._sms_update_status``).
        """
        queued, failures = self._send_each(groups, lambda group: group._send_sms())
        if queued:
            self._add_queued(result, channel, queued)
            # Send within the minute rather than at the next hourly run.
            self.env.ref("sms.ir_cron_sms_scheduler_action").sudo()._trigger()
        return [], failures

    @api.model
    def _get_sms_queued_message(self, count):
        return self.env._(
            "%(count)s reminder(s) queued by SMS: they are marked as sent once "
            "the SMS provider accepts the SMS, and any failure is recorded in "
            "their history.",
            count=count,
        )
