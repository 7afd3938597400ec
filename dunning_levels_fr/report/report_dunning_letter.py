# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, models


class ReportDunningLetter(models.AbstractModel):
    _inherit = "report.dunning_levels.report_dunning_letter"

    @api.model
    def _get_letter_values(self, reminders):
        # EXTENDS 'dunning_levels'
        # Adds ``fr_mentions`` (see account.move._dunning_fr_get_mentions)
        # and what the table of invoices prints of them: whether it shows the
        # penalties and the indemnity (``fr_show_penalties``,
        # ``fr_show_indemnity``), the penalty values of each late invoice by
        # invoice id (``fr_penalties``) and the penalty of each installment
        # by receivable line id (``fr_installment_penalties``).
        values = super()._get_letter_values(reminders)
        mentions = reminders.move_id.with_context(
            lang=values["lang"]
        )._dunning_fr_get_mentions(values["level"], values["date"])
        late = bool(mentions["lines"])
        values.update(
            fr_mentions=mentions,
            fr_show_penalties=late and mentions["show_penalties"],
            fr_show_indemnity=late and mentions["show_indemnity"],
            fr_penalties={line["invoice"].id: line for line in mentions["lines"]},
            fr_installment_penalties={
                installment["line"].id: installment["penalty"]
                for line in mentions["lines"]
                for installment in line["installments"]
            },
        )
        return values
