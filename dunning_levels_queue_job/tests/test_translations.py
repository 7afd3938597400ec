# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import TransactionCase, tagged

from odoo.addons.dunning_levels.tests.common import assert_french_translation_complete


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_french_translation_complete(self):
        """Every exported term of the addon has a French translation."""
        assert_french_translation_complete(self, "dunning_levels_queue_job")
