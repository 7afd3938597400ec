# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from itertools import pairwise

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from ..const import DEFAULT_LEVEL_CHANNELS, FORMAL_NOTICE_LEVEL

_lt = LazyTranslate(__name__)

# Default configuration of the three levels. Texts are plain sentences (no
# HTML in translatable strings); ``%(customer)s`` and ``%(deadline)s`` become
# merge fields. The letter's body comes before the table of invoices, its
# closing formula after it, followed by the signature.
DEFAULT_LEVELS = {
    1: {
        "name": _lt("First reminder"),
        "delay_days": 15,
        "payment_deadline_days": 0,
        "attach_invoice": False,
        "mail_template": "dunning_levels.mail_template_dunning_level_1",
        "letter_title": _lt("Payment reminder"),
        "paragraphs": [
            _lt("Dear Sir or Madam,"),
            _lt(
                "Unless we are mistaken, the invoices listed below, issued to "
                "%(customer)s, remain unpaid although their due date has passed."
            ),
            _lt(
                "This is probably an oversight. We would be grateful if you could "
                "settle the amount due at your earliest convenience."
            ),
            _lt(
                "If your payment has been sent in the meantime, please disregard "
                "this letter."
            ),
        ],
        "closing": _lt("Yours faithfully,"),
    },
    2: {
        "name": _lt("Second reminder"),
        "delay_days": 30,
        "payment_deadline_days": 0,
        "attach_invoice": False,
        "mail_template": "dunning_levels.mail_template_dunning_level_2",
        "letter_title": _lt("Second payment reminder"),
        "paragraphs": [
            _lt("Dear Sir or Madam,"),
            _lt(
                "Despite our previous reminder, the invoices listed below, issued "
                "to %(customer)s, are still unpaid."
            ),
            _lt(
                "We ask you to settle the amount due without delay, or to contact "
                "us if you dispute any of these invoices."
            ),
            _lt(
                "If your payment has been sent in the meantime, please disregard "
                "this letter."
            ),
        ],
        "closing": _lt("Yours faithfully,"),
    },
    3: {
        "name": _lt("Formal notice"),
        "delay_days": 45,
        "payment_deadline_days": 8,
        "attach_invoice": True,
        "mail_template": "dunning_levels.mail_template_dunning_level_3",
        "letter_title": _lt("Formal notice to pay"),
        "paragraphs": [
            _lt("Dear Sir or Madam,"),
            _lt(
                "Despite our previous reminders, the invoices listed below, issued "
                "to %(customer)s, remain unpaid. A copy of each invoice is enclosed."
            ),
            _lt(
                "We hereby formally demand that you pay the amount due within "
                "%(deadline)s days of receipt of this letter."
            ),
            _lt(
                "Failing payment within this period, we will take any legal action "
                "necessary to recover our debt, without further notice."
            ),
        ],
        "closing": _lt("Yours faithfully,"),
    },
}

# Context key giving the level's payment deadline to its letter and email.
DEADLINE_CONTEXT_KEY = "dunning_payment_deadline_days"

# Merge fields usable in the default texts, rendered with the customer
# (commercial partner) as ``object``.
MERGE_FIELDS = {
    "customer": Markup('<t t-out="object.name"/>'),
    "deadline": Markup(f"<t t-out=\"ctx.get('{DEADLINE_CONTEXT_KEY}')\"/>"),
}

# Default row colour of each level, an index of the web client's colour palette
# (``color_picker`` widget): yellow, orange, red.
DEFAULT_LEVEL_COLORS = {1: 3, 2: 2, 3: 1}


