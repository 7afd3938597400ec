# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import base64
import binascii
import hmac

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    maileva_environment = fields.Selection(
        selection=[("sandbox", "Sandbox"), ("production", "Production")],
        default="sandbox",
        required=True,
        help="Sandbox: test letters, never printed. Production: real, paid letters.",
    )
    maileva_auth_url = fields.Char(
        string="Maileva Authentication URL",
        groups="base.group_system",
        help="Leave empty for the environment's host.",
    )
    maileva_api_url = fields.Char(
        string="Maileva API URL",
        groups="base.group_system",
        help="Leave empty for the environment's host.",
    )
    maileva_username = fields.Char(groups="base.group_system")
    maileva_password = fields.Char(groups="base.group_system")
    maileva_client_id = fields.Char(
        string="Maileva Client ID", groups="base.group_system"
    )
    maileva_client_secret = fields.Char(groups="base.group_system")
    maileva_webhook_login = fields.Char(groups="base.group_system")
    maileva_webhook_password = fields.Char(groups="base.group_system")
    maileva_color = fields.Boolean(string="Maileva Colour Printing")
    maileva_duplex = fields.Boolean(string="Maileva Duplex Printing", default=True)
    maileva_postage_type = fields.Selection(
        selection=[
            ("URGENT", "Urgent (D+2)"),
            ("FAST", "Fast (D+3)"),
            ("ECONOMIC", "Economic (D+4, simple letters)"),
        ],
        default="FAST",
        required=True,
    )
    maileva_address_sheet = fields.Boolean(
        default=True,
        help="Maileva adds a paid address sheet, so the letter's layout never "
        "hides the address.",
    )
    maileva_archiving = fields.Selection(
        selection=[
            ("0", "None"),
            ("3", "3 years"),
            ("6", "6 years"),
            ("10", "10 years"),
        ],
        default="3",
        required=True,
        help="Registered letters are archived at least 3 years.",
    )
    maileva_registered_level3 = fields.Boolean(
        string="Formal Notice as Registered Letter",
        default=True,
        help="Letters at level 3 sent through Maileva go as registered letters "
        "with acknowledgement of receipt.",
    )

    def _maileva_check_webhook_auth(self, authorization):
        """Tell whether an ``Authorization`` header carries this company's
        webhook login and password (HTTP Basic, as set on the Maileva
        subscription). Refused when no webhook credentials are set.

        :param str authorization: the request's ``Authorization`` header
        :return: bool
        """
        self.ensure_one()
        company = self.sudo()
        login = company.maileva_webhook_login
        password = company.maileva_webhook_password
        if not (login and password and authorization):
            return False
        scheme, __, encoded = authorization.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            given = base64.b64decode(encoded, validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return False
        return hmac.compare_digest(given.encode(), f"{login}:{password}".encode())
