# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [invoice ids]. The
# administrator opens the invoices' reminder history as the web client does;
# returns the actions it shows.
import json

admin = env.ref("base.user_admin")
history = env["dunning.history"].with_user(admin)
lines = history.web_search_read(
    [("move_id", "in", ARGS[0])], {"action": {}, "note": {}, "channel": {}}
)["records"]
print("RESULT", json.dumps([line["action"] for line in lines]))
