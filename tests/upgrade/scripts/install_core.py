# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# ruff: noqa: F821  (``env`` and ``ARGS`` are given by odoo-bin shell and the runner)
# Run by odoo-bin shell (see tests/faults/odoo_process.py): ARGS = [addons].
# The administrator installs ARGS from the Apps menu, on a database where
# the Sales app is installed but dunning_levels_sale must not come yet: its
# automatic installation is turned off for this one installation, so that the
# database is the one of a company that installs Sales (hence
# dunning_levels_sale) later. Odoo turns it back on when it next reads the
# addons' manifests.
import json

modules = env["ir.module.module"]
modules.update_list()
modules.search([("name", "=", "dunning_levels_sale")]).auto_install = False
modules.search([("name", "in", ARGS)]).button_immediate_install()
env.cr.execute(
    "SELECT name, state FROM ir_module_module WHERE name LIKE 'dunning_levels%'"
)
print("RESULT", json.dumps(dict(env.cr.fetchall())))
