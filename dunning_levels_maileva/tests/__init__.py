# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from . import test_maileva_address
from . import test_maileva_codes
from . import test_maileva_level_channels
from . import test_maileva_send
from . import test_maileva_faults
from . import test_maileva_status
from . import test_maileva_client
from . import test_maileva_pdf
from . import test_maileva_background
from . import test_maileva_multi_company
from . import test_maileva_secrets
from . import test_maileva_webhook_http
from . import test_maileva_rpc
from . import test_maileva_tours
from . import test_translations
