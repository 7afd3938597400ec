# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from markupsafe import Markup

from odoo import fields, models


class DunningReminder(models.Model):
    _inherit = "dunning.reminder"

    dunning_fr_prescription_soon = fields.Boolean(
        related="move_id.dunning_fr_prescription_soon",
        string="Prescription Soon",
    )
    dunning_fr_prescription_date = fields.Date(
        related="move_id.dunning_fr_prescription_date",
        string="Prescription Date",
    )

    def _prepare_email_values(self, with_statement=False):
        # EXTENDS 'dunning_levels'
        # The French mentions follow the level's own text, whatever template
        # the accountant wrote.
        values = super()._prepare_email_values(with_statement=with_statement)
        mentions = self._dunning_fr_render_mentions()
        if mentions:
            values["body"] = Markup(values["body"] or "") + mentions
        return values

    def _prefetch_email_data(self):
        # EXTENDS 'dunning_levels'
        result = super()._prefetch_email_data()
        # The penalties of the customers whose email shows mentions (at level
        # 1, none by default).
        customers = self.filtered(
            lambda reminder: reminder.level_id._dunning_fr_has_mentions()
        ).partner_id
        self.filtered(
            lambda reminder: reminder.partner_id in customers
        ).move_id._dunning_fr_fetch_penalty_data()
        return result

    def _dunning_fr_render_mentions(self):
        """Render the French legal mentions of this communication as HTML.

        :return: ``Markup``, empty when the level shows no mention
        """
        level = self._get_communication_level()
        if not level._dunning_fr_has_mentions():
            return Markup()
        partner = self.partner_id[:1]
        lang = partner.lang or self.company_id[:1].partner_id.lang or "en_US"
        mentions = self.move_id.with_context(lang=lang)._dunning_fr_get_mentions(level)
        if not mentions["show"]:
            return Markup()
        return (
            self.env["ir.qweb"]
            .with_context(lang=lang)
            ._render(
                "dunning_levels_fr.dunning_fr_mentions_email", {"mentions": mentions}
            )
        )
