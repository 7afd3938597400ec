# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .dunning_level import DEFAULT_LEVELS


class ResCompany(models.Model):
    _inherit = "res.company"

    dunning_level_ids = fields.One2many(
        comodel_name="dunning.level",
        inverse_name="company_id",
        string="Payment Reminder Levels",
    )
    dunning_min_interval_days = fields.Integer(
        string="Minimum Days Between Reminders",
        default=7,
        help="Minimum number of days between two reminders of the same invoice.",
    )
    dunning_min_amount = fields.Monetary(
        string="Minimum Overdue Amount",
        currency_field="currency_id",
        help="Customers whose total overdue amount is below this amount are not "
        "reminded.",
    )

    dunning_send_background_threshold = fields.Integer(
        string="Send in the Background Above",
        default=200,
        help="A mass sending of more reminders than this runs in the "
        "background, in batches, and notifies you when done. 0: always send "
        "while you wait.",
    )

    @api.constrains(
        "dunning_min_interval_days",
        "dunning_min_amount",
        "dunning_send_background_threshold",
    )
    def _check_dunning_settings(self):
        for company in self:
            if company.dunning_min_interval_days < 0:
                raise ValidationError(
                    self.env._(
                        "The minimum number of days between two reminders cannot "
                        "be negative."
                    )
                )
            if company.dunning_send_background_threshold < 0:
                raise ValidationError(
                    self.env._(
                        "The number of reminders above which they are sent in "
                        "the background cannot be negative."
                    )
                )
            if company.currency_id.compare_amounts(company.dunning_min_amount, 0) < 0:
                raise ValidationError(
                    self.env._("The minimum overdue amount cannot be negative.")
                )

    @api.model_create_multi
    def create(self, vals_list):
        # EXTENDS 'base'
        companies = super().create(vals_list)
        companies._dunning_create_default_levels()
        return companies

    def _dunning_create_default_levels(self):
        """Create the default levels a company lacks, in every installed language.

        Idempotent: a level number that already exists for a company, even
        archived, is left as it is.
        """
        levels_model = self.env["dunning.level"].sudo().with_context(active_test=False)
        existing = {
            (level.company_id.id, level.level)
            for level in levels_model.search([("company_id", "in", self.ids)])
        }
        vals_list = [
            levels_model._prepare_default_level_vals(company, level)
            for company in self
            for level in DEFAULT_LEVELS
            if (company.id, level) not in existing
        ]
        levels = levels_model.with_context(lang="en_US").create(vals_list)
        levels._apply_default_translations()
        return levels
