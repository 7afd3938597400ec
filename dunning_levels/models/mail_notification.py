# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging

from odoo import models

_logger = logging.getLogger(__name__)


class MailNotification(models.Model):
    _inherit = "mail.notification"

    def write(self, vals):
        # EXTENDS 'mail'
        # Odoo reports the fate of each email (sent by the mail queue, refused
        # by the mail server, bounced, resent or cancelled from the chatter)
        # on its notifications: the payment reminders follow it from there.
        res = super().write(vals)
        if "notification_status" in vals:
            self._dunning_update_reminders()
        return res

    def _dunning_update_reminders(self):
        """Bring the payment reminders of these notifications' messages up to
        date with the new statuses.

        Runs inside Odoo's sending loops (mail queue, SMS queue), which may
        send their batch again when an error escapes: a failure here is
        rolled back on its own and logged, never raised.

        TO OVERRIDE by the channels whose messages have notifications of their
        own type (call ``super()``).
        """
        messages = (
            self.sudo()
            .filtered(lambda n: n.notification_type == "email")
            .mail_message_id
        )
        if messages:
            self._dunning_call_safely(
                lambda: (
                    self.env["dunning.reminder"]
                    .sudo()
                    .search([("mail_message_id", "in", messages.ids)])
                    ._email_update_status()
                ),
                messages,
            )

    def _dunning_call_safely(self, function, messages):
        """Call ``function()`` in a savepoint: an error it raises is rolled
        back and logged, the caller goes on.

        :param messages: ``mail.message`` records concerned, for the log
        """
        try:
            with self.env.cr.savepoint():
                function()
        except Exception:
            _logger.exception(
                "Payment reminders of messages %s not updated with their "
                "delivery status",
                messages.ids,
            )
