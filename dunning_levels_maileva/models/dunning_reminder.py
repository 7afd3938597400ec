# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.dunning_levels.const import FORMAL_NOTICE_LEVEL

from ..tools.maileva_codes import (
    CHANNEL_MAILEVA,
    CHANNEL_MAILEVA_REGISTERED,
    PIPELINE_STATES,
    PRODUCT_MAIL,
    PRODUCT_REGISTERED,
    is_pdf,
)


class DunningReminder(models.Model):
    _inherit = "dunning.reminder"

    channel = fields.Selection(
        selection_add=[
            (CHANNEL_MAILEVA, "Maileva letter"),
            (CHANNEL_MAILEVA_REGISTERED, "Maileva registered letter"),
        ],
        ondelete={CHANNEL_MAILEVA: "set null", CHANNEL_MAILEVA_REGISTERED: "set null"},
    )
    maileva_sending_ids = fields.Many2many(
        comodel_name="maileva.sending",
        relation="dunning_reminder_maileva_sending_rel",
        column1="reminder_id",
        column2="sending_id",
        string="Maileva Sendings",
        readonly=True,
        copy=False,
    )
    maileva_sending_count = fields.Integer(compute="_compute_maileva_sending_count")

    def _compute_maileva_sending_count(self):
        for reminder in self:
            reminder.maileva_sending_count = len(reminder.maileva_sending_ids)

    def write(self, vals):
        # EXTENDS 'dunning_levels'
        if "maileva_sending_ids" in vals and not self.env.su:
            # The letters of a record are linked by their sending only: an
            # unlinked letter still on its way would let a second one go.
            raise AccessError(
                self.env._("The Maileva letters are linked by their sending only.")
            )
        return super().write(vals)

    def _get_maileva_product(self, channel):
        """Return the Maileva product of this communication for ``channel``.

        TO OVERRIDE to choose otherwise. A ``maileva`` letter at level 3 goes
        registered when the company asks for it.

        :return: ``mail`` or ``registered``
        """
        company = self.company_id[:1]
        if channel == CHANNEL_MAILEVA_REGISTERED or (
            max(self.mapped("level") or [0]) >= FORMAL_NOTICE_LEVEL
            and company.maileva_registered_level3
        ):
            return PRODUCT_REGISTERED
        return PRODUCT_MAIL

    def _get_maileva_contact(self):
        """Return who receives the letter: the invoice contact, else the
        customer."""
        return self.move_id.partner_id[:1] or self.partner_id[:1]

    def _get_maileva_problem(self, channel):
        """Return why this communication cannot be posted through Maileva,
        or None.

        :return: (reason code, translated reason), or None
        """
        company = self.company_id[:1].sudo()
        if not (
            company.maileva_username
            and company.maileva_password
            and company.maileva_client_id
            and company.maileva_client_secret
        ):
            return "maileva_not_configured", self.env._(
                "Maileva is not configured for %(company)s.", company=company.name
            )
        if self.sudo().maileva_sending_ids.filtered(
            lambda s: s.state in PIPELINE_STATES
        ):
            # Never a second letter while the first one may still go out
            # (e.g. sent again after a crash, or by a background sending).
            return "maileva_on_its_way", self.env._(
                "A Maileva letter to %(customer)s is already on its way for "
                "these reminders: it is sent automatically once Maileva "
                "answers.",
                customer=self.partner_id[:1].display_name,
            )
        contact = self._get_maileva_contact()
        sending_model = self.env["maileva.sending"]
        problems = sending_model._get_address_problems(
            sending_model._prepare_address_vals(contact),
            self._get_maileva_product(channel),
        )
        if problems:
            return "maileva_address", self.env._(
                "%(customer)s: %(problems)s.",
                customer=contact.display_name,
                problems="; ".join(problems),
            )
        return None

    def _check_maileva_pdf(self, pdf):
        """Refuse to post a letter whose render is not a PDF.

        Maileva prints what it receives: an empty render or anything but a PDF
        (wkhtmltopdf missing, crashing or writing nothing) must never leave,
        and the user must learn that the PDF engine is the cause.

        :param pdf: the render of the letter
        :raise UserError: the render is empty or not a PDF
        """
        if not is_pdf(pdf):
            raise UserError(
                self.env._(
                    "The letter to %(customer)s was not sent: its render is "
                    "empty or is not a PDF. The PDF engine (wkhtmltopdf) failed "
                    "or is not installed correctly on the server; fix it, then "
                    "send the reminder again.",
                    customer=self.partner_id[:1].display_name,
                )
            )

    def _create_maileva_sending(self, channel, pdf):
        """Create the Maileva sending of this communication (not sent yet).

        :param bytes pdf: the letter (A4)
        :return: ``maileva.sending``
        :raise UserError: ``pdf`` is empty or not a PDF (see
            :meth:`_check_maileva_pdf`)
        """
        self._check_maileva_pdf(pdf)
        company = self.company_id[:1]
        product = self._get_maileva_product(channel)
        attachment = self.env["dunning.sending"]._store_pdf(
            pdf,
            self.env._(
                "Payment reminder %(customer)s.pdf", customer=self.partner_id[:1].name
            ),
            self._name,
            self[:1].id,
        )
        self._write_evidence({"letter_attachment_id": attachment.id})
        archiving = int(company.maileva_archiving)
        if product == PRODUCT_REGISTERED:
            archiving = max(archiving, 3)
        postage = company.maileva_postage_type
        if product == PRODUCT_REGISTERED and postage == "ECONOMIC":
            postage = "FAST"
        return self.env["maileva.sending"].create(
            {
                "company_id": company.id,
                "partner_id": self.partner_id[:1].id,
                "reminder_ids": [fields.Command.set(self.ids)],
                "move_ids": [fields.Command.set(self.move_id.ids)],
                "product": product,
                "attachment_id": attachment.id,
                "color_printing": company.maileva_color,
                "duplex_printing": company.maileva_duplex,
                "postage_type": postage,
                "address_sheet": company.maileva_address_sheet,
                "archiving_duration": archiving,
                **self.env["maileva.sending"]._prepare_address_vals(
                    self._get_maileva_contact()
                ),
            }
        )

    def action_open_maileva_sendings(self):
        """Open the Maileva sendings of these reminders."""
        return self.maileva_sending_ids._get_action()

    def _get_proof_attachments(self):
        # EXTENDS 'dunning_levels'
        # Maileva's deposit proofs and acknowledgements of receipt are kept on
        # the sendings.
        sendings = self.maileva_sending_ids
        return (
            super()._get_proof_attachments()
            | sendings.deposit_proof_id
            | sendings.acknowledgement_id
        )

    def _get_proof_reference(self):
        # EXTENDS 'dunning_levels'
        references = [super()._get_proof_reference()]
        for sending in self.maileva_sending_ids.sorted("id"):
            state = dict(sending._fields["state"]._description_selection(self.env)).get(
                sending.state
            )
            if sending.registered_number:
                references.append(
                    self.env._(
                        "Registered letter %(number)s: %(state)s",
                        number=sending.registered_number,
                        state=state,
                    )
                )
            else:
                references.append(
                    self.env._(
                        "Maileva letter %(name)s: %(state)s",
                        name=sending.name,
                        state=state,
                    )
                )
        return "; ".join(filter(None, references))
