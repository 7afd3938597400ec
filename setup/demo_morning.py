# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)
"""Run the morning generation of payment reminders on the demo database.

Run through ``odoo-bin shell`` (``env`` is provided) after each install or
update of the demo database, as the scheduled action does at 04:00: it
creates the reminders due today (nothing new when run twice the same day).
``demo_summary.py`` tells the story afterwards.
"""

import time

company = env.ref("base.main_company")
# The administrator's language: reminder history and chatter lines written
# from now on read as the accountant reads them.
admin = env.ref("base.user_admin")
reminders_model = (
    env["dunning.reminder"]
    .with_company(company)
    .with_context(lang=admin.lang, tz=admin.tz)
)

start = time.perf_counter()
new_reminders = reminders_model.generate_reminders()
elapsed = time.perf_counter() - start
env.cr.commit()
print(
    f"Morning generation for {company.name}: {len(new_reminders)} new payment "
    f"reminder(s) for {len(new_reminders.partner_id)} customer(s) in {elapsed:.2f} s"
)
