# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [level, number of
# customers, path of a one-page PDF]. The administrator selects the
# reminders of that level of the first customers (by name) and sends them
# by email and by Maileva letter at once with the mass sending wizard (which
# skips those sent already: run again, it is the same selection). Run as Odoo
# runs an RPC request: retried on concurrency errors, committed at the end.
# The PDF engine (wkhtmltopdf, which needs an HTTP server to style reports)
# returns the given PDF: the letters' content is not what these tests check.
from unittest.mock import patch

from odoo.service.model import retrying

level, customer_count, pdf_path = ARGS
with open(pdf_path, "rb") as pdf_file:
    PDF = pdf_file.read()


def send():
    admin = env.ref("base.user_admin")
    reminders = env["dunning.reminder"].with_user(admin).search([("level", "=", level)])
    customers = reminders.partner_id.sorted("name")[:customer_count]
    reminders = reminders.filtered(lambda r: r.partner_id in customers)
    to_send = reminders.filtered(lambda r: r.state == "draft")
    wizard = (
        env["dunning.send"]
        .with_user(admin)
        .with_context(active_model="dunning.reminder", active_ids=reminders.ids)
        .create({"use_email": True, "use_maileva": True})
    )
    wizard.action_send()
    return [len(to_send), len(to_send.mail_message_id)]


with patch.object(
    type(env["ir.actions.report"]), "_run_wkhtmltopdf", lambda *a, **k: PDF
):
    print("RESULT", retrying(send, env))
