# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import base64

from odoo import http
from odoo.http import request
from odoo.tools import consteq

# A transparent GIF image of one pixel.
BLANK_GIF = base64.b64decode(
    b"R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
)


class DunningEmailTracking(http.Controller):
    @http.route(
        "/dunning_levels/email/<int:message_id>/<string:token>/blank.gif",
        type="http",
        auth="public",
        methods=["GET"],
        # Email clients have no session: none is stored for them.
        save_session=False,
    )
    def email_opened(self, message_id, token, **kwargs):
        """Serve the image of a payment reminder email, recording that the
        email was opened when the signature ``token`` is the one of the
        message ``message_id``.

        Every request gets the same image, whether the signature is right or
        not: the answer tells nothing about the database's emails, and a
        wrong signature records nothing.
        """
        reminders = request.env["dunning.reminder"]
        if consteq(token, reminders._email_get_tracking_token(message_id)):
            reminders._email_record_opening(message_id)
        return request.make_response(
            BLANK_GIF,
            headers=[
                ("Content-Type", "image/gif"),
                # Each display asks again, so that each one is counted.
                ("Cache-Control", "no-store, max-age=0"),
            ],
        )
