# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.addons.dunning_levels.const import LEVELS

from .const import FR_ACTIONS


def post_init_hook(env):
    """Hide the French mentions on the existing first levels.

    Penalties and the indemnity are shown from the second reminder on; levels
    of companies created later get this from
    ``dunning.level._prepare_default_level_vals``.
    """
    env["dunning.level"].with_context(active_test=False).search(
        [("level", "=", LEVELS[0])]
    ).write({"fr_show_penalties": False, "fr_show_indemnity": False})


def uninstall_hook(env):
    """Keep the history lines of the French actions (penalties invoiced,
    recovery file built), since the action field no longer offers them: they
    become ``other`` lines telling the action in their note."""
    env["dunning.history"]._forget_actions(list(FR_ACTIONS))
