# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from .penalty import (
    DAYS_PER_YEAR,
    Installment,
    UnknownRateError,
    half_year_starts,
    rate_in_force,
    split_installments,
    split_periods,
)
