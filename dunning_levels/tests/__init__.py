# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from . import test_dunning_access_rights
from . import test_dunning_bad_input
from . import test_dunning_cron
from . import test_dunning_escaping
from . import test_dunning_generation
from . import test_dunning_level
from . import test_dunning_level_security
from . import test_dunning_mail_template
from . import test_dunning_multi_company
from . import test_dunning_reminder_workflow
from . import test_dunning_reports
from . import test_dunning_rpc
from . import test_dunning_send
from . import test_dunning_send_job
from . import test_dunning_send_job_rpc
from . import test_dunning_settings
from . import test_dunning_tours
from . import test_insert_records
from . import test_translations
