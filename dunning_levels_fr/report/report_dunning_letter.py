# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, models


class ReportDunningLetter(models.AbstractModel):
    _inherit = "report.dunning_levels.report_dunning_letter"

    @api.model
    def _get_letter_values(self, reminders):
        # EXTENDS 'dunning_levels'
        # Adds ``fr_mentions``: see account.move._dunning_fr_get_mentions.
        values = super()._get_letter_values(reminders)
        values["fr_mentions"] = reminders.move_id.with_context(
            lang=values["lang"]
        )._dunning_fr_get_mentions(values["level"], values["date"])
        return values
