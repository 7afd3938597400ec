# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    maileva_environment = fields.Selection(
        related="company_id.maileva_environment", readonly=False
    )
    maileva_auth_url = fields.Char(
        related="company_id.maileva_auth_url",
        readonly=False,
        groups="base.group_system",
    )
    maileva_api_url = fields.Char(
        related="company_id.maileva_api_url", readonly=False, groups="base.group_system"
    )
    maileva_username = fields.Char(
        related="company_id.maileva_username",
        readonly=False,
        groups="base.group_system",
    )
    maileva_password = fields.Char(
        related="company_id.maileva_password",
        readonly=False,
        groups="base.group_system",
    )
    maileva_client_id = fields.Char(
        related="company_id.maileva_client_id",
        readonly=False,
        groups="base.group_system",
    )
    maileva_client_secret = fields.Char(
        related="company_id.maileva_client_secret",
        readonly=False,
        groups="base.group_system",
    )
    maileva_webhook_login = fields.Char(
        related="company_id.maileva_webhook_login",
        readonly=False,
        groups="base.group_system",
    )
    maileva_webhook_password = fields.Char(
        related="company_id.maileva_webhook_password",
        readonly=False,
        groups="base.group_system",
    )
    maileva_color = fields.Boolean(related="company_id.maileva_color", readonly=False)
    maileva_duplex = fields.Boolean(related="company_id.maileva_duplex", readonly=False)
    maileva_postage_type = fields.Selection(
        related="company_id.maileva_postage_type", readonly=False
    )
    maileva_address_sheet = fields.Boolean(
        related="company_id.maileva_address_sheet", readonly=False
    )
    maileva_archiving = fields.Selection(
        related="company_id.maileva_archiving", readonly=False
    )
    maileva_registered_level3 = fields.Boolean(
        related="company_id.maileva_registered_level3", readonly=False
    )
