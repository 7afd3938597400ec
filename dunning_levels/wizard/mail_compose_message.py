# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import models
from odoo.exceptions import UserError

from ..const import STATE_DRAFT


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _action_send_mail(self, auto_commit=False):
        # EXTENDS 'mail'
        # A reminder email opened in the composer is sent once the user sends
        # it: the reminder then follows the message's delivery.
        reminders = self._dunning_get_reminders_to_send()
        result_mails_su, result_messages = super()._action_send_mail(
            auto_commit=auto_commit
        )
        if reminders and result_messages:
            self.env["dunning.sending"]._record_composed_email(
                reminders, result_messages[:1]
            )
        return result_mails_su, result_messages

    def _dunning_get_reminders_to_send(self):
        """Return the payment reminders this composer sends (context key
        ``dunning_reminder_ids``, set by ``dunning.reminder.action_send_email``),
        locked until the end of the transaction.

        The context comes from the browser: the reminders must be those of
        the invoice the email is posted on, and still to send once locked. A
        reminder sent meanwhile (by another user, a mass sending) is never
        emailed a second time nor given another message.

        :return: ``dunning.reminder`` records (empty without the context key)
        :raise UserError: when the reminders are not this email's, or not to
            send any more
        """
        reminder_ids = self.env.context.get("dunning_reminder_ids")
        reminders = self.env["dunning.reminder"]
        if not reminder_ids:
            return reminders
        if not isinstance(reminder_ids, list | tuple) or not all(
            isinstance(reminder_id, int) for reminder_id in reminder_ids
        ):
            raise UserError(self.env._("Invalid payment reminders."))
        reminders = reminders.browse(reminder_ids).exists()
        # Waits for a sending of the same reminders to end (see the helper).
        reminders._lock_for_sending()
        composed = [
            (wizard.composition_mode, wizard.model, set(wizard._evaluate_res_ids()))
            for wizard in self
        ]
        if (
            len(reminders) != len(set(reminder_ids))
            or len(composed) != 1
            or composed[0][:2] != ("comment", "account.move")
            or set(reminders.move_id.ids) != composed[0][2]
        ):
            raise UserError(
                self.env._(
                    "This email is not the one of these payment reminders: it "
                    "was not sent."
                )
            )
        if any(reminder.state != STATE_DRAFT for reminder in reminders):
            raise UserError(
                self.env._(
                    "This payment reminder was sent, closed or cancelled in the "
                    "meantime: the email was not sent."
                )
            )
        return reminders
