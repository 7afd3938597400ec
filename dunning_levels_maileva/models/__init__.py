# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from . import res_company
from . import res_config_settings
from . import maileva_sending
from . import maileva_sending_cron
from . import maileva_sending_pipeline
from . import maileva_sending_status
from . import dunning_reminder
from . import account_move
from . import ir_attachment
from . import dunning_sending
from . import dunning_level
