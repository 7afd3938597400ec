# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from . import dunning_log_call
from . import dunning_print_letter
from . import dunning_record_answer
from . import dunning_send
from . import dunning_set_level
from . import dunning_summary_wizard
from . import mail_compose_message
