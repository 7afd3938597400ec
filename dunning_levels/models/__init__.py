# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from . import account_move
from . import account_move_answer
from . import account_move_courtesy
from . import account_move_line
from . import dunning_access
from . import dunning_answer
from . import dunning_dispute_reason
from . import dunning_history
from . import dunning_level
from . import dunning_reminder
from . import dunning_reminder_auto_send
from . import dunning_reminder_dashboard
from . import dunning_reminder_generation
from . import dunning_reminder_pause
from . import dunning_reminder_sending
from . import dunning_reminder_token
from . import dunning_send_job
from . import dunning_sending
from . import dunning_sending_plan
from . import ir_attachment
from . import ir_module_module
from . import mail_mail
from . import mail_notification
from . import res_company
from . import res_config_settings
from . import res_partner
