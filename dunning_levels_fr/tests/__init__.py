# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from . import test_dunning_fr_penalties
from . import test_dunning_fr_penalty_periods
from . import test_dunning_fr_customer_type
from . import test_dunning_fr_documents
from . import test_dunning_fr_letter_layout
from . import test_dunning_fr_penalty_invoice
from . import test_dunning_fr_recovery_file
from . import test_dunning_fr_prescription
from . import test_translations