class DunningLevel(models.Model):
    _name = "dunning.level"
    _inherit = ["mail.render.mixin"]
    _description = "Payment Reminder Level"
    _order = "company_id, level"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    level = fields.Integer(
        required=True,
        help="Rank of the reminder, from 1 (first reminder) to 3 (formal notice).",
    )
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(
        default=True,
        help="A disabled level is skipped: invoices go straight to the next "
        "active level.",
    )
    color = fields.Integer(
        string="Colour",
        compute="_compute_color",
        store=True,
        readonly=False,
        precompute=True,
        help="Colour of the rows of this level in the payment reminders and the "
        "invoice list.",
    )
    delay_days = fields.Integer(
        string="Delay",
        required=True,
        help="Number of days after the invoice due date from which this level "
        "can be reached.",
    )
    payment_deadline_days = fields.Integer(
        string="Payment Deadline",
        help="Days given to the customer to pay, from receipt of the letter or "
        "email (0: no deadline). Texts show it with the merge field "
        "ctx.get('dunning_payment_deadline_days'). The formal notice needs one.",
    )
    attach_invoice = fields.Boolean(
        string="Invoice Copy",
        help="Attach a copy of each reminded invoice to the letter and the email. "
        "Always on for the formal notice.",
    )
    # The default channels of the level, one ``send_<channel>`` boolean per
    # channel of the sending service (``dunning.sending._get_channels``); the
    # channel addons add theirs.
    send_email = fields.Boolean(
        string="Send by Email",
        default=True,
        help="The sending wizard offers the email for the reminders of this "
        "level. The user may still change the channels of each sending.",
    )
    send_letter = fields.Boolean(
        string="Send by Printed Letter",
        help="The sending wizard offers the printed letter for the reminders "
        "of this level. The user may still change the channels of each sending.",
    )
    auto_send = fields.Boolean(
        string="Send Automatically",
        help="The reminders of this level generated in the morning are sent "
        "through its default channels, in the background, at the company's "
        "sending hour; the responsible accountant receives the summary. "
        "Reminders that could not be sent stay to send.",
    )
    is_formal_notice = fields.Boolean(
        compute="_compute_is_formal_notice",
        help="The last level is the formal notice (mise en demeure).",
    )
    show_attach_invoice_warning = fields.Boolean(
        compute="_compute_show_attach_invoice_warning",
    )
    mail_template_id = fields.Many2one(
        comodel_name="mail.template",
        string="Email Template",
        domain=[("model", "=", "res.partner")],
        help="Email sent to the customer at this level.",
    )
    letter_title = fields.Char(
        translate=True,
        help="Title printed at the top of the letter.",
    )
    letter_body = fields.Html(
        render_engine="qweb",
        render_options={"post_process": True},
        translate=True,
        sanitize="email_outgoing",
        help="Text of the letter, printed before the list of invoices. Merge "
        "fields are rendered with the customer as 'object'.",
    )
    letter_closing = fields.Html(
        render_engine="qweb",
        render_options={"post_process": True},
        translate=True,
        sanitize="email_outgoing",
        help="Closing formula of the letter, printed after the list of invoices "
        "and the payment instructions, followed by the signature. Merge fields "
        "are rendered as in the text of the letter.",
    )
    lang = fields.Char(
        default="{{ object.lang }}",
        help="Language the letter is rendered in; by default the customer's.",
    )

    _sql_constraints = [
        (
            "level_company_uniq",
            "unique(company_id, level)",
            "Each reminder level can only be defined once per company.",
        ),
        (
            "level_range",
            "CHECK(level BETWEEN 1 AND 3)",
            "The reminder level must be 1, 2 or 3.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("level")
    def _compute_color(self):
        for level in self:
            level.color = DEFAULT_LEVEL_COLORS.get(level.level, 0)

    @api.depends("level")
    def _compute_is_formal_notice(self):
        for level in self:
            level.is_formal_notice = level.level == FORMAL_NOTICE_LEVEL

    @api.depends("level", "attach_invoice")
    def _compute_show_attach_invoice_warning(self):
        for level in self:
            level.show_attach_invoice_warning = (
                level.is_formal_notice and not level.attach_invoice
            )

    def _compute_render_model(self):
        # EXTENDS 'mail'
        # Letters are rendered for the customer (commercial partner).
        self.render_model = "res.partner"

    @api.depends("name", "level")
    def _compute_display_name(self):
        for level in self:
            level.display_name = (
                f"{level.level}. {level.name}" if level.name else str(level.level)
            )

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("level", "attach_invoice")
    def _check_attach_invoice(self):
        for level in self:
            if level.is_formal_notice and not level.attach_invoice:
                raise ValidationError(
                    self.env._(
                        "The formal notice (level %(level)s) must always carry a "
                        "copy of the invoices: in France, a final reminder without "
                        "the invoice copy cannot be used as evidence.",
                        level=level.level,
                    )
                )

    @api.constrains("payment_deadline_days", "level")
    def _check_payment_deadline_days(self):
        for level in self:
            if level.payment_deadline_days < 0:
                raise ValidationError(
                    self.env._(
                        "The payment deadline of level %(level)s cannot be "
                        "negative (%(days)s days).",
                        level=level.level,
                        days=level.payment_deadline_days,
                    )
                )
            if level.is_formal_notice and not level.payment_deadline_days:
                raise ValidationError(
                    self.env._(
                        "The formal notice (level %(level)s) must give the "
                        "customer a payment deadline, usually 8 days.",
                        level=level.level,
                    )
                )

    @api.constrains("delay_days", "level", "company_id", "active")
    def _check_delay_days(self):
        for level in self:
            if level.delay_days < 0:
                raise ValidationError(
                    self.env._(
                        "The delay of level %(level)s cannot be negative "
                        "(%(delay)s days).",
                        level=level.level,
                        delay=level.delay_days,
                    )
                )
        for company in self.company_id:
            levels = self.with_context(active_test=False).search(
                [("company_id", "=", company.id)], order="level"
            )
            for previous, current in pairwise(levels):
                if current.delay_days <= previous.delay_days:
                    raise ValidationError(
                        self.env._(
                            "Delays must grow with the level: level %(level)s "
                            "(%(delay)s days) must come after level "
                            "%(previous_level)s (%(previous_delay)s days).",
                            level=current.level,
                            delay=current.delay_days,
                            previous_level=previous.level,
                            previous_delay=previous.delay_days,
                        )
                    )

    @api.constrains("active", "company_id")
    def _check_one_active_level(self):
        for company in self.company_id:
            active_levels = self.with_context(active_test=True).search_count(
                [("company_id", "=", company.id)], limit=1
            )
            if not active_levels:
                raise ValidationError(
                    self.env._(
                        "Company %(company)s needs at least one active payment "
                        "reminder level.",
                        company=company.display_name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_configured_level(self):
        raise UserError(
            self.env._(
                "Payment reminder levels cannot be deleted, as reminders and their "
                "history refer to them. Archive the level instead: invoices then "
                "skip it."
            )
        )

    # ------------------------------------------------------------
    # CHANNELS
    # ------------------------------------------------------------

    @api.model
    def _get_channel_fields(self):
        """Return the boolean field of each channel a level can send through
        by default: ``send_<channel>`` for each channel of the sending service
        that has one.

        :return: ``{channel code: field name}``, in sending order
        """
        service = self.env["dunning.sending"]
        return {
            channel: f"send_{channel}"
            for channel in service._sorted_channels(service._get_channels())
            if f"send_{channel}" in self._fields
        }

    def _get_default_channels(self):
        """Return the channels these levels are sent through by default: the
        union of their ``send_<channel>`` fields.

        :return: list of channel codes, in sending order
        """
        return [
            channel
            for channel, fname in self._get_channel_fields().items()
            if any(level[fname] for level in self)
        ]

    # ------------------------------------------------------------
    # RENDERING
    # ------------------------------------------------------------

    def _get_render_context(self):
        """Return the context keys the letter and email texts of this level
        are rendered with: merge fields read the level's own settings from
        ``ctx`` (the payment deadline).

        TO OVERRIDE to give more values to the texts.

        :return: dict of context keys
        """
        self.ensure_one()
        return {DEADLINE_CONTEXT_KEY: self.payment_deadline_days}

    # ------------------------------------------------------------
    # DEFAULT LEVELS
    # ------------------------------------------------------------

    @api.model
    def _get_default_text(self, level, lang):
        """Return the default translatable texts of a level in one language.

        :param int level: 1, 2 or 3
        :param str lang: language code, e.g. ``fr_FR``
        :return: dict with the ``name``, ``letter_title``, ``letter_body``
            and ``letter_closing`` values in that language
        """
        env = self.with_context(lang=lang).env
        default = DEFAULT_LEVELS[level]

        def html(paragraphs):
            return Markup("").join(
                Markup("<p>%s</p>") % (escape(env._(paragraph)) % MERGE_FIELDS)
                for paragraph in paragraphs
            )

        name, title = default["name"], default["letter_title"]
        values = {
            "name": env._(name),
            "letter_title": env._(title),
            "letter_body": html(default["paragraphs"]),
            "letter_closing": html([default["closing"]]),
        }
        # Stored the way the fields store them, so they compare with records.
        return {
            fname: self._fields[fname].convert_to_cache(value, self)
            for fname, value in values.items()
        }

    @api.model
    def _prepare_default_level_vals(self, company, level):
        """Return the values creating one default level of a company.

        TO OVERRIDE to change the defaults (delays, texts, templates) of new
        companies. Texts are in English; other languages are filled in by
        :meth:`_apply_default_translations`.

        :param company: ``res.company`` record
        :param int level: 1, 2 or 3
        :return: ``create`` values
        """
        default = DEFAULT_LEVELS[level]
        template = self.env.ref(default["mail_template"], raise_if_not_found=False)
        return {
            "company_id": company.id,
            "level": level,
            "delay_days": default["delay_days"],
            "payment_deadline_days": default["payment_deadline_days"],
            "attach_invoice": default["attach_invoice"],
            **{
                fname: channel in DEFAULT_LEVEL_CHANNELS.get(level, ())
                for channel, fname in self._get_channel_fields().items()
            },
            "mail_template_id": template.id if template else False,
            **self._get_default_text(level, "en_US"),
        }

    def _apply_default_translations(self, langs=None):
        """Translate the texts of levels that still carry the default wording.

        A text is translated in a language only when the user changed it in
        neither English nor that language: reloading a language never
        overwrites the user's own wording.

        :param langs: language codes; all installed languages when omitted
        """
        if langs is None:
            langs = [code for code, __ in self.env["res.lang"].get_installed()]
        langs = [lang for lang in langs if lang != "en_US"]
        for level in self.with_context(lang="en_US"):
            if level.level not in DEFAULT_LEVELS:
                continue
            source = self._get_default_text(level.level, "en_US")
            untouched = [
                fname for fname, value in source.items() if level[fname] == value
            ]
            for lang in langs:
                translated = self._get_default_text(level.level, lang)
                level_in_lang = level.with_context(lang=lang)
                vals = {
                    fname: translated[fname]
                    for fname in untouched
                    if level_in_lang[fname] in (source[fname], translated[fname])
                }
                if vals:
                    level_in_lang.write(vals)
