# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models


class DunningReminder(models.Model):
    """The pause of reminders whose invoice the customer answered about
    (promise to pay, payment announced, dispute): kept to send, not sent
    while it lasts."""

    _inherit = "dunning.reminder"

    dunning_pause = fields.Selection(related="move_id.dunning_pause")
    dunning_pause_label = fields.Char(related="move_id.dunning_pause_label")

    def _get_pause_reasons(self):
        """Return which of these reminders must wait, and why: their
        invoice's reminders are paused today by a customer's answer.

        Checked at sending time by every channel, as
        :meth:`_get_obsolete_reasons`, but the reminders stay to send: they
        go once the pause ends.

        :return: ``{reminder: translated reason}`` ("Promise to pay until
            12/12/2026")
        """
        today = fields.Date.context_today(self)
        return {
            reminder: reminder.move_id.dunning_pause_label
            for reminder in self
            if reminder.move_id._dunning_is_paused(today)
        }
