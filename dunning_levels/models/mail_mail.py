# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from markupsafe import Markup

from odoo import api, models
from odoo.tools.mail import append_content_to_html


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _prepare_outgoing_list(
        self, mail_server=False, recipients_follower_status=None
    ):
        # EXTENDS 'mail'
        # The customer's copy of a payment reminder's email carries an image
        # whose download tells that it was opened. It is added to the body
        # going out only: the message in the invoice's chatter stays as
        # written, the plain text version carries no link to it, and the
        # copies sent to employees (the invoice's followers) have none, their
        # reading not being the customer's.
        email_list = super()._prepare_outgoing_list(
            mail_server=mail_server,
            recipients_follower_status=recipients_follower_status,
        )
        to_customer = [
            email_values
            for email_values in email_list
            if email_values["body"]
            and not self._dunning_is_employee(email_values["partner_id"])
        ]
        if to_customer and self._dunning_is_reminder_email():
            image = Markup(
                '<img src="%s" alt="" width="1" height="1" style="border:0;"/>'
            ) % self.env["dunning.reminder"]._email_get_tracking_url(
                self.mail_message_id
            )
            for email_values in to_customer:
                email_values["body"] = append_content_to_html(
                    email_values["body"], image, plaintext=False
                )
        return email_list

    @api.model
    def _dunning_is_employee(self, partner):
        """Return whether ``partner``, a recipient of a mail (or ``False``
        for a plain address), is an internal user."""
        return bool(partner) and not partner.partner_share

    def _dunning_is_reminder_email(self):
        """Return whether this mail is the email of payment reminders, whose
        opening they follow.

        Looked up when the mail goes out: a reminder email is linked to its
        reminders once posted, before the mail queue (or, for the composer,
        the end of the transaction) sends it, and so is one sent again from
        the chatter.
        """
        self.ensure_one()
        # Reminder emails are posted on their invoices: the other mails going
        # out (a hot path) cost no query.
        return bool(
            self.mail_message_id.model == "account.move"
            and self.env["dunning.reminder"]
            .sudo()
            .search_count([("mail_message_id", "=", self.mail_message_id.id)], limit=1)
        )
