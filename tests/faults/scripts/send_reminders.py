# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [level, go file or
# None]. Once the go file exists, the administrator sends every reminder of
# that level still to send by email with the mass sending wizard (the emails
# are queued; the mail queue's scheduled action delivers them). Run as Odoo
# runs an RPC request: retried on concurrency errors, committed at the end.
import os
import time

from odoo.service.model import retrying

level, go_file = ARGS
env.cr.commit()
while go_file and not os.path.exists(go_file):
    time.sleep(0.005)


def send():
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
    return [len(reminders), len(reminders.mail_message_id)]


env.cr.rollback()  # a fresh snapshot, taken after the go
print("RESULT", retrying(send, env))
