# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [cron XML id, server
# action code or None]. Make the scheduled action due and let Odoo's cron
# worker code (ir.cron._process_jobs: one transaction per batch, commit in
# between) run it until it is fully done, as the cron thread of a server
# does.
from odoo.addons.base.models.ir_cron import ir_cron

xmlid, code = ARGS
cron = env.ref(xmlid)
if code:
    cron.code = code
cron.write({"active": True, "nextcall": "2000-01-01 00:00:00"})
cron_id = cron.id
env.cr.commit()
registry = env.registry
for _round in range(1000):
    ir_cron._process_jobs(env.cr.dbname)
    with registry.cursor() as cr:
        cr.execute(
            "SELECT nextcall > now() at time zone 'UTC' FROM ir_cron WHERE id = %s",
            [cron_id],
        )
        if cr.fetchone()[0]:
            break
print("RESULT", _round + 1)
