# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging
import re
from datetime import timedelta

from markupsafe import Markup
from psycopg2 import OperationalError

from odoo import api, fields, models, modules, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from ..tools import MailevaApi, MailevaAuthError, MailevaError, MailevaRetryableError

_logger = logging.getLogger(__name__)
_lt = LazyTranslate(__name__)

PIPELINE_STATES = ("draft", "created", "uploaded", "recipient_added")
OPEN_STATES = ("submitted", "accepted", "processed")
MAX_ATTEMPTS = 5
CRON_BATCH_SIZE = 50
ADDRESS_LINE_MAX = 38
# Countries registered_mail/v4 accepts (contract A8).
REGISTERED_COUNTRIES = {"FR", "MC", "RE", "YT", "MQ", "GP", "MF", "BL", "GF"}
FR_LINE_6 = re.compile(r"^\d{5} \S.*")
PDF_HEADER = b"%PDF-"
# Written by the sending's own methods only (as superuser): the pipeline's
# state and Maileva's answers, which make a letter go out once and are the
# evidence of what was posted.
PIPELINE_FIELDS = frozenset(
    {
        "name",
        "custom_id",
        "maileva_sending_id",
        "maileva_recipient_id",
        "state",
        "maileva_status",
        "status_detail",
        "registered_number",
        "postage_class",
        "postage_price",
        "error_code",
        "error_message",
        "attempt_count",
        "next_attempt_date",
        "last_poll_date",
        "deposit_proof_id",
        "acknowledgement_id",
        "previous_levels",
    }
)
# The letter as the sending wizard created it, never changed afterwards.
LETTER_FIELDS = frozenset(
    {
        "company_id",
        "partner_id",
        "reminder_ids",
        "move_ids",
        "product",
        "address_line_1",
        "address_line_2",
        "address_line_3",
        "address_line_4",
        "address_line_5",
        "address_line_6",
        "country_code",
        "color_printing",
        "duplex_printing",
        "postage_type",
        "address_sheet",
        "archiving_duration",
        "attachment_id",
    }
)
# Our state for each Maileva sending status.
SENDING_STATUS_TO_STATE = {
    "DRAFT": "recipient_added",
    "PENDING": "submitted",
    "BLOCKED": "submitted",
    "ACCEPTED": "accepted",
    "PREPARING": "accepted",
    "PROCESSED": "processed",
    "PROCESSED_WITH_ERRORS": "processed",
    "REJECTED": "rejected",
    "CANCELED": "rejected",
}
UNDELIVERED_REASONS = {
    "N02": _lt("unknown at this address"),
    "N03": _lt("notified but not collected"),
    "N05": _lt("refused by the recipient"),
    "N07": _lt("defective address"),
}
ERROR_MESSAGES = {
    "ADDRESS_LINE_6_WRONG_FORMAT": _lt(
        "the postcode and city line must read 'NNNNN City' for France"
    ),
    "INVALID_ADDRESS_LINE_6": _lt(
        "the postcode and city line must read 'NNNNN City' for France"
    ),
    "EMPTY_ADDRESS_LINE_6": _lt("the postcode and city are missing"),
    "EMPTY_ADDRESS_LINE_1_OR_ADDRESS_LINE_2": _lt("the recipient's name is missing"),
    "INVALID_COUNTRY_CODE": _lt("Maileva does not send this letter to this country"),
    "DOCUMENT_TYPE_NOT_ACCEPTED": _lt("the letter's file type is refused"),
    "INVALID_DOCUMENT_SIZE": _lt("the letter is larger than 20 MB"),
    "CORRUPTED_DOCUMENT": _lt("the letter's PDF is corrupted"),
    "NOT_A_PDF": _lt(
        "the letter's file is empty or is not a PDF: it was not sent to Maileva"
    ),
    "SENDING_STATUS_IS_NOT_DRAFT": _lt("the sending was already submitted"),
    "SENDING_NOT_FOUND": _lt("the sending no longer exists at Maileva"),
    "invalid_grant": _lt("the Maileva username or password is wrong"),
    "invalid_client": _lt("the Maileva client id or secret is wrong"),
    "TIMEOUT": _lt("Maileva did not answer in time"),
    "NETWORK": _lt("Maileva could not be reached"),
    "UNEXPECTED": _lt(
        "an answer of Maileva or the letter's data could not be processed"
    ),
}


