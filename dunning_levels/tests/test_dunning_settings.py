# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningSettings(DunningCommon):
    def test_defaults(self):
        """A company reminds at most once a week, whatever the amount."""
        self.assertEqual(self.company.dunning_min_interval_days, 7)
        self.assertEqual(self.company.dunning_min_amount, 0.0)

    def test_settings_page_writes_company(self):
        """The Accounting settings page sets the interval and minimum amount."""
        settings = self.env["res.config.settings"].create(
            {"dunning_min_interval_days": 10, "dunning_min_amount": 50.0}
        )
        settings.execute()
        self.assertEqual(self.company.dunning_min_interval_days, 10)
        self.assertEqual(self.company.dunning_min_amount, 50.0)

    def test_settings_are_per_company(self):
        """Each company keeps its own interval and minimum amount."""
        other_company = self.setup_other_company()["company"]
        self.company.dunning_min_interval_days = 3
        self.assertEqual(other_company.dunning_min_interval_days, 7)

    def test_negative_settings_refused(self):
        """Negative intervals or amounts are refused."""
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.company.dunning_min_interval_days = -1
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.company.dunning_min_amount = -10.0
