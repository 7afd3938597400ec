# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import date_utils


class DunningSummaryWizard(models.TransientModel):
    _name = "dunning.summary.wizard"
    _description = "Payment Reminders Sent Summary"

    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: self._default_date_from(),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: self._default_date_to(),
    )

    @api.model
    def _default_date_from(self):
        return date_utils.start_of(fields.Date.context_today(self), "month")

    @api.model
    def _default_date_to(self):
        return date_utils.end_of(fields.Date.context_today(self), "month")

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(
                    self.env._("The start date must come before the end date.")
                )

    def action_print(self):
        """Print the summary of the reminders sent over the period."""
        self.ensure_one()
        report = self.env.ref("dunning_levels.action_report_dunning_summary")
        # An internal document: no need to configure the letterhead first.
        return report.report_action(self, config=False)

    def _get_report_filename(self):
        """Return the file name of the printed summary (``print_report_name``)."""
        self.ensure_one()
        return self.env._(
            "Payment reminders sent %(date_from)s - %(date_to)s",
            date_from=self.date_from,
            date_to=self.date_to,
        )
