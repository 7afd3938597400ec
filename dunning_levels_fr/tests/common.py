# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import freeze_time

from odoo.addons.dunning_levels.tests.common import DunningCommon


class DunningFrCommon(DunningCommon):
    """Base class of the French layer's tests: a professional and a consumer
    customer, and helpers sending reminders at a given date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.b2b = cls.create_customer("Menuiserie Durand SARL", lang="en_US")
        cls.b2c = cls.env["res.partner"].create(
            {"name": "Jeanne Petit", "email": "jeanne@example.com", "lang": "en_US"}
        )

    def send_level(self, invoices, level, date, channel="letter"):
        """Create and mark as sent reminders of ``level`` for ``invoices``
        on ``date``."""
        with freeze_time(date):
            reminders = invoices._dunning_create_reminders(
                level=level, allow_resend=True
            )
            reminders._mark_sent(channel)
        return reminders

    def penalty(self, invoice, date):
        """Return the penalty values of ``invoice`` on ``date``."""
        with freeze_time(date):
            return invoice._dunning_fr_get_penalty_values()
