# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging

from markupsafe import Markup
from psycopg2 import OperationalError

from odoo import api, fields, models

from odoo.addons.dunning_levels.const import ACTION_FAILED, STATE_DRAFT, STATE_SENT

from ..tools import MailevaError
from ..tools.maileva_codes import (
    OPEN_STATES,
    PIPELINE_STATES,
    PRODUCT_REGISTERED,
    SENDING_REJECTED,
    SENDING_UNDELIVERED,
    get_sending_state,
    get_undelivered_reason,
)

# One logger for the model, whichever of its files logs (log filters and
# alerts name it).
_logger = logging.getLogger(f"{__package__}.maileva_sending")


class MailevaSending(models.Model):
    """The follow-up of submitted letters: their status read at Maileva (by
    the scheduled action, a user, or on Maileva's notification), their proofs
    downloaded, and what a rejected or returned letter means for its
    reminders."""

    _inherit = "maileva.sending"

    # ------------------------------------------------------------
    # STATUS
    # ------------------------------------------------------------

    def _poll(self):
        """Read the status of these submitted sendings at Maileva, act on its
        changes and download the proofs that became available.

        Each sending is read in a savepoint: whatever fails for one (a Maileva
        error, an answer Maileva should not give) is rolled back and logged,
        the sending goes to the end of the queue (its last read is now) and
        the others are read. Never raises but for a concurrency error; the
        next run tries again.
        """
        for sending in self.filtered(
            lambda s: s.state in OPEN_STATES and s.maileva_sending_id
        ):
            try:
                with self.env.cr.savepoint():
                    sending._poll_one()
            except MailevaError as error:
                _logger.info("Maileva status of %s not read: %s", sending.name, error)
                sending.last_poll_date = fields.Datetime.now()
            except OperationalError:
                raise
            except Exception:  # pylint: disable=broad-exception-caught
                _logger.warning(
                    "Maileva status of %s not read: unexpected answer",
                    sending.name,
                    exc_info=True,
                )
                sending.last_poll_date = fields.Datetime.now()

    def _poll_one(self):
        self.ensure_one()
        api = self._get_api()
        remote = api.get_sending(self.product, self.maileva_sending_id)
        recipient = {}
        if self.maileva_recipient_id:
            recipient = api.get_recipient(
                self.product, self.maileva_sending_id, self.maileva_recipient_id
            )
        status = remote.get("status")
        vals = {
            "maileva_status": status,
            "last_poll_date": fields.Datetime.now(),
            "registered_number": recipient.get("registered_number")
            or self.registered_number,
            "postage_class": recipient.get("postage_class") or self.postage_class,
            "postage_price": recipient.get("postage_price") or self.postage_price,
        }
        registered = self.product == PRODUCT_REGISTERED
        state = get_sending_state(status, recipient, self.state, registered)
        detail = remote.get("status_detail") or recipient.get("status_detail")
        if detail:
            vals["status_detail"] = detail
        self.write(vals)
        if registered:
            self._fetch_proofs(api, recipient)
        if state == SENDING_REJECTED:
            return self._on_rejected(detail or status)
        if state == SENDING_UNDELIVERED:
            return self._on_undelivered(recipient.get("undelivered_mail_reason"))
        if state != self.state and state not in PIPELINE_STATES:
            self.state = state
        return True

    def _fetch_proofs(self, api, recipient):
        """Download the deposit proof and the acknowledgement of receipt once
        Maileva gives their URL, and attach them to the sending and its
        invoices."""
        proofs = (
            (
                "deposit_proof_id",
                "deposit_proof_url",
                self.env._("Deposit proof %(ref)s.pdf", ref=self.name),
            ),
            (
                "acknowledgement_id",
                "acknowledgement_of_receipt_url",
                self.env._("Acknowledgement of receipt %(ref)s.pdf", ref=self.name),
            ),
        )
        for fname, url_key, filename in proofs:
            if self[fname] or not recipient.get(url_key):
                continue
            content = api.download(self.product, recipient[url_key])
            if not content:
                continue
            attachments = self.env["ir.attachment"].create(
                [
                    {"name": filename, "raw": content, "mimetype": "application/pdf"}
                    | {"res_model": model, "res_id": res_id}
                    for model, res_id in [(self._name, self.id)]
                    + [("account.move", move.id) for move in self.move_ids]
                ]
            )
            self[fname] = attachments[0]
            self.move_ids._message_log_batch(
                bodies={
                    move.id: Markup("%s")
                    % self.env._("%(proof)s received from Maileva.", proof=filename)
                    for move in self.move_ids
                },
                attachment_ids=attachments[1:].ids,
            )

    # ------------------------------------------------------------
    # OUTCOME
    # ------------------------------------------------------------

    def _on_rejected(self, reason):
        """Maileva refused the letter in production: it was never posted.

        The reminders it had marked as sent are reopened (to send again, by
        post or otherwise) and each invoice gets back its previous level,
        unless something else changed them since; the history and the
        invoice's chatter say why.
        """
        self.ensure_one()
        if self.state == SENDING_REJECTED:
            return False
        self.state = SENDING_REJECTED
        note = self.env._("Maileva rejected the letter: %(reason)s", reason=reason)
        self.message_post(body=note)
        reminders = self.reminder_ids.sudo()
        reminders._log_history(ACTION_FAILED, note=note, channel=self._get_channel())
        previous = self.previous_levels or {}
        # Only the reminders this letter marked as sent: one sent by email in
        # the same sending stays sent.
        for reminder in reminders.filtered(
            lambda r: r.state == STATE_SENT and r.channel == self._get_channel()
        ):
            move = reminder.move_id
            others = move.dunning_reminder_ids.filtered(
                lambda r, rem=reminder: r.state == STATE_DRAFT and r != rem
            )
            if others or move.dunning_level != reminder.level:
                continue
            reminder.write(
                {"state": STATE_DRAFT, "channel": False, "sent_datetime": False}
            )
            level, date = previous.get(str(move.id), [0, False])
            move.write({"dunning_level": level, "dunning_date": date})
        self.move_ids._message_log_batch(
            bodies={move.id: Markup("%s") % note for move in self.move_ids}
        )
        return True

    def _on_undelivered(self, reason_code):
        """The letter was posted but came back (PND). It counts as sent (the
        formal notice was presented), so the reminders stay sent; the history
        and the invoice's chatter record the failure and its reason."""
        self.ensure_one()
        if self.state == SENDING_UNDELIVERED:
            return False
        self.state = SENDING_UNDELIVERED
        note = self.env._(
            "Maileva: the letter was not delivered (%(reason)s).",
            reason=get_undelivered_reason(reason_code),
        )
        self.message_post(body=note)
        self.reminder_ids.sudo()._log_history(
            ACTION_FAILED, note=note, channel=self._get_channel()
        )
        self.move_ids._message_log_batch(
            bodies={move.id: Markup("%s") % note for move in self.move_ids}
        )
        return True

    # ------------------------------------------------------------
    # WEBHOOK
    # ------------------------------------------------------------

    @api.model
    def _webhook_handle(self, payload):
        """Act on a Maileva notification: re-read the sending it names.

        The payload is never trusted: only its ``resource_id`` is used to find
        the sending, whose status is then read from Maileva.

        :param dict payload: the notification body (contract A12)
        :return: the sendings re-read
        """
        resource_id = payload.get("resource_id") if isinstance(payload, dict) else None
        if not resource_id or not isinstance(resource_id, str):
            return self.browse()
        sendings = self.sudo().search(
            [
                ("company_id", "=", self.env.company.id),
                "|",
                ("maileva_sending_id", "=", resource_id),
                ("maileva_recipient_id", "=", resource_id),
            ]
        )
        sendings._poll()
        return sendings
