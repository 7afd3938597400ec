# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import tagged

from .common import DunningTourCommon


@tagged("post_install", "-at_install")
class TestDunningAnalysisTour(DunningTourCommon):
    """The workspace's dashboard in Chromium (tour ``dunning_levels_analysis``)."""

    def test_dashboard_opens_the_ageing(self):
        """The dashboard's level 2 figure opens the overdue installments at
        level 2, and their pivot by customer and age."""
        garage = self.create_customer("Garage Martin")
        leroy = self.create_customer("Boulangerie Leroy")
        self.create_invoice_at_level(garage, 2, 450.0, days_overdue=40, sent=True)
        self.create_invoice_at_level(leroy, 1, 80.0)
        self.start_tour(
            "/odoo/action-dunning_levels.dunning_reminder_action",
            "dunning_levels_analysis",
            login=self.billing_user.login,
        )
