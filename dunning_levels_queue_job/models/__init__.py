# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from . import dunning_send_job_batch
from . import dunning_send_job
from . import res_company
from . import res_config_settings
