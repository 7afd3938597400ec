# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from . import report_dunning_letter
from . import report_dunning_call_list
from . import report_dunning_statement
from . import report_dunning_summary
from . import report_dunning_table
from . import report_dunning_payer_history
from . import dunning_ageing_report
from . import dunning_dso_report
from . import dunning_effectiveness_report
from . import report_dunning_ageing
