# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from . import controllers
from . import demo
from . import models
from . import report
from . import wizard
from .hooks import post_init_hook
