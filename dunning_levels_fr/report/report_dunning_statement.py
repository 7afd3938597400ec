# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, models


class ReportDunningStatement(models.AbstractModel):
    _inherit = "report.dunning_levels.report_dunning_statement"

    @api.model
    def _get_statement_values(self, partner):
        # EXTENDS 'dunning_levels'
        # Adds ``fr_mentions`` for the overdue invoices in the company
        # currency, at the highest level they reached (nothing before the
        # first reminder).
        values = super()._get_statement_values(partner)
        company = values["company"]
        invoices = (
            self.env["account.move"]
            .browse({line["move"].id for line in values["lines"]})
            .filtered(
                lambda m: (
                    m.move_type == "out_invoice"
                    and m.currency_id == company.currency_id
                )
            )
        )
        levels = self.env["dunning.level"].search(
            [
                ("company_id", "=", company.id),
                ("level", "<=", max(invoices.mapped("dunning_level") or [0])),
            ],
            order="level desc",
            limit=1,
        )
        values["fr_mentions"] = invoices.with_context(
            lang=values["lang"]
        )._dunning_fr_get_mentions(levels, values["date"])
        # A statement is no formal notice, whatever level was reached.
        mentions = values["fr_mentions"]
        mentions.update(
            is_formal_notice=False,
            notice_text="",
            show=bool(
                mentions["lines"]
                and (mentions["show_penalties"] or mentions["show_indemnity"])
            ),
        )
        return values
