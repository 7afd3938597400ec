# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [channel ("sms" or
# "maileva"), URL of the fake gateway on 127.0.0.1, number of reminders].
# The company is pointed at the fake gateway; the administrator sends that
# many first reminders through the channel with the mass sending wizard;
# then the channel's queue runs (Odoo's SMS queue, the Maileva cron), as the
# scheduled actions would, until the gateway has accepted every one of them.
channel, url, count = ARGS
admin = env.ref("base.user_admin")
company = admin.company_id
if channel == "sms":
    env["ir.config_parameter"].set_param("sms.endpoint", url)
    env["iap.account"].get("sms")
    options = {"use_sms": True}
else:
    company.write(
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
    options = {"use_maileva": True}
reminders = (
    env["dunning.reminder"]
    .with_user(admin)
    .search([("state", "=", "draft"), ("level", "=", 1)], limit=count, order="id")
)
reminders.partner_id.mobile = "06 12 34 56 78"
env.cr.commit()
wizard = (
    env["dunning.send"]
    .with_user(admin)
    .with_context(active_model="dunning.reminder", active_ids=reminders.ids)
    .create({"use_email": False, **options})
)
wizard.action_send()
env.cr.commit()
for _round in range(10):
    if all(reminder.state == "sent" for reminder in reminders):
        break
    if channel == "sms":
        env["sms.sms"]._process_queue()
    else:
        env["maileva.sending"]._cron_process()
    env.cr.commit()
    reminders.invalidate_recordset()
print("RESULT", reminders.filtered(lambda r: r.state == "sent").ids)
