# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dunning_min_interval_days = fields.Integer(
        related="company_id.dunning_min_interval_days",
        readonly=False,
    )
    dunning_min_amount = fields.Monetary(
        related="company_id.dunning_min_amount",
        readonly=False,
        currency_field="currency_id",
    )
    dunning_send_background_threshold = fields.Integer(
        related="company_id.dunning_send_background_threshold",
        readonly=False,
    )
    dunning_print_mark_sent = fields.Boolean(
        related="company_id.dunning_print_mark_sent",
        readonly=False,
    )
    dunning_responsible_id = fields.Many2one(
        related="company_id.dunning_responsible_id",
        readonly=False,
    )
    dunning_auto_send_hour = fields.Float(
        related="company_id.dunning_auto_send_hour",
        readonly=False,
    )
    dunning_courtesy_notice = fields.Boolean(
        related="company_id.dunning_courtesy_notice",
        readonly=False,
    )
    dunning_courtesy_days = fields.Integer(
        related="company_id.dunning_courtesy_days",
        readonly=False,
    )
    dunning_courtesy_template_id = fields.Many2one(
        related="company_id.dunning_courtesy_template_id",
        readonly=False,
    )
    dunning_promise_max_days = fields.Integer(
        related="company_id.dunning_promise_max_days",
        readonly=False,
    )
    dunning_promise_grace_days = fields.Integer(
        related="company_id.dunning_promise_grace_days",
        readonly=False,
    )
    dunning_payment_pause_days = fields.Integer(
        related="company_id.dunning_payment_pause_days",
        readonly=False,
    )
