# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)
"""Send some demo letters through the local fake Maileva server.

Run through ``odoo-bin shell`` while ``tests.fake_maileva`` listens on
``$DEMO_MAILEVA_URL`` and the demo server on ``web.base.url`` (letters are
rendered by wkhtmltopdf). Points the demo company at the fake (sandbox
credentials ``demo``), then, once per database, sends the formal notices as
registered letters and one second reminder as a simple letter, and runs the
Maileva cron, which posts them, so that their statuses move on. Prints the
sendings.
"""

import os

url = os.environ["DEMO_MAILEVA_URL"]
admin = env.ref("base.user_admin")
env = env(user=admin, context=dict(env.context, lang=admin.lang, tz=admin.tz))
if os.environ.get("DEMO_BASE_URL"):
    env["ir.config_parameter"].sudo().set_param(
        "web.base.url", os.environ["DEMO_BASE_URL"]
    )
company = env.ref("base.main_company")
company.sudo().write(
    {
        "maileva_environment": "sandbox",
        "maileva_auth_url": url,
        "maileva_api_url": url,
        "maileva_username": "demo",
        "maileva_password": "demo",
        "maileva_client_id": "demo-client",
        "maileva_client_secret": "demo-secret",
    }
)
env.cr.commit()

sendings = env["maileva.sending"].with_company(company)
if not sendings.search_count([("company_id", "=", company.id)]):
    drafts = (
        env["dunning.reminder"]
        .with_company(company)
        .search([("company_id", "=", company.id), ("state", "=", "draft")])
    )
    formal_notices = drafts.filtered(lambda r: r.level == 3)
    second = drafts.filtered(lambda r: r.level == 2)[:1]
    for reminders, values in (
        (formal_notices, {"use_maileva_registered": True}),
        (second, {"use_maileva": True}),
    ):
        if not reminders:
            continue
        wizard = (
            env["dunning.send"]
            .with_company(company)
            .with_context(active_model="dunning.reminder", active_ids=reminders.ids)
            .create({"use_email": False, **values})
        )
        wizard.action_send()
        env.cr.commit()
# The first run posts the letters handed over, the next two follow them.
for __ in range(3):
    env["maileva.sending"].with_company(company)._cron_process()
    env.cr.commit()
print(f"Letters sent through the fake Maileva ({url}):")
for sending in sendings.search([("company_id", "=", company.id)], order="id"):
    state = dict(sending._fields["state"]._description_selection(env))[sending.state]
    print(f"  {sending.display_name}: {state}")
