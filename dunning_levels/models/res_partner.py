# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models

from ..const import OPEN_STATES, STATE_DRAFT

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

    @api.depends_context("company", "dunning_move_ids")
    @api.depends(
        "invoice_ids.amount_residual",
        "invoice_ids.state",
        "invoice_ids.dunning_to_remind",
        "child_ids.invoice_ids.amount_residual",
    )
    def _compute_dunning_overdue(self):
        company = self.env.company
        domain = [
            ("partner_id.commercial_partner_id", "in", self.commercial_partner_id.ids)
        ]
        # A reminder about some invoices only lists those.
        if self.env.context.get("dunning_move_ids"):
            domain.append(("move_id", "in", self.env.context["dunning_move_ids"]))
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
