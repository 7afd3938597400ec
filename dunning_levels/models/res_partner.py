# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

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
        help="Posted customer invoices of this customer with an unpaid "
        "installment past its due date.",
    )
    dunning_overdue_amount = fields.Monetary(
        string="Overdue Amount",
        currency_field="dunning_currency_id",
        compute="_compute_dunning_overdue",
        help="Total of the unpaid installments past their due date, in the "
        "company currency.",
    )

    @api.model
    def _get_dunning_overdue_lines_domain(self, company, date):
        """Return the domain of receivable lines that count as overdue.

        TO OVERRIDE to widen or narrow what counts as overdue. The result is
        combined with a condition on the commercial partners.

        :param company: ``res.company`` record
        :param date: lines due strictly before this date are overdue
        :return: domain on ``account.move.line``
        """
        return [
            ("company_id", "=", company.id),
            ("parent_state", "=", "posted"),
            ("move_id.move_type", "=", "out_invoice"),
            ("account_type", "=", "asset_receivable"),
            ("reconciled", "=", False),
            ("amount_residual", ">", 0),
            ("date_maturity", "<", date),
        ]

    @api.depends_context("company")
    def _compute_dunning_overdue(self):
        company = self.env.company
        today = fields.Date.context_today(self)
        commercial_partners = self.commercial_partner_id
        domain = self._get_dunning_overdue_lines_domain(company, today) + [
            ("partner_id.commercial_partner_id", "in", commercial_partners.ids),
        ]
        groups = self.env["account.move.line"]._read_group(
            domain,
            groupby=["partner_id"],
            aggregates=["move_id:recordset", "amount_residual:sum"],
        )
        moves_by_partner = {}
        amount_by_partner = {}
        for partner, moves, amount in groups:
            commercial = partner.commercial_partner_id
            moves_by_partner[commercial] = (
                moves_by_partner.get(commercial, moves) | moves
            )
            amount_by_partner[commercial] = (
                amount_by_partner.get(commercial, 0.0) + amount
            )
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.dunning_company_id = company
            partner.dunning_currency_id = company.currency_id
            partner.dunning_overdue_move_ids = moves_by_partner.get(
                commercial, self.env["account.move"]
            ).sorted(lambda move: (move.invoice_date_due, move.name))
            partner.dunning_overdue_amount = amount_by_partner.get(commercial, 0.0)
