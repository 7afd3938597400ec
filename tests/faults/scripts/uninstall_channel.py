# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [addon, channel].
# Twenty first reminders are sent through the addon's channel (as the channel
# records it), then the administrator uninstalls the addon.
module, channel = ARGS
reminders = env["dunning.reminder"].search(
    [("state", "=", "draft"), ("level", "=", 1)], limit=20
)
reminders._mark_sent(channel)
env.cr.commit()
env["ir.module.module"].search([("name", "=", module)]).button_immediate_uninstall()
env.cr.commit()
print("RESULT", reminders.ids)
