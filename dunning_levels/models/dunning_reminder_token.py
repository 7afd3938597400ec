# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, models

from ..const import ACTION_SENT


class DunningReminder(models.Model):
    """Each reminder sent keeps the customer's reminder page link valid
    (``dunning.access``) for ``ACCESS_VALIDITY_DAYS`` more days.

    The link exists from the customer's first reminder, created or generated,
    so that the letters printed from a read-only report URL find it.

    Loaded after ``dunning_reminder_sending``, whose ``_mark_sent`` it
    extends."""

    _inherit = "dunning.reminder"

    @api.model_create_multi
    def create(self, vals_list):
        # EXTENDS 'dunning_levels'
        reminders = super().create(vals_list)
        reminders._ensure_accesses()
        return reminders

    def _create_generated_reminders(self, candidates, date):
        # EXTENDS 'dunning_levels'
        # The generation inserts its reminders in SQL, without ``create``.
        reminders = super()._create_generated_reminders(candidates, date)
        reminders._ensure_accesses()
        return reminders

    def _ensure_accesses(self):
        """Create the reminder page links these reminders' customers (their
        commercial entities) do not have yet: one read and one insert per
        company."""
        accesses = self.env["dunning.access"]
        for company in self.company_id:
            accesses._get_accesses(
                self.filtered(lambda r, c=company: r.company_id == c).partner_id,
                company,
            )

    def _mark_sent(self, channel, action=ACTION_SENT, note=None):
        # EXTENDS 'dunning_levels'
        sent = super()._mark_sent(channel, action=action, note=note)
        accesses = self.env["dunning.access"]
        for company in sent.company_id:
            accesses._renew(
                sent.filtered(lambda r, c=company: r.company_id == c).partner_id,
                company,
            )
        return sent
