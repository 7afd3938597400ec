# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.tools import format_date, formatLang

from ..const import OPEN_STATES, STATE_DRAFT
from .dunning_level import DEADLINE_CONTEXT_KEY

# Who may read what a customer owes (as Odoo's partner credit and debit).
ACCOUNTING_GROUPS = "account.group_account_invoice,account.group_account_readonly"


class ResPartner(models.Model):
    _inherit = "res.partner"

    dunning_excluded = fields.Boolean(
        string="Never Remind",
        tracking=True,
        help="This customer never receives payment reminders.",
    )
    dunning_customer_level = fields.Selection(
        selection=[("1", "1"), ("2", "2"), ("3", "3")],
        string="Reminder Level to Send",
        help="Level sent to this customer when the sending wizard follows the "
        "level set on the customer.",
    )
    dunning_reminder_count = fields.Integer(
        string="Open Reminders",
        compute="_compute_dunning_reminder_count",
        groups=ACCOUNTING_GROUPS,
    )

    dunning_access_ids = fields.One2many(
        comodel_name="dunning.access",
        inverse_name="partner_id",
        string="Reminder Page Links",
        groups="base.group_system",
    )

    dunning_company_id = fields.Many2one(
        comodel_name="res.company",
        compute="_compute_dunning_overdue",
        help="Company whose receivables the overdue figures are about (the "
        "current company).",
    )
    dunning_currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_dunning_overdue",
    )
    dunning_overdue_move_ids = fields.Many2many(
        comodel_name="account.move",
        string="Overdue Invoices",
        compute="_compute_dunning_overdue",
        groups=ACCOUNTING_GROUPS,
        help="Posted customer invoices of this customer, to be reminded, with an "
        "unpaid installment past its due date.",
    )
    dunning_overdue_amount = fields.Monetary(
        string="Overdue Amount",
        currency_field="dunning_currency_id",
        compute="_compute_dunning_overdue",
        groups=ACCOUNTING_GROUPS,
        help="Total of the unpaid installments past their due date, in the "
        "company currency (in a payment reminder whose invoices share another "
        "currency, in theirs).",
    )

    # Merge fields of the letters and emails: about the invoices of the
    # communication being written (context key ``dunning_move_ids``), else
    # about all the customer's overdue invoices; dates and amounts written
    # in the language the text is rendered in.
    dunning_invoice_names = fields.Char(
        string="Reminded Invoices",
        compute="_compute_dunning_merge_fields",
        groups=ACCOUNTING_GROUPS,
        help="Numbers of the invoices of the payment reminder, e.g. "
        "INV/2026/00012, INV/2026/00015.",
    )
    dunning_invoice_amounts = fields.Char(
        string="Reminded Invoices and Amounts Due",
        compute="_compute_dunning_merge_fields",
        groups=ACCOUNTING_GROUPS,
        help="Each invoice of the payment reminder with what remains to pay "
        "on it, e.g. INV/2026/00012 (480.00 €), INV/2026/00015 (96.50 €).",
    )
    dunning_amount_due_text = fields.Char(
        string="Total Due",
        compute="_compute_dunning_merge_fields",
        groups=ACCOUNTING_GROUPS,
        help="What remains to pay on the invoices of the payment reminder, "
        "with its currency.",
    )
    dunning_date_due_text = fields.Char(
        string="Oldest Due Date",
        compute="_compute_dunning_merge_fields",
        groups=ACCOUNTING_GROUPS,
        help="Due date of the oldest unpaid installment of the invoices of "
        "the payment reminder.",
    )
    dunning_days_overdue = fields.Integer(
        string="Days Overdue",
        compute="_compute_dunning_merge_fields",
        groups=ACCOUNTING_GROUPS,
        help="Days since the oldest due date of the invoices of the payment reminder.",
    )
    dunning_payment_deadline_text = fields.Char(
        string="Payment Deadline Date",
        compute="_compute_dunning_merge_fields",
        groups=ACCOUNTING_GROUPS,
        help="Date by which the customer must pay: today plus the payment "
        "deadline of the reminder's level (empty when the level gives none).",
    )
    dunning_salesperson_id = fields.Many2one(
        comodel_name="res.users",
        string="Reminder Salesperson",
        compute="_compute_dunning_merge_fields",
        groups=ACCOUNTING_GROUPS,
        help="Salesperson of the oldest invoice of the payment reminder, else "
        "the customer's salesperson.",
    )

    @api.model
    def _commercial_fields(self):
        # EXTENDS 'base'
        # Managed on the company, inherited by its contacts.
        return super()._commercial_fields() + [
            "dunning_excluded",
            "dunning_customer_level",
        ]

    def write(self, vals):
        # EXTENDS 'base'
        res = super().write(vals)
        if vals.get("dunning_excluded"):
            customers = self.filtered(lambda p: p == p.commercial_partner_id)
            self.env["dunning.reminder"].search(
                [("partner_id", "in", customers.ids), ("state", "=", STATE_DRAFT)]
            )._cancel(note=self.env._("The customer is excluded from reminders."))
        return res

    def _compute_dunning_reminder_count(self):
        counts = dict(
            self.env["dunning.reminder"]._read_group(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("state", "in", OPEN_STATES),
                ],
                groupby=["partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.dunning_reminder_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def action_dunning_view_reminders(self):
        """Open the customer's open reminders."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "dunning_levels.dunning_reminder_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"search_default_filter_open": 1}
        return action

    def action_dunning_view_history(self):
        """Open the customer's reminder history."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "dunning_levels.dunning_history_action"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        return action

    def _dunning_fetch_display_names(self):
        """Read what these partners' display names are made of, in one query
        (and one for their parents' names), instead of every column of
        res.partner 1,000 partners at a time: the analysis groups by
        customer, thousands of them."""
        self.fetch(
            [
                "name",
                "complete_name",
                "company_name",
                "commercial_company_name",
                "parent_id",
                "type",
                "is_company",
                "email",
                "vat",
            ]
        )
        self.parent_id.fetch(["name"])

    @api.model
    def _dunning_read_overdue_by_customer(self, companies, domain=None):
        """Return the overdue invoices and amount of each customer.

        One query. Counts the overdue installments of posted customer
        invoices still to be reminded, in the company currency, per
        commercial partner.

        :param companies: ``res.company`` records
        :param list domain: extra domain on ``account.move.line``
        :return: ``{commercial partner: (account.move records, amount)}``
        """
        today = fields.Date.context_today(self)
        groups = self.env["account.move.line"]._read_group(
            self.env["account.move"]._get_dunning_overdue_line_domain(today)
            + [
                ("company_id", "in", companies.ids),
                ("move_id.move_type", "=", "out_invoice"),
                ("move_id.dunning_to_remind", "=", True),
            ]
            + (domain or []),
            groupby=["partner_id"],
            aggregates=["move_id:recordset", "amount_residual:sum"],
        )
        result = {}
        for partner, moves, amount in groups:
            commercial = partner.commercial_partner_id
            known_moves, known_amount = result.get(
                commercial, (self.env["account.move"], 0.0)
            )
            result[commercial] = (known_moves | moves, known_amount + amount)
        return result

    @api.model
    def _dunning_get_overdue_among(self, company, move_ids):
        """Return the overdue invoices among ``move_ids`` (those of one
        reminder) by customer, from the invoices' overdue figures: a sending
        reads those of all its invoices in one query
        (``account.move.dunning_days_overdue``), not one query per email.

        :return: ``{commercial partner: (account.move records, amount in
            their currency)}``, or ``None`` when they are in several
            currencies (see :meth:`_dunning_read_overdue_by_customer`)
        """
        moves = (
            self.env["account.move"]
            .browse(move_ids)
            .filtered(
                lambda move: (
                    move.state == "posted"
                    and move.move_type == "out_invoice"
                    and move.company_id == company
                    and move.dunning_to_remind
                    and move.dunning_days_overdue > 0
                )
            )
        )
        if len(moves.currency_id) > 1:
            return None
        result = {}
        for move in moves:
            known_moves, known_amount = result.get(
                move.commercial_partner_id, (self.env["account.move"], 0.0)
            )
            result[move.commercial_partner_id] = (
                known_moves | move,
                known_amount + move.dunning_amount_overdue,
            )
        return result

    @api.depends_context("company", "dunning_move_ids")
    @api.depends(
        "invoice_ids.amount_residual",
        "invoice_ids.state",
        "invoice_ids.dunning_to_remind",
        "child_ids.invoice_ids.amount_residual",
    )
    def _compute_dunning_overdue(self):
        company = self.env.company
        # A reminder about some invoices only lists those.
        move_ids = self.env.context.get("dunning_move_ids")
        overdue = (
            self._dunning_get_overdue_among(company, move_ids) if move_ids else None
        )
        if overdue is None:
            domain = [
                (
                    "partner_id.commercial_partner_id",
                    "in",
                    self.commercial_partner_id.ids,
                )
            ]
            if move_ids:
                domain.append(("move_id", "in", move_ids))
            overdue = self._dunning_read_overdue_by_customer(company, domain)
        for partner in self:
            commercial = partner.commercial_partner_id
            moves, amount = overdue.get(commercial, (self.env["account.move"], 0.0))
            currency = company.currency_id
            # A reminder's lines are in the invoices' currency: so is its total
            # when they share one (a reminder covers a single currency).
            if self.env.context.get("dunning_move_ids") and len(moves.currency_id) == 1:
                currency = moves.currency_id
                amount = currency.round(sum(moves.mapped("dunning_amount_overdue")))
            partner.dunning_company_id = company
            partner.dunning_currency_id = currency
            partner.dunning_overdue_move_ids = moves.sorted(
                lambda move: (move.invoice_date_due, move.name)
            )
            partner.dunning_overdue_amount = amount

    @api.depends_context("company", "lang", "dunning_move_ids", DEADLINE_CONTEXT_KEY)
    @api.depends("dunning_overdue_move_ids", "commercial_partner_id.user_id")
    def _compute_dunning_merge_fields(self):
        today = fields.Date.context_today(self)
        deadline_days = self.env.context.get(DEADLINE_CONTEXT_KEY) or 0
        deadline = (
            format_date(self.env, fields.Date.add(today, days=deadline_days))
            if deadline_days
            else ""
        )
        for partner in self:
            invoices = partner.dunning_overdue_move_ids
            days_overdue = max(invoices.mapped("dunning_days_overdue"), default=0)
            partner.dunning_invoice_names = ", ".join(invoices.mapped("name"))
            partner.dunning_invoice_amounts = ", ".join(
                "{} ({})".format(
                    invoice.name,
                    formatLang(
                        self.env,
                        invoice.amount_residual,
                        currency_obj=invoice.currency_id,
                    ),
                )
                for invoice in invoices
            )
            # A reminder's invoices share one currency; the customer's may not,
            # and are then added up in the company currency.
            if len(invoices.currency_id) == 1:
                amount_due = sum(invoices.mapped("amount_residual"))
                currency = invoices.currency_id
            else:
                amount_due = sum(invoices.mapped("amount_residual_signed"))
                currency = partner.dunning_company_id.currency_id
            partner.dunning_amount_due_text = formatLang(
                self.env, amount_due, currency_obj=currency
            )
            partner.dunning_date_due_text = (
                format_date(self.env, fields.Date.subtract(today, days=days_overdue))
                if invoices
                else ""
            )
            partner.dunning_days_overdue = days_overdue
            partner.dunning_payment_deadline_text = deadline
            partner.dunning_salesperson_id = (
                invoices.invoice_user_id[:1] or partner.commercial_partner_id.user_id
            )

    def _get_dunning_portal_url(self):
        """Return the short link of this customer's reminder page in the
        current company (the reminders' company when rendering a reminder),
        created on the first call.

        Called by the reminders' email and SMS templates.
        """
        self.ensure_one()
        return self.env["dunning.access"]._get_access(self, self.env.company)._get_url()
