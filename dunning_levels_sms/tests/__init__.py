# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from . import test_dunning_sms_escaping
from . import test_dunning_sms_level_channels
from . import test_dunning_sms_multi_company
from . import test_dunning_sms_send
from . import test_dunning_sms_template
from . import test_translations
