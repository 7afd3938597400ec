# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Values of the French addon defined once (see dunning_levels/const.py)."""

# What a history line records (``dunning.history.action``), added by the
# addon.
ACTION_PENALTY_INVOICED = "penalty_invoiced"
ACTION_RECOVERY_FILE = "recovery_file"
FR_ACTIONS = (ACTION_PENALTY_INVOICED, ACTION_RECOVERY_FILE)
