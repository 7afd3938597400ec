# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import base64
import secrets

from odoo import api, fields, models
from odoo.tools import consteq
from odoo.tools.image import image_data_uri

from ..const import ACCESS_TOKEN_BYTES, ACCESS_VALIDITY_DAYS
from ..tools import insert_records

# Longest remittance text a SEPA credit transfer carries.
SEPA_REFERENCE_SIZE = 140


class DunningAccess(models.Model):
    """The personal link of a customer's reminder page in one company.

    One per commercial partner and company. Its token is the whole
    credential of the page (``/r/<token>``): random, short enough for an
    SMS, and valid until its expiry date, which each reminder sent to the
    customer pushes ``ACCESS_VALIDITY_DAYS`` days after the sending.
    """

    _name = "dunning.access"
    _description = "Reminder Page Access"
    _check_company_auto = True
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
        ondelete="cascade",
    )
    access_token = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self._generate_access_token(),
        groups="base.group_system",
    )
    expiration_date = fields.Date(
        string="Valid Until",
        required=True,
        readonly=True,
        default=lambda self: self._default_expiration_date(),
    )

    _sql_constraints = [
        (
            "partner_company_uniq",
            "UNIQUE(partner_id, company_id)",
            "A customer has one reminder page link per company.",
        ),
        (
            "access_token_uniq",
            "UNIQUE(access_token)",
            "The link of a reminder page must be unique.",
        ),
    ]

    @api.model
    def _generate_access_token(self):
        """Return a new random token, URL-safe (22 characters)."""
        return secrets.token_urlsafe(ACCESS_TOKEN_BYTES)

    @api.model
    def _default_expiration_date(self):
        return fields.Date.add(
            fields.Date.context_today(self), days=ACCESS_VALIDITY_DAYS
        )

    @api.model
    def _get_access(self, partner, company):
        """Return the access of ``partner``'s reminder page in ``company``,
        created on the first call.

        Read through the customer's links (``res.partner.dunning_access_ids``):
        a sending reads those of all its customers at once beforehand, each
        customer's link then comes from the cache.

        In a read-only transaction (a report printed from its URL) a missing
        access is not created: the reminders' generation and creation create
        them, so only a customer never reminded has none there.

        :param partner: ``res.partner`` record (its commercial entity is used)
        :param company: ``res.company`` record
        :return: ``dunning.access`` record in sudo mode, empty when missing in
            a read-only transaction
        """
        partner = partner.commercial_partner_id.sudo()
        access = partner.dunning_access_ids.filtered(
            lambda access: access.company_id == company
        )[:1]
        if access or self.env.cr.readonly:
            return access
        return self._get_accesses(partner, company)

    @api.model
    def _get_accesses(self, partners, company):
        """Return the accesses of the reminder pages of ``partners`` in
        ``company``, creating the missing ones (not in a read-only
        transaction): one query to read them whatever their number, one to
        insert the missing ones (see
        :func:`~odoo.addons.dunning_levels.tools.insert_records`).

        :param partners: commercial ``res.partner`` records
        :param company: ``res.company`` record
        :return: ``dunning.access`` records in sudo mode
        """
        accesses = self.sudo().search_fetch(
            [("partner_id", "in", partners.ids), ("company_id", "=", company.id)],
            ["partner_id", "company_id", "expiration_date", "access_token"],
        )
        missing = partners - accesses.partner_id
        if missing and not self.env.cr.readonly:
            # In SQL, ten thousand per query: a first generation creates the
            # links of all the customers reminded.
            expiration_date = self._default_expiration_date()
            accesses |= insert_records(
                self.sudo(),
                [
                    {
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "access_token": self._generate_access_token(),
                        "expiration_date": expiration_date,
                    }
                    for partner in missing
                ],
            )
        return accesses

    @api.model
    def _renew(self, partners, company):
        """Push the expiry of the links of ``partners`` in ``company`` to
        ``ACCESS_VALIDITY_DAYS`` days from today, creating the missing ones:
        called for each reminder sent. One read for all the partners; a
        link already valid that long is not written again.

        :param partners: ``res.partner`` records (their commercial entities)
        :param company: ``res.company`` record
        """
        if not partners:
            return
        expiration_date = self._default_expiration_date()
        self._get_accesses(partners.commercial_partner_id, company).filtered(
            lambda access: access.expiration_date < expiration_date
        ).expiration_date = expiration_date

    @api.model
    def _find_by_token(self, token):
        """Return the valid access whose token is ``token``, else an empty
        recordset: unknown and expired tokens are told apart from nothing.

        :param str token: token read from the URL
        :return: ``dunning.access`` record in sudo mode, or empty
        """
        accesses = self.sudo()
        if not token or len(token) > 64:
            return accesses
        access = accesses.search([("access_token", "=", token)], limit=1)
        if (
            not access
            or not consteq(access.access_token, token)
            or access.expiration_date < fields.Date.context_today(self)
        ):
            return accesses
        return access

    def _get_url(self):
        """Return the absolute short URL of the reminder page."""
        self.ensure_one()
        return f"{self.company_id.get_base_url()}/r/{self.sudo().access_token}"

    def _get_bank_account(self, company):
        """Return the bank account the customer pays by transfer to: the
        account of ``company``'s first bank journal that has one, else the
        company's first bank account.

        TO OVERRIDE to choose another account (per currency, per customer).

        :param company: ``res.company`` record
        :return: ``res.partner.bank`` record, possibly empty
        """
        journal = (
            self.env["account.journal"]
            .sudo()
            .search(
                [
                    ("type", "=", "bank"),
                    ("company_id", "=", company.id),
                    ("bank_account_id", "!=", False),
                ],
                order="sequence, id",
                limit=1,
            )
        )
        return journal.bank_account_id or company.partner_id.bank_ids[:1]

    @api.model
    def _get_payment_reference(self, invoices):
        """Return the reference the customer quotes in a transfer paying
        ``invoices``: their payment references (else numbers), comma
        separated, cut to the length a SEPA transfer carries.

        :param invoices: ``account.move`` records
        """
        references = [invoice.payment_reference or invoice.name for invoice in invoices]
        return ", ".join(references)[:SEPA_REFERENCE_SIZE]

    def _get_transfer_values(self, invoices, amount, currency, company):
        """Return what a letter or statement prints for a payment by
        transfer of ``amount`` for ``invoices``.

        The QR code is the SEPA credit transfer one (EPC: beneficiary, IBAN,
        amount, reference) when the bank account is SEPA-eligible for
        ``currency``, else a QR code of the reminder page.

        :param invoices: ``account.move`` records the payment settles
        :param float amount: amount to pay (none in the SEPA QR when not
            positive)
        :param currency: ``res.currency`` of ``amount``
        :param company: ``res.company`` paid
        :return: dict with the keys ``bank_account`` (``res.partner.bank``,
            possibly empty), ``holder`` (name of the account holder),
            ``reference``, ``url`` (the reminder page; empty when this access
            is), ``qr_code`` (image as a data URI, possibly empty) and
            ``qr_is_sepa``
        """
        bank_account = self._get_bank_account(company)
        reference = self._get_payment_reference(invoices)
        qr_code = None
        if bank_account and currency and amount > 0:
            qr_code = bank_account.build_qr_code_base64(
                currency.round(amount),
                reference,
                None,
                currency,
                self.partner_id,
                qr_method="sct_qr",
                silent_errors=True,
            )
        url = self._get_url() if self else ""
        return {
            "bank_account": bank_account,
            "holder": bank_account.acc_holder_name or bank_account.partner_id.name,
            "reference": reference,
            "url": url,
            "qr_code": qr_code or (url and self._get_url_qr_code(url)),
            "qr_is_sepa": bool(qr_code),
        }

    @api.model
    def _get_url_qr_code(self, url):
        """Return a QR code of ``url``, as an image data URI."""
        barcode = self.env["ir.actions.report"].barcode(
            "QR", url, width=128, height=128
        )
        return image_data_uri(base64.b64encode(barcode))
