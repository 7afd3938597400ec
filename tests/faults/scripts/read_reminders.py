# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [reminder ids]. The
# administrator opens the reminders and their history as the web client
# does (list, grouped list, form fields); returns what they show.
import json

admin = env.ref("base.user_admin")
reminders = env["dunning.reminder"].with_user(admin).browse(ARGS[0])
history = (
    env["dunning.history"]
    .with_user(admin)
    .search([("reminder_id", "in", reminders.ids)])
)
spec = {"state": {}, "channel": {}, "level": {}, "move_id": {"fields": {}}}
rows = reminders.web_search_read([("id", "in", reminders.ids)], spec)["records"]
groups = history.web_read_group([("id", "in", history.ids)], ["channel"], ["channel"])[
    "groups"
]
lines = history.web_search_read(
    [("id", "in", history.ids)], {"action": {}, "channel": {}, "level": {}}
)["records"]
print(
    "RESULT",
    json.dumps(
        {
            "reminders": [[r["state"], r["channel"], r["level"]] for r in rows],
            "history_groups": [[g["channel"], g["channel_count"]] for g in groups],
            "history": sorted([h["action"], h["channel"]] for h in lines),
        }
    ),
)
