# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [date]. The generation
# of the administrator's company runs as on that day; returns the invoices
# that got a new reminder, with its level.
from odoo import fields

(day,) = ARGS
admin = env.ref("base.user_admin")
reminders = (
    env["dunning.reminder"]
    .with_user(admin)
    .with_company(admin.company_id)
    .generate_reminders(date=fields.Date.to_date(day))
)
env.cr.commit()
print("RESULT", sorted([r.move_id.id, r.level] for r in reminders))
