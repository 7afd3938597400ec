# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import freeze_time, tagged

from .common import DunningFrCommon


@tagged("post_install", "-at_install")
class TestDunningFrPrescription(DunningFrCommon):
    @freeze_time("2025-09-01")
    def test_invoices_near_prescription_are_flagged(self):
        """5 years against a professional, 2 against a consumer, 6 months ahead."""
        b2b_old = self.create_invoice(self.b2b, "2021-01-15", 100.0)
        b2b_recent = self.create_invoice(self.b2b, "2024-01-15", 100.0)
        b2c_old = self.create_invoice(self.b2c, "2024-01-15", 100.0)
        b2c_recent = self.create_invoice(self.b2c, "2024-06-15", 100.0)
        paid = self.create_invoice(self.b2b, "2021-01-15", 100.0)
        self.register_payment(paid)
        invoices = b2b_old | b2b_recent | b2c_old | b2c_recent | paid
        self.assertEqual(b2b_old.dunning_fr_prescription_date.isoformat(), "2026-01-15")
        self.assertEqual(b2c_old.dunning_fr_prescription_date.isoformat(), "2026-01-15")
        self.assertEqual(
            invoices.filtered("dunning_fr_prescription_soon"), b2b_old | b2c_old
        )
        found = self.env["account.move"].search(
            [("id", "in", invoices.ids), ("dunning_fr_prescription_soon", "=", True)]
        )
        self.assertEqual(found, b2b_old | b2c_old)
        self.company.dunning_fr_prescription_months = 12
        self.assertTrue(
            self.env["account.move"].search_count(
                [
                    ("id", "=", b2c_recent.id),
                    ("dunning_fr_prescription_soon", "=", True),
                ]
            )
        )
        reminders = (b2b_old | b2b_recent)._dunning_create_reminders(level=1)
        self.assertEqual(
            reminders.filtered("dunning_fr_prescription_soon").move_id, b2b_old
        )
