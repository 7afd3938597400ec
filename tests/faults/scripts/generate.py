# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [go file or None].
# The administrator clicks "Generate" in the reminder list (the
# action_generate_reminders button), once the go file exists, so that several
# processes can be released at the same moment.
import os
import time

go_file = ARGS[0]
admin = env.ref("base.user_admin")
env.cr.commit()
while go_file and not os.path.exists(go_file):
    time.sleep(0.005)
env.cr.rollback()  # a fresh snapshot, taken after the go
action = env["dunning.reminder"].with_user(admin).action_generate_reminders()
env.cr.commit()
# "<count> new payment reminder(s) to send."
print("RESULT", int(action["params"]["message"].split()[0]))
