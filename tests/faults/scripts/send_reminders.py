# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [SMTP port, level].
# Point the outgoing mail server at 127.0.0.1:<port>, then the administrator
# sends every first reminder to send by email with the mass sending wizard
# (the emails are queued; the mail queue's scheduled action delivers them).
port, level = ARGS
env["ir.mail_server"].search([]).active = False
env["ir.mail_server"].create(
    {
        "name": "Fake SMTP",
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_encryption": "none",
    }
)
env.cr.commit()
admin = env.ref("base.user_admin")
reminders = (
    env["dunning.reminder"]
    .with_user(admin)
    .search([("state", "=", "draft"), ("level", "=", level)])
)
wizard = (
    env["dunning.send"]
    .with_user(admin)
    .with_context(active_model="dunning.reminder", active_ids=reminders.ids)
    .create({"use_email": True})
)
wizard.action_send()
env.cr.commit()
print("RESULT", [len(reminders), len(reminders.mail_message_id)])
