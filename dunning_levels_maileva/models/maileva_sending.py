# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import MailevaApi
from ..tools.maileva_address import get_address_problems, get_address_vals
from ..tools.maileva_codes import (
    CHANNEL_MAILEVA,
    CHANNEL_MAILEVA_REGISTERED,
    PRODUCT_MAIL,
    PRODUCT_REGISTERED,
    SENDING_ACCEPTED,
    SENDING_CREATED,
    SENDING_DELIVERED,
    SENDING_DRAFT,
    SENDING_ERROR,
    SENDING_PROCESSED,
    SENDING_RECIPIENT_ADDED,
    SENDING_REJECTED,
    SENDING_SUBMITTED,
    SENDING_UNDELIVERED,
    SENDING_UPLOADED,
    get_error_label,
)

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

    The model's code is split by responsibility: this file holds its fields,
    their protection, the address and the user's actions;
    ``maileva_sending_cron.py`` the scheduled action (batches, locks,
    commits); ``maileva_sending_pipeline.py`` the posting of a letter;
    ``maileva_sending_status.py`` the follow-up of its status, its proofs and
    Maileva's notifications. Address lines and Maileva's codes are plain
    Python, in ``tools/maileva_address.py`` and ``tools/maileva_codes.py``.
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
            (PRODUCT_MAIL, "Simple letter"),
            (PRODUCT_REGISTERED, "Registered letter with acknowledgement of receipt"),
        ],
        required=True,
        readonly=True,
        default=PRODUCT_MAIL,
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
            (SENDING_DRAFT, "Queued"),
            (SENDING_CREATED, "Created"),
            (SENDING_UPLOADED, "Letter Uploaded"),
            (SENDING_RECIPIENT_ADDED, "Recipient Added"),
            (SENDING_SUBMITTED, "Submitted"),
            (SENDING_ACCEPTED, "Accepted"),
            (SENDING_PROCESSED, "Posted"),
            (SENDING_DELIVERED, "Delivered"),
            (SENDING_UNDELIVERED, "Undelivered"),
            (SENDING_REJECTED, "Rejected"),
            (SENDING_ERROR, "Error"),
        ],
        default=SENDING_DRAFT,
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
        city (see ``get_address_vals`` in ``tools/maileva_address.py``).

        :param contact: ``res.partner`` receiving the letter
        :return: dict of ``address_line_1``..``address_line_6``,
            ``country_code``
        """
        return get_address_vals(
            self._prepare_address_partner_vals(contact),
            self._prepare_address_partner_vals(contact.commercial_partner_id),
        )

    @api.model
    def _prepare_address_partner_vals(self, partner):
        """Return what an address takes of ``partner``, as plain values: its
        name, whether it is a company, its title (the abbreviation, in the
        partner's language) and its postal address.

        :param partner: ``res.partner``, or an empty recordset
        :return: dict, see ``get_address_vals`` in
            ``tools/maileva_address.py``
        """
        title = partner.with_context(lang=partner.lang or self.env.lang).title
        return {
            "name": partner.name or "",
            "is_company": partner.is_company,
            "title": title.shortcut or title.name or "",
            "street": partner.street or "",
            "street2": partner.street2 or "",
            "zip": partner.zip or "",
            "city": partner.city or "",
            "country_code": partner.country_id.code or "",
        }

    @api.model
    def _get_address_problems(self, address, product):
        """Check an address as Maileva will, before any call.

        :param dict address: see :meth:`_prepare_address_vals`
        :param str product: ``mail`` or ``registered``
        :return: list of translated problems (empty when valid)
        """
        return [
            self.env._(problem.message)
            for problem in get_address_problems(address, product)
        ]

    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _get_api(self):
        return MailevaApi(self.env, self.company_id)

    def _get_channel(self):
        self.ensure_one()
        if self.product == PRODUCT_REGISTERED:
            return CHANNEL_MAILEVA_REGISTERED
        return CHANNEL_MAILEVA

    @api.model
    def _get_error_message(self, error):
        """Return the translated message of a Maileva error (rule 12).

        :param error: :class:`MailevaError`
        """
        return self.env._(
            "%(text)s (%(code)s)",
            text=get_error_label(error.code, error.message),
            code=error.code,
        )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

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

    def action_retry(self):
        """Send again these letters in error: the scheduled action, triggered
        at once, resumes each from what Maileva has.

        :raise UserError: another letter of the same reminders is on its way
            or was posted: retrying would post a second one
        """
        self.check_access("write")
        to_retry = self.filtered(lambda s: s.state == SENDING_ERROR)
        others = to_retry.reminder_ids.maileva_sending_ids - to_retry
        if others.filtered(lambda s: s.state not in (SENDING_ERROR, SENDING_REJECTED)):
            raise UserError(
                self.env._(
                    "Another Maileva letter of these reminders is on its way or "
                    "was posted: this one is not sent again."
                )
            )
        for sending in to_retry.sudo():
            sending.write(
                {
                    "state": SENDING_CREATED
                    if sending.maileva_sending_id
                    else SENDING_DRAFT,
                    "attempt_count": 0 if not sending.maileva_sending_id else 1,
                    "next_attempt_date": False,
                }
            )
        if to_retry:
            self._trigger_cron()
        return True

    def action_refresh_status(self):
        """Read the status at Maileva now.

        Only a user who may change these letters has them read: the access
        is checked before any call to Maileva.
        """
        self.check_access("write")
        self.sudo()._poll()
        return True
