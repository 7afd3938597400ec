# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models

from ..const import CHANNEL_LETTER, STATE_DRAFT


class DunningPrintLetter(models.TransientModel):
    """Print the letters of payment reminders still to send, asking once
    whether printing them counts as sending them.

    Opened by ``dunning.reminder.action_print_letter`` (a row's printer) and
    ``action_print_letters`` (the Print menu) when the selection holds
    reminders to send; letters of reminders already sent print without a
    question and change nothing.
    """

    _name = "dunning.print.letter"
    _description = "Print Payment Reminder Letters"

    reminder_ids = fields.Many2many(
        comodel_name="dunning.reminder", string="Reminders", required=True
    )
    print_options = fields.Json(
        help="Options of the letters (grouping, sorting, invoice copies): see "
        "dunning.sending._get_default_options.",
    )
    draft_count = fields.Integer(
        compute="_compute_draft_count", string="Reminders to Send"
    )
    mark_sent = fields.Boolean(
        string="Mark Them as Sent",
        compute="_compute_mark_sent",
        store=True,
        readonly=False,
        help="The reminders still to send are recorded as sent by printed "
        "letter today: their invoices take their level, the history and the "
        "invoices' chatter record it, and the letter is kept for reprint. "
        "The company's setting gives the default answer.",
    )

    @api.depends("reminder_ids")
    def _compute_draft_count(self):
        for wizard in self:
            wizard.draft_count = len(
                wizard.reminder_ids.filtered(lambda r: r.state == STATE_DRAFT)
            )

    @api.depends("reminder_ids")
    def _compute_mark_sent(self):
        for wizard in self:
            companies = wizard.reminder_ids.company_id
            wizard.mark_sent = bool(companies) and all(
                companies.mapped("dunning_print_mark_sent")
            )

    @api.model
    def _get_action(self, reminders, options):
        """Return the action opening this wizard on ``reminders``, to print
        their letters with ``options`` (see
        ``dunning.sending._get_default_options``)."""
        wizard = self.create(
            {
                "reminder_ids": [fields.Command.set(reminders.ids)],
                "print_options": options,
            }
        )
        return wizard._get_records_action(
            name=self.env._("Print Payment Reminder Letters"), target="new", context={}
        )

    def action_print(self):
        """Print the letters; with ``mark_sent``, record the reminders still
        to send as sent by printed letter first, as a sending by letter does:
        the letters are stored on them for reprint, and their invoices take
        their level.

        :return: the action downloading the letters
        """
        self.ensure_one()
        reminders = self.reminder_ids
        options = self.env["dunning.sending"]._get_options(self.print_options)
        if self.mark_sent:
            self._mark_printed_sent(reminders, options)
        action = reminders._get_letter_report_action(options)
        action["close_on_report_download"] = True
        return action

    @api.model
    def _mark_printed_sent(self, reminders, options):
        """Record the reminders of ``reminders`` still to send as sent by
        printed letter, their letters (one PDF) stored on them.

        :return: the reminders marked sent
        """
        reminders._lock_for_sending()
        drafts = reminders.filtered(lambda r: r.state == STATE_DRAFT)
        if not drafts:
            return drafts
        service = self.env["dunning.sending"]
        result = service._new_result()
        groups = drafts._group_for_sending(options["grouping"], options["sort_key"])
        sent, __ = service._send_letter(CHANNEL_LETTER, groups, options, result)
        service._record_sent({group: [CHANNEL_LETTER] for group in sent}, result)
        return drafts
