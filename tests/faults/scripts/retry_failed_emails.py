# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py). The administrator retries the
# emails in error (the "Retry" button of Settings > Technical > Emails).
admin = env.ref("base.user_admin")
failed = env["mail.mail"].with_user(admin).search([("state", "=", "exception")])
failed.action_retry()
env.cr.commit()
print("RESULT", len(failed))
