# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.dunning_levels.const import ACTION_FAILED, ACTION_SENT

from ..const import CHANNEL_SMS, SMS_DELIVERED, SMS_ERROR, SMS_QUEUED, SMS_SENT
from ..tools import sms_text_normalize

# SMS state of a reminder for each status of its SMS notification (the
# ``mail.notification`` kept in the invoice's chatter, which outlives the
# ``sms.sms`` record Odoo deletes once sent).
NOTIFICATION_TO_SMS_STATUS = {
    "ready": SMS_QUEUED,
    "process": SMS_QUEUED,
    "pending": SMS_SENT,
    "sent": SMS_DELIVERED,
    "exception": SMS_ERROR,
    "bounce": SMS_ERROR,
    "canceled": SMS_ERROR,
}


class DunningReminder(models.Model):
    _inherit = "dunning.reminder"

    channel = fields.Selection(
        selection_add=[(CHANNEL_SMS, "SMS")],
        ondelete={CHANNEL_SMS: "set null"},
    )
    sms_message_id = fields.Many2one(
        comodel_name="mail.message",
        string="SMS Message",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The SMS as logged in the invoice's chatter.",
    )
    sms_status = fields.Selection(
        selection=[
            (SMS_QUEUED, "Queued"),
            (SMS_SENT, "Sent"),
            (SMS_DELIVERED, "Delivered"),
            (SMS_ERROR, "Error"),
        ],
        string="SMS Status",
        readonly=True,
        copy=False,
        help="Queued: waiting in Odoo's SMS queue. Sent: accepted by the SMS "
        "provider, the reminder is then marked as sent. Delivered: the "
        "provider reported the delivery. Error: not sent, see the reason.",
    )
    sms_failure_reason = fields.Char(
        string="SMS Failure Reason", readonly=True, copy=False
    )

    # ------------------------------------------------------------
    # RECIPIENT AND CHECKS
    # ------------------------------------------------------------

    def _get_sms_move(self):
        """Return the invoice whose chatter carries the SMS of this
        communication: the one due first."""
        return self.move_id.sorted(lambda m: (m.invoice_date_due, m.id))[:1]

    def _get_sms_recipient(self):
        """Return who receives the SMS of this communication, and the number
        as typed.

        TO OVERRIDE to pick another contact. Default: the mobile of the invoice
        contact, else of the customer; else the phone of the invoice contact,
        else of the customer.

        :return: (``res.partner``, number or False)
        """
        contact = self._get_sms_move().partner_id
        customer = self.partner_id[:1]
        for fname in ("mobile", "phone"):
            for partner in contact | customer:
                if partner[fname]:
                    return partner, partner[fname]
        return customer, False

    def _get_sms_number(self):
        """Return the recipient of the SMS and its number in E.164 form.

        The number is read in the country of the contact, else of the customer,
        else of the company.

        :return: (``res.partner``, raw number, E.164 number or False when the
            number is missing or invalid)
        """
        partner, number = self._get_sms_recipient()
        if not number:
            return partner, number, False
        country = (
            partner.country_id
            or self.partner_id[:1].country_id
            or self.company_id[:1].country_id
        )
        return partner, number, partner._phone_format(number=number, country=country)

    def _get_sms_level(self):
        """Return the level whose template this communication uses: the
        highest of its reminders."""
        return self.sorted("level")[-1:].level_id

    def _get_sms_problem(self):
        """Return why this communication cannot be sent by SMS, or None.

        :return: (reason code, translated reason), or None
        """
        customer = self.partner_id[:1]
        if any(reminder.sms_status == SMS_QUEUED for reminder in self):
            # Never a second SMS while the first one may still go out: its
            # status would be lost, and the customer reminded twice.
            return "sms_queued", self.env._(
                "An SMS to %(customer)s is already queued for these reminders: "
                "they are marked as sent once the SMS provider accepts it.",
                customer=customer.display_name,
            )
        level = self._get_sms_level()
        if not level.sms_template_id:
            return "no_sms_template", self.env._(
                "Level %(level)s has no SMS template.", level=level.display_name
            )
        partner, number, sanitized = self._get_sms_number()
        if not number:
            return "no_phone", self.env._(
                "%(customer)s has no mobile or phone number.", customer=customer.name
            )
        if not sanitized:
            return "invalid_phone", self.env._(
                "%(customer)s: %(number)s is not a valid phone number.",
                customer=partner.display_name,
                number=number,
            )
        if (
            self.env["phone.blacklist"]
            .sudo()
            .search_count([("number", "=", sanitized)], limit=1)
        ):
            return "sms_blacklisted", self.env._(
                "%(customer)s: %(number)s is on the SMS blacklist.",
                customer=partner.display_name,
                number=sanitized,
            )
        return None

    # ------------------------------------------------------------
    # SENDING
    # ------------------------------------------------------------

    def _prepare_sms_values(self):
        """Render the SMS of this communication (one customer's reminders).

        The level's template is rendered with the customer as ``object``, in
        the customer's language, listing only these reminders' invoices.

        :return: dict with ``move`` (the invoice whose chatter carries it),
            ``partner`` (recipient), ``number`` (E.164) and ``body``
        :raise UserError: when the SMS cannot be sent (see
            :meth:`_get_sms_problem`)
        """
        problem = self._get_sms_problem()
        if problem:
            raise UserError(problem[1])
        partner, __, number = self._get_sms_number()
        customer = self.partner_id[:1]
        template = (
            self._get_sms_level()
            .sms_template_id.with_company(self.company_id[:1])
            .with_context(dunning_move_ids=tuple(self.move_id.ids))
        )
        body = template._render_field("body", customer.ids, compute_lang=True)[
            customer.id
        ]
        return {
            "move": self._get_sms_move(),
            "partner": partner,
            "number": number,
            "body": sms_text_normalize(body),
        }

    def _send_sms(self):
        """Queue the SMS of this communication in Odoo's SMS queue.

        The SMS is posted in the invoice's chatter (``message_type`` ``sms``);
        Odoo's SMS queue sends it. The reminders are marked as sent only once
        the provider accepted it (see :meth:`_sms_update_status`).

        :return: the posted ``mail.message``
        :raise UserError: when the SMS cannot be sent
        """
        values = self._prepare_sms_values()
        message = values["move"]._message_sms(
            values["body"],
            partner_ids=values["partner"].ids,
            sms_pid_to_number={values["partner"].id: values["number"]},
            put_in_queue=True,
        )
        self._write_evidence(
            {
                "sms_message_id": message.id,
                "sms_status": SMS_QUEUED,
                "sms_failure_reason": False,
            }
        )
        self._sms_update_status()
        return message

    # ------------------------------------------------------------
    # SMS STATE
    # ------------------------------------------------------------

    def _get_sms_failure_reason(self, notification):
        """Return the translated reason why the SMS of ``notification`` failed.

        :param notification: ``mail.notification`` of type ``sms``
        """
        labels = dict(
            notification._fields["failure_type"]._description_selection(self.env)
        )
        if notification.notification_status == "canceled":
            reason = self.env._("SMS cancelled")
        else:
            reason = labels.get(notification.failure_type) or self.env._(
                "Unknown error"
            )
        if notification.failure_reason:
            reason = f"{reason} ({notification.failure_reason})"
        return self.env._("SMS not sent: %(reason)s", reason=reason)

    def _sms_update_status(self):
        """Bring ``sms_status`` in line with the SMS notifications and act on
        the change.

        Called when the SMS is queued and whenever Odoo updates the status of
        an SMS notification (sending by the queue, delivery reports, resending
        from the chatter). Idempotent: only a change of status acts.

        - accepted by the provider: the reminders still to send are marked as
          sent through the ``sms`` channel, the others get a history line;
        - failed: the reason is stored and a ``failed`` history line written.
          A failed SMS never marks a reminder as sent.

        History lines and the sending are recorded in the name of the user who
        queued the SMS, whoever processes the queue.
        """
        for reminder in self.filtered("sms_message_id"):
            notifications = reminder.sms_message_id.sudo().notification_ids.filtered(
                lambda n: n.notification_type == CHANNEL_SMS
            )
            statuses = {
                NOTIFICATION_TO_SMS_STATUS.get(n.notification_status, SMS_QUEUED)
                for n in notifications
            }
            for status in (SMS_ERROR, SMS_QUEUED, SMS_SENT, SMS_DELIVERED):
                if status in statuses:
                    break
            else:
                continue
            previous = reminder.sms_status
            if status == previous:
                continue
            sender = reminder.with_user(
                reminder.sms_message_id.create_uid or self.env.user
            ).sudo()
            if status == SMS_ERROR:
                failed = notifications.filtered(
                    lambda n: (
                        NOTIFICATION_TO_SMS_STATUS.get(n.notification_status)
                        == SMS_ERROR
                    )
                )[:1]
                reason = reminder._get_sms_failure_reason(failed)
                reminder._write_evidence(
                    {"sms_status": status, "sms_failure_reason": reason}
                )
                sender._log_history(ACTION_FAILED, note=reason, channel=CHANNEL_SMS)
            elif status in (SMS_SENT, SMS_DELIVERED) and previous in (
                False,
                SMS_QUEUED,
            ):
                reminder._write_evidence(
                    {"sms_status": status, "sms_failure_reason": False}
                )
                marked = sender._mark_sent(CHANNEL_SMS)
                (sender - marked)._log_history(ACTION_SENT, channel=CHANNEL_SMS)
            else:
                reminder._write_evidence({"sms_status": status})
