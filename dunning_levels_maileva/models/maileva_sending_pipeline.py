# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging
from datetime import timedelta

from psycopg2 import OperationalError

from odoo import fields, models

from odoo.addons.dunning_levels.const import ACTION_FAILED, ACTION_SENT

from ..tools import MailevaAuthError, MailevaError, MailevaRetryableError
from ..tools.maileva_codes import (
    PRODUCT_REGISTERED,
    SENDING_CREATED,
    SENDING_DRAFT,
    SENDING_ERROR,
    SENDING_RECIPIENT_ADDED,
    SENDING_SUBMITTED,
    SENDING_UPLOADED,
    STATUS_DRAFT,
    STATUS_PENDING,
    is_pdf,
)

# One logger for the model, whichever of its files logs (log filters and
# alerts name it).
_logger = logging.getLogger(f"{__package__}.maileva_sending")

MAX_ATTEMPTS = 5


class MailevaSending(models.Model):
    """The pipeline posting a letter, run by the scheduled action (see
    :meth:`_cron_process`): ``draft`` → ``created`` → ``uploaded`` →
    ``recipient_added`` → ``submitted``, each step first reconciling with what
    Maileva already has; its attempts, and the letter's failure."""

    _inherit = "maileva.sending"

    # ------------------------------------------------------------
    # PAYLOADS
    # ------------------------------------------------------------

    def _prepare_sending_payload(self):
        """Return the ``sending_creation`` body (contract A6): no mail/v2-only
        field goes to registered_mail/v4."""
        self.ensure_one()
        payload = {
            "name": self.env._("Payment reminder %(ref)s", ref=self.name)[:256],
            "custom_id": self.custom_id,
            "color_printing": self.color_printing,
            "duplex_printing": self.duplex_printing,
            "optional_address_sheet": self.address_sheet,
            "postage_type": self.postage_type,
            "archiving_duration": self.archiving_duration,
        }
        if self.product == PRODUCT_REGISTERED:
            payload["acknowledgement_of_receipt"] = True
        return payload

    def _prepare_recipient_payload(self):
        """Return the ``recipient_creation`` body (contract A8), empty lines
        left out."""
        self.ensure_one()
        payload = {"custom_id": self.custom_id, "country_code": self.country_code}
        for number in range(1, 7):
            line = self[f"address_line_{number}"]
            if line:
                payload[f"address_line_{number}"] = line
        return payload

    # ------------------------------------------------------------
    # PIPELINE
    # ------------------------------------------------------------

    def _process_one(self):
        """Advance this sending (locked, due) through the pipeline as far as
        it goes, in its own transactions; never raises but for a concurrency
        error.

        Its attempt is counted and committed before any call: after a crash
        (a killed process, a lost answer), the next attempt knows it must
        reconcile with Maileva first. The commit releases the lock: the
        sending is locked again, and left alone if another run took it
        meanwhile. Its steps then run in a savepoint: a transient error
        schedules the next attempt, a Maileva refusal fails it, and any other
        error (an answer Maileva should not give, data of ours) is rolled
        back, logged and counted as a transient error, so that one sending
        never stops the others and fails after ``MAX_ATTEMPTS`` attempts.
        """
        self.ensure_one()
        self._count_attempt()
        if not self._lock_first(self._get_due_domain() + [("id", "=", self.id)]):
            return
        try:
            with self.env.cr.savepoint():
                try:
                    self._run_pipeline()
                except MailevaRetryableError as error:
                    self._retry_later(error)
                except MailevaError as error:
                    self._fail(error)
        except OperationalError:
            # A concurrency error: the run is rolled back, the next one
            # reconciles.
            raise
        except Exception as error:  # pylint: disable=broad-exception-caught
            _logger.warning(
                "Maileva letter %s: attempt %s failed unexpectedly",
                self.name,
                self.attempt_count,
                exc_info=True,
            )
            self._retry_later(MailevaRetryableError("UNEXPECTED", str(error)))

    def _run_pipeline(self):
        """Take this sending through the steps left up to the submit.

        Each step first checks what Maileva already has, after a lost
        answer: the sending is looked up by ``custom_id`` before it is
        created again, the documents and recipients are listed before any
        upload, its status is read before it is submitted again.

        :raise MailevaError: Maileva refused a call, or the letter is not a
            PDF
        """
        self.ensure_one()
        api = self._get_api()
        if self.state in (SENDING_DRAFT, SENDING_CREATED) and not is_pdf(
            self.attachment_id.raw
        ):
            # Never upload it (Maileva would print it, or call it corrupted).
            raise MailevaError("NOT_A_PDF", "The letter's file is not a PDF.")
        if self.state == SENDING_DRAFT:
            status = self._pipeline_create(api)
            if status != STATUS_DRAFT:
                # Found already submitted, by an attempt that lost the answer.
                return self._set_submitted()
        if self.state == SENDING_CREATED:
            self._pipeline_upload(api)
        if self.state == SENDING_UPLOADED:
            self._pipeline_add_recipient(api)
        if self.state == SENDING_RECIPIENT_ADDED:
            self._pipeline_submit(api)
            return self._set_submitted()
        return True

    def _pipeline_create(self, api):
        """Create the sending at Maileva, unless a previous attempt created
        it before losing the answer: then it is found by its ``custom_id``.

        :param api: ``MailevaApi`` of the sending's company
        :return: its status at Maileva (not ``DRAFT`` when a previous attempt
            also submitted it)
        """
        found = self.attempt_count > 1 and api.find_sending(
            self.product, self.custom_id
        )
        if not found:
            found = api.create_sending(self.product, self._prepare_sending_payload())
        self.write({"maileva_sending_id": found["id"], "state": SENDING_CREATED})
        return found.get("status", STATUS_DRAFT)

    def _pipeline_upload(self, api):
        """Upload the letter, unless Maileva already has a document."""
        if not api.list_documents(self.product, self.maileva_sending_id):
            api.add_document(
                self.product,
                self.maileva_sending_id,
                self.attachment_id.name,
                self.attachment_id.raw,
            )
        self.state = SENDING_UPLOADED

    def _pipeline_add_recipient(self, api):
        """Add the recipient, unless Maileva already has one."""
        recipients = api.list_recipients(self.product, self.maileva_sending_id)
        recipient = recipients[0] if recipients else None
        if not recipient:
            recipient = api.add_recipient(
                self.product, self.maileva_sending_id, self._prepare_recipient_payload()
            )
        self.write(
            {"maileva_recipient_id": recipient["id"], "state": SENDING_RECIPIENT_ADDED}
        )

    def _pipeline_submit(self, api):
        """Submit the sending, unless a previous attempt did before losing
        the answer."""
        if self.attempt_count > 1:
            status = api.get_sending(self.product, self.maileva_sending_id)["status"]
            if status != STATUS_DRAFT:
                return
        api.submit(self.product, self.maileva_sending_id)

    def _count_attempt(self):
        """Count an attempt and commit it (in the scheduled action) before
        the calls it announces: after a crash, the next run knows it must
        reconcile first.

        One run of the pipeline is one attempt, whatever steps it goes
        through (the submit included): ``MAX_ATTEMPTS`` bounds the runs.
        """
        self.attempt_count += 1
        self._commit()

    # ------------------------------------------------------------
    # OUTCOME
    # ------------------------------------------------------------

    def _set_submitted(self):
        """Maileva accepted the letter: mark its reminders as sent."""
        self.write(
            {
                "state": SENDING_SUBMITTED,
                "maileva_status": STATUS_PENDING,
                "error_code": False,
                "error_message": False,
                "next_attempt_date": False,
            }
        )
        self.message_post(body=self.env._("Letter submitted to Maileva."))
        self._mark_reminders_sent()
        return True

    def _mark_reminders_sent(self):
        """Mark the reminders of this letter as sent through its channel, in
        the name of who asked for the sending; remember each invoice's level
        and date before, to restore them if Maileva rejects the letter."""
        self.ensure_one()
        self.previous_levels = {
            str(move.id): [move.dunning_level, fields.Date.to_string(move.dunning_date)]
            for move in self.move_ids
        }
        sender = self.reminder_ids.with_user(self.create_uid).sudo()
        marked = sender._mark_sent(self._get_channel())
        (sender - marked)._log_history(ACTION_SENT, channel=self._get_channel())

    def _retry_later(self, error):
        """Keep the sending at its step and schedule the next attempt; give up
        after ``MAX_ATTEMPTS``."""
        if self.attempt_count >= MAX_ATTEMPTS:
            return self._fail(error)
        delay = max(int(error.seconds), 60) * 2 ** (self.attempt_count - 1)
        self.write(
            {
                "error_code": error.code,
                "error_message": self._get_error_message(error),
                "next_attempt_date": fields.Datetime.now() + timedelta(seconds=delay),
            }
        )
        return False

    def _fail(self, error):
        """The letter cannot be sent: delete the Maileva draft (best effort),
        store the error, log it on the reminders and tell who asked for the
        sending (its wizard no longer knows)."""
        if self.maileva_sending_id and not isinstance(error, MailevaAuthError):
            try:
                self._get_api().delete_sending(self.product, self.maileva_sending_id)
                self.maileva_sending_id = False
            except MailevaError as delete_error:
                _logger.info("Maileva draft %s kept: %s", self.name, delete_error)
        message = self._get_error_message(error)
        self.write(
            {
                "state": SENDING_ERROR,
                "error_code": error.code,
                "error_message": message,
                "next_attempt_date": False,
            }
        )
        requester = self.create_uid.filtered(
            lambda user: user._is_internal() and not user._is_superuser()
        )
        self.message_post(
            body=self.env._("Letter not sent: %(reason)s", reason=message),
            partner_ids=requester.partner_id.ids,
        )
        # Reminders sent by another channel of the same sending too: the
        # letter's failure is part of their history.
        self.reminder_ids._log_history(
            ACTION_FAILED,
            note=self.env._("Maileva: %(reason)s", reason=message),
            channel=self._get_channel(),
        )
        return False
