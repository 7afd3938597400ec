# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import models


class MailNotification(models.Model):
    _inherit = "mail.notification"

    def _dunning_update_reminders(self):
        # EXTENDS 'dunning_levels'
        # Odoo's SMS framework reports every change of an SMS (sent by the
        # queue, failed, delivered, resent) on its notification: the reminders
        # follow it from there, without ever failing Odoo's SMS queue.
        res = super()._dunning_update_reminders()
        messages = (
            self.sudo().filtered(lambda n: n.notification_type == "sms").mail_message_id
        )
        if messages:
            self._dunning_call_safely(
                lambda: (
                    self.env["dunning.reminder"]
                    .sudo()
                    .search([("sms_message_id", "in", messages.ids)])
                    ._sms_update_status()
                ),
                messages,
            )
        return res
