# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import json
import logging

from odoo import http
from odoo.http import request

_logger = logging.getLogger(__name__)


class MailevaWebhookController(http.Controller):
    @http.route(
        "/dunning_levels_maileva/webhook/<int:company_id>",
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def maileva_webhook(self, company_id, **kwargs):
        """Receive a Maileva notification (``notification_center/v2``).

        Maileva authenticates with the HTTP Basic login and password set on
        the subscription (the company's webhook credentials). The payload only
        triggers an immediate re-read of the sending it names. Answers 201, as
        Maileva requires, or 401 for wrong credentials.
        """
        env = request.env(su=True)
        company = env["res.company"].browse(company_id).exists()
        authorization = request.httprequest.headers.get("Authorization", "")
        if not company or not company._maileva_check_webhook_auth(authorization):
            return request.make_response("", status=401)
        try:
            payload = json.loads(request.httprequest.get_data() or b"{}")
        except ValueError:
            payload = {}
        env["maileva.sending"].with_company(company)._webhook_handle(payload)
        return request.make_response("", status=201)
