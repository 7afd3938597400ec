# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models

from odoo.addons.dunning_levels.const import LEVELS


class DunningLevel(models.Model):
    _inherit = "dunning.level"

    fr_show_penalties = fields.Boolean(
        string="Show Late-Payment Penalties",
        default=True,
        help="Letters, emails and statements at this level show the penalties "
        "accrued by professional customers, or the legal interest owed by "
        "consumers after the formal notice, with their legal basis.",
    )
    fr_show_indemnity = fields.Boolean(
        string="Show Recovery Indemnity",
        default=True,
        help="Letters, emails and statements at this level show the fixed "
        "recovery indemnity owed by professional customers.",
    )
    fr_legal_text = fields.Text(
        string="Legal Mention",
        translate=True,
        help="Legal basis printed under the penalties. Leave empty for the "
        "standard wording citing article L441-10 of the Code de commerce.",
    )

    def _dunning_fr_has_mentions(self):
        """Return whether a communication at this level (at most one; none:
        no level) shows French mentions: penalties, the recovery indemnity
        or the formal notice."""
        return bool(self) and (
            self.fr_show_penalties or self.fr_show_indemnity or self.is_formal_notice
        )

    @api.model
    def _prepare_default_level_vals(self, company, level):
        # EXTENDS 'dunning_levels'
        # Penalties are claimed from the second reminder on.
        vals = super()._prepare_default_level_vals(company, level)
        if level == LEVELS[0]:
            vals.update(fr_show_penalties=False, fr_show_indemnity=False)
        return vals
