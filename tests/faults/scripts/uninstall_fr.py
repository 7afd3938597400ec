# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = []. The administrator
# sends five formal notices (level 3), invoices their penalties and builds the
# recovery file of one of them, then uninstalls dunning_levels_fr. Returns
# the invoices' ids and the number of history lines of each action before.
import json

admin = env.ref("base.user_admin")
env.ref("base.main_company").dunning_fr_contract_rate = 12.0
reminders = (
    env["dunning.reminder"]
    .with_user(admin)
    .search([("state", "=", "draft"), ("level", "=", 3)], limit=5)
)
reminders.action_mark_sent()
invoices = reminders.move_id
invoices.action_dunning_fr_create_penalty_invoice()
invoices[:1]._dunning_fr_build_recovery_file()
env.cr.commit()
before = dict(
    env["dunning.history"]._read_group(
        [("move_id", "in", invoices.ids)], ["action"], ["__count"]
    )
)
env["ir.module.module"].search(
    [("name", "=", "dunning_levels_fr")]
).button_immediate_uninstall()
env.cr.commit()
print("RESULT", json.dumps({"invoices": invoices.ids, "before": before}))
