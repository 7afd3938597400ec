# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail(self, auto_commit=False):
        # EXTENDS 'mail'
        # A reminder email opened in the composer is sent once the user sends
        # it: the reminder then follows the message's delivery.
        result_mails_su, result_messages = super()._action_send_mail(
            auto_commit=auto_commit
        )
        reminder_ids = self.env.context.get("dunning_reminder_ids")
        if reminder_ids and result_messages:
            reminders = self.env["dunning.reminder"].browse(reminder_ids)
            reminders._write_evidence({"mail_message_id": result_messages[:1].id})
            reminders._mark_sent("email")
        return result_mails_su, result_messages
