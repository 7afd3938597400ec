# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import models

from .dunning_level import DEFAULT_LEVELS


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(
        self, modules, langs, overwrite=False, imported_module=False
    ):
        # EXTENDS 'base'
        # Default levels are per-company records without XML id: the .po files
        # cannot reach them, so a language installed after the module gets its
        # default level texts here.
        res = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        if "dunning_levels" in modules and "dunning.level" in self.env:
            levels = (
                self.env["dunning.level"]
                .sudo()
                .with_context(active_test=False)
                .search([("level", "in", list(DEFAULT_LEVELS))])
            )
            levels._apply_default_translations(langs)
        return res
