# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [addon]. The
# administrator uninstalls the addon.
(module,) = ARGS
env["ir.module.module"].search([("name", "=", module)]).button_immediate_uninstall()
env.cr.commit()
