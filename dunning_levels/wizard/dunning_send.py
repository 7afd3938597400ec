# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..const import CHANNEL_EMAIL, CHANNEL_LETTER, LEVEL_SELECTION, STATE_DRAFT

_logger = logging.getLogger(__name__)


class DunningSend(models.TransientModel):
    """Send payment reminders in mass, through one or several channels.

    A thin form over the sending service (``dunning.sending``): it collects
    the options, shows the preview and the result. A channel declared by the
    service (``dunning.sending._get_channels``) is chosen with a boolean
    field ``use_<channel>``: a channel addon adds that field, computed by
    :meth:`_compute_use_channels` from the levels' ``send_<channel>`` fields,
    and adds it to the preview's dependencies.
    """

    _name = "dunning.send"
    _description = "Send Payment Reminders"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    state = fields.Selection(
        selection=[("draft", "Preview"), ("done", "Summary")], default="draft"
    )
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company
    )
    reminder_ids = fields.Many2many(comodel_name="dunning.reminder", string="Reminders")
    move_ids = fields.Many2many(comodel_name="account.move", string="Invoices")
    from_invoices = fields.Boolean(compute="_compute_from_invoices")
    generation_rule = fields.Selection(
        selection=[
            ("next", "Next level"),
            ("customer", "Level set on the customer"),
            ("chosen", "Level chosen here"),
            ("days", "Level matching the days overdue"),
        ],
        default="next",
        required=True,
        help="How the level of each invoice's reminder is chosen. 'Days "
        "overdue' takes the highest active level whose delay is reached.",
    )
    level = fields.Selection(
        selection=LEVEL_SELECTION,
        string="Level to Send",
        default="1",
    )
    allow_resend = fields.Boolean(
        string="Allow Re-sending a Level Already Sent",
        help="Send a level again even if it was already sent for the invoice.",
    )
    # The channels start from those of the levels of what is sent (see
    # _compute_use_channels); the user may change them for this sending.
    use_email = fields.Boolean(
        string="Email",
        compute="_compute_use_channels",
        store=True,
        readonly=False,
    )
    use_letter = fields.Boolean(
        string="Printed Letter",
        compute="_compute_use_channels",
        store=True,
        readonly=False,
    )
    use_phone = fields.Boolean(
        string="Phone Call List",
        help="A list of customers to call; it changes no level.",
    )
    attach_statement = fields.Boolean(
        string="Attach Customer Statement",
        help="Attach the customer's statement of account to the email.",
    )
    attach_invoices = fields.Boolean(
        string="Attach the Invoice Copies",
        help="Add a copy of each invoice to the letters and emails of this "
        "sending, at every level. Without it, only the levels set to carry "
        "them do, and the formal notice always does.",
    )
    show_attach_invoices = fields.Boolean(compute="_compute_show_attach_invoices")
    grouping = fields.Selection(
        selection=[
            ("customer", "One per customer"),
            ("invoice", "One per invoice"),
        ],
        default="customer",
        required=True,
        help="One communication per customer covering all its selected "
        "invoices (statement style), or one per invoice.",
    )
    sort_key = fields.Selection(
        selection=[
            ("partner", "Customer"),
            ("salesperson", "Salesperson"),
            ("category", "Customer tag"),
        ],
        string="Sort Letters By",
        default="partner",
        required=True,
    )
    # Sanitized like any HTML field: the service renders them with QWeb from
    # plain data, the customers' names escaped.
    preview_html = fields.Html(compute="_compute_preview", string="Preview")
    preview_data = fields.Json(compute="_compute_preview")
    has_problems = fields.Boolean(compute="_compute_preview")
    summary_data = fields.Json(
        readonly=True,
        help="What the sending did (see dunning.sending._new_result).",
    )
    summary_html = fields.Html(compute="_compute_summary_html", string="Summary")
    letter_attachment_id = fields.Many2one(
        comodel_name="ir.attachment", string="Letters", readonly=True
    )
    call_list_attachment_id = fields.Many2one(
        comodel_name="ir.attachment", string="Call List", readonly=True
    )

    # ------------------------------------------------------------
    # DEFAULTS AND COMPUTE
    # ------------------------------------------------------------

    @api.model
    def default_get(self, fields_list):
        # EXTENDS 'base'
        values = super().default_get(fields_list)
        active_model = self.env.context.get("active_model")
        active_ids = self.env.context.get("active_ids") or []
        if active_model == "dunning.reminder":
            values["reminder_ids"] = [fields.Command.set(active_ids)]
        elif active_model == "account.move":
            values["move_ids"] = [fields.Command.set(active_ids)]
        return values

    @api.depends("move_ids")
    def _compute_from_invoices(self):
        for wizard in self:
            wizard.from_invoices = bool(wizard.move_ids)

    @api.depends("reminder_ids", "move_ids")
    def _compute_use_channels(self):
        """Check the default channels of the levels to send (see
        ``dunning.level._get_default_channels``): reminders of levels 1 and 2
        start with the channels of both levels. Without any level (nothing
        selected), the email.

        Computed from the selection only: changing the generation rule or the
        level afterwards keeps the channels the user chose.

        The ``use_<channel>`` fields of the channel addons are computed here
        too: they declare this method as their ``compute``.
        """
        channel_fields = {
            channel: f"use_{channel}"
            for channel in self.env["dunning.sending"]._get_channels()
            if f"use_{channel}" in self._fields
        }
        for wizard in self:
            levels = wizard._get_levels_to_send()
            channels = levels._get_default_channels() if levels else [CHANNEL_EMAIL]
            wizard.update(
                {
                    fname: channel in channels
                    for channel, fname in channel_fields.items()
                }
            )

    def _get_levels_to_send(self):
        """Return the levels (``dunning.level``) of what this sending sends:
        those of the reminders to send, or, from invoices, the level the
        generation rule chooses for each invoice.

        :return: ``dunning.level`` records, possibly empty
        """
        self.ensure_one()
        levels = self.env["dunning.level"].with_context(active_test=False)
        if not self.from_invoices:
            drafts = self.reminder_ids.filtered(lambda r: r.state == STATE_DRAFT)
            return (drafts or self.reminder_ids).level_id
        plan, __ = self.env["dunning.sending"]._plan_invoice_levels(
            self.move_ids._origin,
            {
                "generation_rule": self.generation_rule,
                "level": int(self.level or 0),
                "allow_resend": self.allow_resend,
            },
        )
        targets = {(move.company_id, level) for move, level in plan}
        return levels.search(
            [("company_id", "in", self.move_ids.company_id.ids)]
        ).filtered(lambda level: (level.company_id, level.level) in targets)

    @api.depends("use_email", "use_letter")
    def _compute_show_attach_invoices(self):
        for wizard in self:
            wizard.show_attach_invoices = any(
                wizard[f"use_{channel}"]
                for channel in wizard._get_invoice_copy_channels()
            )

    @api.model
    def _get_invoice_copy_channels(self):
        """Return the channels that can carry the invoice copies (the
        ``attach_invoices`` option): the email and the letters.

        TO EXTEND by channel addons sending letters (add their channel, and
        its ``use_<channel>`` field to the dependencies of
        :meth:`_compute_show_attach_invoices`).

        :return: list of channel codes having a ``use_<channel>`` field
        """
        return [CHANNEL_EMAIL, CHANNEL_LETTER]

    def _get_sending_options(self):
        """Return the options of this sending for ``dunning.sending`` (see
        its ``_get_default_options``).

        TO EXTEND to pass more options.
        """
        self.ensure_one()
        service = self.env["dunning.sending"]
        return {
            "channels": [
                channel
                for channel in service._get_channels()
                if self._fields.get(f"use_{channel}") and self[f"use_{channel}"]
            ],
            "call_list": self.use_phone,
            "grouping": self.grouping,
            "sort_key": self.sort_key,
            "attach_statement": self.attach_statement,
            "attach_invoices": self.attach_invoices,
            "generation_rule": self.generation_rule,
            "level": int(self.level or 0),
            "allow_resend": self.allow_resend,
        }

    def _get_sending_records(self):
        """Return the keyword arguments giving the service what to send:
        the selected reminders, or the selected invoices."""
        self.ensure_one()
        if self.from_invoices:
            return {"moves": self.move_ids}
        return {"reminders": self.reminder_ids}

    @api.depends(
        "reminder_ids",
        "move_ids",
        "generation_rule",
        "level",
        "allow_resend",
        "use_email",
        "use_letter",
        "use_phone",
        "grouping",
    )
    def _compute_preview(self):
        service = self.env["dunning.sending"]
        for wizard in self:
            preview = service._get_preview(
                wizard._get_sending_options(), **wizard._get_sending_records()
            )
            wizard.preview_data = preview
            wizard.has_problems = bool(preview["problems"])
            wizard.preview_html = service._render_preview_html(
                preview,
                wizard.company_id,
                background_threshold=wizard._must_send_in_background()
                and wizard.company_id.dunning_send_background_threshold,
            )

    @api.depends("summary_data")
    def _compute_summary_html(self):
        service = self.env["dunning.sending"]
        for wizard in self:
            wizard.summary_html = wizard.summary_data and service._render_summary_html(
                wizard.summary_data
            )

    # ------------------------------------------------------------
    # SENDING
    # ------------------------------------------------------------

    def action_send(self):
        """Send the reminders through the chosen channels.

        Above the company's threshold, a background job (``dunning.send.job``)
        sends them in batches instead.
        """
        self.ensure_one()
        options = self._get_sending_options()
        if not options["channels"] and not options["call_list"]:
            raise UserError(self.env._("Choose at least one channel."))
        if self._must_send_in_background():
            return self._action_send_in_background(options)
        result = self.env["dunning.sending"]._send(
            options, **self._get_sending_records()
        )
        self.write(
            {
                "state": "done",
                "summary_data": result,
                "letter_attachment_id": (result["letter_attachment_ids"] or [False])[
                    -1
                ],
                "call_list_attachment_id": (
                    result["call_list_attachment_ids"] or [False]
                )[-1],
            }
        )
        return self._get_records_action(
            name=self.env._("Payment Reminders Sent"), target="new", context={}
        )

    def _must_send_in_background(self):
        """Whether this sending is too large to run while the user waits.

        Above the company's threshold (0: never), a background job sends the
        reminders.
        """
        threshold = self.company_id.dunning_send_background_threshold
        if not threshold:
            return False
        if self.from_invoices:
            return len(self.move_ids) > threshold
        return (
            len(self.reminder_ids.filtered(lambda r: r.state == STATE_DRAFT))
            > threshold
        )

    def _action_send_in_background(self, options):
        """Record a background job sending the reminders in batches, and
        show its progress.

        Starting from invoices, their reminders are prepared now: the job
        only sends reminders, so that a batch run twice never moves an
        invoice to a further level.
        """
        service = self.env["dunning.sending"]
        result = service._new_result()
        if self.from_invoices:
            reminders, problems = service._prepare_reminders_from_invoices(
                self.move_ids, options
            )
            for move, problem in problems.items():
                service._add_failure(result, move.display_name, "", problem)
        else:
            reminders = self.reminder_ids.filtered(lambda r: r.state == STATE_DRAFT)
        job = self.env["dunning.send.job"]._create_from_wizard(
            self, reminders, options, result
        )
        return job._get_action()

    def action_download_letters(self):
        """Download the PDF of the letters printed by this sending."""
        self.ensure_one()
        return self.letter_attachment_id._dunning_get_download_action()

    def action_download_call_list(self):
        """Download the phone call list."""
        self.ensure_one()
        return self.call_list_attachment_id._dunning_get_download_action()
