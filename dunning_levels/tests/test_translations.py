# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import TransactionCase, tagged

from .common import DunningCommon, assert_french_translation_complete


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_french_translation_complete(self):
        """Every exported term of the addon has a French translation."""
        assert_french_translation_complete(self, "dunning_levels")


@tagged("post_install", "-at_install")
class TestLevelTranslations(DunningCommon):
    def test_reloading_language_keeps_user_wording(self):
        """Loading French again translates default texts, never the user's own."""
        first, second, third = self.levels
        first.with_context(lang="en_US").name = "Friendly nudge"
        first.with_context(lang="fr_FR").name = "Petit rappel"
        second.with_context(lang="fr_FR").name = "Relance ferme"
        # Untranslated: the French value is the English one.
        third.with_context(lang="fr_FR").name = "Formal notice"
        self.env["ir.module.module"]._load_module_terms(["dunning_levels"], ["fr_FR"])
        self.assertEqual(first.with_context(lang="fr_FR").name, "Petit rappel")
        self.assertEqual(first.with_context(lang="en_US").name, "Friendly nudge")
        self.assertEqual(second.with_context(lang="fr_FR").name, "Relance ferme")
        self.assertEqual(third.with_context(lang="fr_FR").name, "Mise en demeure")