def is_pdf(content):
    """Tell whether ``content`` is a PDF file: bytes starting with the PDF
    header (an empty render, ``False`` or HTML is not)."""
    return isinstance(content, bytes) and content.startswith(PDF_HEADER)


class MailevaSending(models.Model):
    """One letter posted through Maileva: one communication (a customer's
    reminders, or one invoice's) to one postal address.

    The sending wizard only creates the sending, with its letter rendered and
    stored, in the user's transaction (``draft``, "Queued"). The
    scheduled action, triggered at once, talks to Maileva: ``draft`` →
    ``created`` (Maileva sending id stored) → ``uploaded`` →
    ``recipient_added`` → ``submitted``, one sending per transaction; after
    a crash, the next attempt resumes from what Maileva has and never creates
    nor submits a second sending. Then Maileva's statuses move it to
    ``accepted``, ``processed`` (posted) and, for registered letters,
    ``delivered`` or ``undelivered``; ``rejected`` when Maileva refused it in
    production, ``error`` when it could not be sent.

    The reminders of a letter are marked as sent when Maileva accepts it
    (``submitted``): until then they stay to send, and no second letter can
    be posted for them. The fields are written by the model's own methods
    only (see :meth:`_check_protected_fields`).
    """

    _name = "maileva.sending"
    _description = "Maileva Postal Sending"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(string="Reference", readonly=True, default="/", copy=False)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        readonly=True,
        index=True,
    )
    reminder_ids = fields.Many2many(
        comodel_name="dunning.reminder",
        relation="dunning_reminder_maileva_sending_rel",
        column1="sending_id",
        column2="reminder_id",
        string="Reminders",
        readonly=True,
        check_company=True,
    )
    move_ids = fields.Many2many(
        comodel_name="account.move",
        relation="account_move_maileva_sending_rel",
        column1="sending_id",
        column2="move_id",
        string="Invoices",
        readonly=True,
        check_company=True,
    )
    product = fields.Selection(
        selection=[
            ("mail", "Simple letter"),
            ("registered", "Registered letter with acknowledgement of receipt"),
        ],
        required=True,
        readonly=True,
        default="mail",
    )
    address_line_1 = fields.Char(readonly=True, help="Company name.")
    address_line_2 = fields.Char(readonly=True, help="Contact person.")
    address_line_3 = fields.Char(readonly=True, help="Building, residence.")
    address_line_4 = fields.Char(readonly=True, help="Number and street.")
    address_line_5 = fields.Char(readonly=True, help="Locality, PO box.")
    address_line_6 = fields.Char(readonly=True, help="Postcode and city.")
    country_code = fields.Char(readonly=True)
    color_printing = fields.Boolean(readonly=True)
    duplex_printing = fields.Boolean(readonly=True)
    postage_type = fields.Char(readonly=True)
    address_sheet = fields.Boolean(readonly=True)
    archiving_duration = fields.Integer(readonly=True)
    attachment_id = fields.Many2one(
        comodel_name="ir.attachment", string="Letter", readonly=True
    )
    custom_id = fields.Char(
        string="Custom ID",
        readonly=True,
        copy=False,
        index=True,
        help="Our reference of the sending at Maileva: finds it again after a "
        "lost answer.",
    )
    maileva_sending_id = fields.Char(
        string="Maileva Sending ID", readonly=True, copy=False, index=True
    )
    maileva_recipient_id = fields.Char(
        string="Maileva Recipient ID", readonly=True, copy=False, index=True
    )
    state = fields.Selection(
        selection=[
            ("draft", "Queued"),
            ("created", "Created"),
            ("uploaded", "Letter Uploaded"),
            ("recipient_added", "Recipient Added"),
            ("submitted", "Submitted"),
            ("accepted", "Accepted"),
            ("processed", "Posted"),
            ("delivered", "Delivered"),
            ("undelivered", "Undelivered"),
            ("rejected", "Rejected"),
            ("error", "Error"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
    )
    maileva_status = fields.Char(readonly=True, copy=False)
    status_detail = fields.Char(readonly=True, copy=False)
    registered_number = fields.Char(readonly=True, copy=False)
    postage_class = fields.Char(readonly=True, copy=False)
    postage_price = fields.Float(readonly=True, copy=False)
    error_code = fields.Char(readonly=True, copy=False)
    error_message = fields.Char(readonly=True, copy=False)
    attempt_count = fields.Integer(
        string="Attempts", readonly=True, copy=False, help="Calls made to Maileva."
    )
    next_attempt_date = fields.Datetime(readonly=True, copy=False)
    last_poll_date = fields.Datetime(string="Last Status Read", readonly=True)
    deposit_proof_id = fields.Many2one(comodel_name="ir.attachment", readonly=True)
    acknowledgement_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Acknowledgement of Receipt",
        readonly=True,
    )
    previous_levels = fields.Json(
        readonly=True,
        copy=False,
        help="Level and date of each invoice before the letter marked them, "
        "restored if Maileva rejects the letter.",
    )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # EXTENDS 'base'
        self._check_protected_fields(PIPELINE_FIELDS, vals_list)
        sendings = super().create(vals_list)
        uuid = self.env["ir.config_parameter"].sudo().get_param("database.uuid", "")
        for sending in sendings.sudo():
            sending.write(
                {
                    "name": f"MLV/{sending.id:05d}",
                    # At most 36 characters (contract A6), unique across
                    # databases sharing one Maileva account.
                    "custom_id": f"odoo-{uuid[:8]}-{sending.id}",
                }
            )
        return sendings

    def write(self, vals):
        # EXTENDS 'base'
        self._check_protected_fields(PIPELINE_FIELDS | LETTER_FIELDS, [vals])
        return super().write(vals)

    @api.model
    def _check_protected_fields(self, protected, vals_list):
        """Refuse to write ``protected`` fields, unless in superuser mode.

        The pipeline relies on its fields to post a letter once (a cleared
        ``custom_id`` and a state set back to ``draft`` would post a second,
        paid, letter), and they are the evidence of what was posted: the
        model's own methods write them as superuser, after checking the
        user's access when a user asks (:meth:`action_retry`,
        :meth:`action_refresh_status`); nobody writes them over RPC or in a
        form.

        :param protected: set of field names
        :param list vals_list: dicts of values to write
        :raise AccessError: a protected field is written by a user
        """
        if self.env.su:
            return
        names = sorted(protected & {name for vals in vals_list for name in vals})
        if names:
            raise AccessError(
                self.env._(
                    "The Maileva letters are changed by their sending only; "
                    "these fields cannot be written: %(fields)s.",
                    fields=", ".join(names),
                )
            )

    # ------------------------------------------------------------
    # ADDRESS
    # ------------------------------------------------------------

    @api.model
    def _prepare_address_vals(self, contact):
        """Return the Maileva address lines of ``contact`` (contract A8).

        TO OVERRIDE to lay addresses out otherwise. Maileva reserves line 1
        for a company and line 2 for a person (title, first name, last name):
        a company gets its name on line 1 and nothing on line 2; a contact of
        a company gets the company on line 1 and the contact on line 2; a
        private person (no company) gets line 1 empty and the person on line
        2. Line 3: ``street2``; line 4: ``street``; line 6: postcode and
        city.

        :param contact: ``res.partner`` receiving the letter
        :return: dict of ``address_line_1``..``address_line_6``,
            ``country_code``
        """
        commercial = contact.commercial_partner_id
        if contact.is_company:
            company, person = contact, contact.browse()
        elif commercial.is_company:
            company, person = commercial, contact
        else:
            # A private person, or an address of one that has no name of its
            # own.
            company, person = contact.browse(), contact if contact.name else commercial
        return {
            "address_line_1": company.name or "",
            "address_line_2": self._get_person_line(person),
            "address_line_3": contact.street2 or "",
            "address_line_4": contact.street or "",
            "address_line_5": "",
            "address_line_6": " ".join(filter(None, [contact.zip, contact.city])),
            "country_code": contact.country_id.code or "",
        }

    @api.model
    def _get_person_line(self, person):
        """Return the person line of an address: the title (its abbreviation,
        in the person's language) and the name, or the name alone when both
        would not fit on one line.

        :param person: ``res.partner`` (a person), or an empty recordset
        :return: str, empty without a person
        """
        name = (person.name or "").strip()
        title = person.with_context(lang=person.lang or self.env.lang).title
        prefix = (title.shortcut or title.name or "").strip()
        line = f"{prefix} {name}" if prefix and name else name
        return line if len(line) <= ADDRESS_LINE_MAX else name

    @api.model
    def _get_address_problems(self, address, product):
        """Check an address as Maileva will, before any call.

        :param dict address: see :meth:`_prepare_address_vals`
        :param str product: ``mail`` or ``registered``
        :return: list of translated problems (empty when valid)
        """
        problems = []
        for number in range(1, 7):
            line = address.get(f"address_line_{number}") or ""
            if len(line) > ADDRESS_LINE_MAX:
                problems.append(
                    self.env._(
                        "address line %(number)s is longer than %(max)s "
                        "characters (%(line)s)",
                        number=number,
                        max=ADDRESS_LINE_MAX,
                        line=line,
                    )
                )
        if not address.get("address_line_1") and not address.get("address_line_2"):
            problems.append(self.env._("the recipient's name is missing"))
        if not address.get("address_line_4") and not address.get("address_line_5"):
            problems.append(self.env._("the street is missing"))
        line_6 = address.get("address_line_6") or ""
        country = address.get("country_code")
        if not country:
            problems.append(self.env._("the country is missing"))
        elif not line_6:
            problems.append(self.env._("the postcode and city are missing"))
        elif country == "FR" and not FR_LINE_6.match(line_6):
            problems.append(
                self.env._(
                    "the postcode and city must read 'NNNNN City' (%(line)s)",
                    line=line_6,
                )
            )
        if product == "registered" and country and country not in REGISTERED_COUNTRIES:
            problems.append(
                self.env._(
                    "registered letters go only to France, Monaco and the French "
                    "overseas departments, not to %(country)s",
                    country=country,
                )
            )
        return problems

    # ------------------------------------------------------------
    # PIPELINE (run by the scheduled action)
    # ------------------------------------------------------------

    @api.model
    def _can_commit(self):
        """Commit in the scheduled action, except in tests (their transaction
        must stay whole)."""
        return not tools.config["test_enable"] and not modules.module.current_test

    def _commit(self):
        if self._can_commit():
            self.env.cr.commit()  # pylint: disable=invalid-commit

    @api.model
    def _trigger_cron(self, at=None):
        """Wake the scheduled action up (at once, or ``at`` a datetime): it
        sends the letters handed over."""
        cron = self.env.ref("dunning_levels_maileva.ir_cron_maileva_process")
        cron.sudo()._trigger(at=at)

    def _get_api(self):
        return MailevaApi(self.env, self.company_id)

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
        if self.product == "registered":
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

    @api.model
    def _get_due_domain(self):
        """Domain of the sendings the pipeline advances now: not submitted
        yet, and due for an attempt."""
        return [
            ("state", "in", PIPELINE_STATES),
            "|",
            ("next_attempt_date", "=", False),
            ("next_attempt_date", "<=", fields.Datetime.now()),
        ]

    @api.model
    def _lock_first(self, domain):
        """Lock, until the end of the transaction, the first sending (by id)
        matching ``domain`` that no other transaction holds (``FOR UPDATE
        SKIP LOCKED``): two runs never work on one sending, and a run never
        waits for another.

        :return: the sending locked, or an empty recordset
        """
        query = self._search(domain, order="id", limit=1)
        rows = self.env.execute_query(SQL("%s FOR UPDATE SKIP LOCKED", query.select()))
        return self.browse([row[0] for row in rows])

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
        product = self.product
        if self.state in ("draft", "created") and not is_pdf(self.attachment_id.raw):
            # Never upload it (Maileva would print it, or call it corrupted).
            raise MailevaError("NOT_A_PDF", "The letter's file is not a PDF.")
        if self.state == "draft":
            # A previous attempt may have created it before losing the answer.
            found = self.attempt_count > 1 and api.find_sending(product, self.custom_id)
            if not found:
                found = api.create_sending(product, self._prepare_sending_payload())
            self.write({"maileva_sending_id": found["id"], "state": "created"})
            if found.get("status", "DRAFT") != "DRAFT":
                return self._set_submitted()
        if self.state == "created":
            if not api.list_documents(product, self.maileva_sending_id):
                api.add_document(
                    product,
                    self.maileva_sending_id,
                    self.attachment_id.name,
                    self.attachment_id.raw,
                )
            self.state = "uploaded"
        if self.state == "uploaded":
            recipients = api.list_recipients(product, self.maileva_sending_id)
            recipient = recipients[0] if recipients else None
            if not recipient:
                recipient = api.add_recipient(
                    product, self.maileva_sending_id, self._prepare_recipient_payload()
                )
            self.write(
                {"maileva_recipient_id": recipient["id"], "state": "recipient_added"}
            )
        if self.state == "recipient_added":
            if self.attempt_count > 1:
                status = api.get_sending(product, self.maileva_sending_id)["status"]
                if status != "DRAFT":
                    return self._set_submitted()
            api.submit(product, self.maileva_sending_id)
            return self._set_submitted()
        return True

    def _count_attempt(self):
        """Count an attempt and commit it (in the scheduled action) before
        the calls it announces: after a crash, the next run knows it must
        reconcile first.

        One run of the pipeline is one attempt, whatever steps it goes
        through (the submit included): ``MAX_ATTEMPTS`` bounds the runs.
        """
        self.attempt_count += 1
        self._commit()

    def _set_submitted(self):
        """Maileva accepted the letter: mark its reminders as sent."""
        self.write(
            {
                "state": "submitted",
                "maileva_status": "PENDING",
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
        (sender - marked)._log_history("sent", channel=self._get_channel())

    def _get_channel(self):
        self.ensure_one()
        return "maileva_registered" if self.product == "registered" else "maileva"

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
                "state": "error",
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
            "failed",
            note=self.env._("Maileva: %(reason)s", reason=message),
            channel=self._get_channel(),
        )
        return False

    @api.model
    def _get_error_message(self, error):
        """Return the translated message of a Maileva error (rule 12).

        :param error: :class:`MailevaError`
        """
        label = ERROR_MESSAGES.get(error.code)
        text = str(label) if label else error.message or error.code
        return self.env._("%(text)s (%(code)s)", text=text, code=error.code)

    def action_retry(self):
        """Send again these letters in error: the scheduled action, triggered
        at once, resumes each from what Maileva has.

        :raise UserError: another letter of the same reminders is on its way
            or was posted: retrying would post a second one
        """
        self.check_access("write")
        to_retry = self.filtered(lambda s: s.state == "error")
        others = to_retry.reminder_ids.maileva_sending_ids - to_retry
        if others.filtered(lambda s: s.state not in ("error", "rejected")):
            raise UserError(
                self.env._(
                    "Another Maileva letter of these reminders is on its way or "
                    "was posted: this one is not sent again."
                )
            )
        for sending in to_retry.sudo():
            sending.write(
                {
                    "state": "created" if sending.maileva_sending_id else "draft",
                    "attempt_count": 0 if not sending.maileva_sending_id else 1,
                    "next_attempt_date": False,
                }
            )
        if to_retry:
            self._trigger_cron()
        return True

    # ------------------------------------------------------------
    # STATUS FOLLOW-UP
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
        state = SENDING_STATUS_TO_STATE.get(status, self.state)
        detail = remote.get("status_detail") or recipient.get("status_detail")
        if recipient.get("status") in ("REJECTED", "SENDING_REJECTED"):
            state = "rejected"
        if detail:
            vals["status_detail"] = detail
        self.write(vals)
        if self.product == "registered":
            self._fetch_proofs(api, recipient)
            state = self._get_delivery_state(recipient) or state
        if state == "rejected":
            return self._on_rejected(detail or status)
        if state == "undelivered":
            return self._on_undelivered(recipient.get("undelivered_mail_reason"))
        if state != self.state and state not in PIPELINE_STATES:
            self.state = state
        return True

    @api.model
    def _get_delivery_state(self, recipient):
        """Return ``delivered``/``undelivered`` from a v4 recipient, or None."""
        category = (recipient.get("last_main_delivery_status") or {}).get("category")
        if recipient.get("undelivered_mail_reason") or category == "UNDELIVERED":
            return "undelivered"
        if recipient.get("acknowledgement_of_receipt_url") or category == "DELIVERED":
            return "delivered"
        return None

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

    def _on_rejected(self, reason):
        """Maileva refused the letter in production: it was never posted.

        The reminders it had marked as sent are reopened (to send again, by
        post or otherwise) and each invoice gets back its previous level,
        unless something else changed them since; the history and the
        invoice's chatter say why.
        """
        self.ensure_one()
        if self.state == "rejected":
            return False
        self.state = "rejected"
        note = self.env._("Maileva rejected the letter: %(reason)s", reason=reason)
        self.message_post(body=note)
        reminders = self.reminder_ids.sudo()
        reminders._log_history("failed", note=note, channel=self._get_channel())
        previous = self.previous_levels or {}
        # Only the reminders this letter marked as sent: one sent by email in
        # the same sending stays sent.
        for reminder in reminders.filtered(
            lambda r: r.state == "sent" and r.channel == self._get_channel()
        ):
            move = reminder.move_id
            others = move.dunning_reminder_ids.filtered(
                lambda r, rem=reminder: r.state == "draft" and r != rem
            )
            if others or move.dunning_level != reminder.level:
                continue
            reminder.write({"state": "draft", "channel": False, "sent_datetime": False})
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
        if self.state == "undelivered":
            return False
        self.state = "undelivered"
        reason = UNDELIVERED_REASONS.get(reason_code)
        note = self.env._(
            "Maileva: the letter was not delivered (%(reason)s).",
            reason=str(reason) if reason else reason_code or "-",
        )
        self.message_post(body=note)
        self.reminder_ids.sudo()._log_history(
            "failed", note=note, channel=self._get_channel()
        )
        self.move_ids._message_log_batch(
            bodies={move.id: Markup("%s") % note for move in self.move_ids}
        )
        return True

    def _get_action(self):
        """Return the window action listing these sendings."""
        action = self.env["ir.actions.actions"]._for_xml_id(
            "dunning_levels_maileva.maileva_sending_action"
        )
        if len(self) == 1:
            action.update(res_id=self.id, view_mode="form", views=[(False, "form")])
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    def action_refresh_status(self):
        """Read the status at Maileva now.

        Only a user who may change these letters has them read: the access
        is checked before any call to Maileva.
        """
        self.check_access("write")
        self.sudo()._poll()
        return True

    # ------------------------------------------------------------
    # CRON AND WEBHOOK
    # ------------------------------------------------------------

    @api.model
    def _cron_process(self, batch_size=CRON_BATCH_SIZE):
        """Scheduled action: advance up to ``batch_size`` sendings due in the
        pipeline, then read the status of up to ``batch_size`` open ones;
        re-trigger itself for what is left.

        Each sending is handled in a transaction of its own, committed after
        it, and selected with ``FOR UPDATE SKIP LOCKED``: one that another
        transaction holds waits for the next run. As superuser: only the
        model's own methods write its fields.
        """
        sendings = self.sudo()
        # Read before the pipeline runs: a letter submitted in this run has
        # nothing to tell yet.
        open_sendings = sendings.search(
            self._get_open_domain(),
            limit=batch_size + 1,
            order="last_poll_date asc nulls first, id",
        )
        # Each lock below is then the first statement of its transaction.
        self._commit()
        processed = sendings.browse()
        while len(processed) < batch_size:
            sending = sendings._lock_first(
                sendings._get_due_domain() + [("id", "not in", processed.ids)]
            )
            if not sending:
                break
            processed |= sending
            sending._process_one()
            self._commit()
        polled = sendings.browse()
        for sending in open_sendings[:batch_size]:
            if sending._lock_first(self._get_open_domain() + [("id", "=", sending.id)]):
                sending._poll()
                polled |= sending
            self._commit()
        due = sendings.search_count(self._get_due_domain())
        # Due sendings left after a whole batch are the rest of the queue;
        # after a partial one, other transactions hold them: they are tried
        # again in a minute, not in a loop.
        remaining = (due if len(processed) == batch_size else 0) + len(
            open_sendings[batch_size:]
        )
        self.env["ir.cron"]._notify_progress(
            done=len(processed) + len(polled), remaining=remaining
        )
        if remaining:
            self._trigger_cron()
        elif due:
            self._trigger_cron(at=fields.Datetime.now() + timedelta(minutes=1))

    @api.model
    def _get_open_domain(self):
        """Domain of the sendings whose status may still change: submitted or
        accepted, and registered letters posted but not yet delivered nor
        returned (a posted simple letter has nothing more to tell)."""
        return [
            ("maileva_sending_id", "!=", False),
            "|",
            ("state", "in", ("submitted", "accepted")),
            "&",
            ("state", "=", "processed"),
            ("product", "=", "registered"),
        ]

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
