# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [ready file, go file].
# A generation whose transaction read the invoices to remind (its snapshot)
# before another generation committed, and creates its reminders after: it
# touches the ready file once it has read, and waits for the go file.
import os
import time

from odoo import fields

ready_file, go_file = ARGS
admin = env.ref("base.user_admin")
env.cr.commit()
company = admin.company_id
reminders = env["dunning.reminder"].with_user(admin).with_company(company)
today = fields.Date.context_today(reminders)
candidates = reminders._get_reminders_to_generate(company, today)
open(ready_file, "w").close()
while not os.path.exists(go_file):
    time.sleep(0.005)
created = reminders._create_generated_reminders(candidates, today)
env.cr.commit()
print("RESULT", [len(candidates), len(created)])
