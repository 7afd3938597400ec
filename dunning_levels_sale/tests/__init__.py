# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from . import test_sale_order_access
from . import test_sale_order_block
from . import test_sale_order_multi_company
from . import test_sale_order_warning
from . import test_sale_tours
from . import test_sale_warning_rpc
from . import test_translations
