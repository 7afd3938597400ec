# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from . import account_move
from . import account_move_mentions
from . import account_move_penalty
from . import account_move_penalty_invoice
from . import account_move_recovery
from . import dunning_history
from . import dunning_level
from . import dunning_rate
from . import dunning_reminder
from . import res_company
from . import res_config_settings
from . import res_partner
