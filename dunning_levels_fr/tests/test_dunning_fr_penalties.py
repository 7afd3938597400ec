# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import DunningFrCommon

_d = fields.Date.to_date


@tagged("post_install", "-at_install")
class TestDunningFrPenalties(DunningFrCommon):
    def test_statutory_rate_follows_the_half_year(self):
        """ECB rate in force on 1 January or 1 July, plus 10 points."""
        rates = self.env["dunning.rate"]
        # 1 January 2024: 4.50 (rate cut to 4.25 on 12 June 2024 only)
        self.assertAlmostEqual(
            rates._get_statutory_penalty_rate(_d("2024-03-01")), 14.5
        )
        self.assertAlmostEqual(
            rates._get_statutory_penalty_rate(_d("2024-06-30")), 14.5
        )
        self.assertAlmostEqual(
            rates._get_statutory_penalty_rate(_d("2024-07-01")), 14.25
        )
        self.assertAlmostEqual(
            rates._get_statutory_penalty_rate(_d("2025-02-01")), 13.15
        )
        self.assertAlmostEqual(
            rates._get_statutory_penalty_rate(_d("2025-12-31")), 12.15
        )
        self.assertAlmostEqual(rates._get_legal_rate(_d("2024-09-01")), 4.92)
        self.assertAlmostEqual(
            rates._get_legal_rate(_d("2024-09-01"), professional=False), 8.16
        )

    def test_b2b_penalty_amount_x_rate_x_days_over_365(self):
        """1000 due 10 January 2025, 30 days late at 13.15 %, plus 40."""
        invoice = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        values = self.penalty(invoice, "2025-02-09")
        self.assertEqual(values["days_late"], 30)
        self.assertEqual(values["rate_basis"], "statutory")
        self.assertAlmostEqual(values["rate"], 13.15)
        self.assertAlmostEqual(values["penalty"], 10.81)  # 1000 x 13.15% x 30/365
        self.assertAlmostEqual(values["indemnity"], 40.0)
        self.assertAlmostEqual(values["total"], 50.81)

    def test_not_late_on_the_due_date(self):
        """Interest runs from the day after the due date."""
        invoice = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        values = self.penalty(invoice, "2025-01-10")
        self.assertFalse(values["is_late"])
        self.assertEqual((values["penalty"], values["indemnity"]), (0.0, 0.0))

    def test_rate_changes_at_the_half_year(self):
        """10 days in June 2024 at 14.50 %, 10 days in July at 14.25 %."""
        invoice = self.create_invoice(self.b2b, "2024-06-20", 1000.0)
        values = self.penalty(invoice, "2024-07-10")
        self.assertEqual(
            [(p["days"], p["rate"]) for p in values["periods"]],
            [(10, 14.5), (10, 14.25)],
        )
        self.assertAlmostEqual(values["penalty"], 7.88)  # 1000 x 2.875 / 365

    def test_leap_year_counts_29_february_over_365(self):
        """27 Feb to 1 March 2024: three days late (29 February counted), / 365."""
        invoice = self.create_invoice(self.b2b, "2024-02-27", 1000.0)
        values = self.penalty(invoice, "2024-03-01")
        self.assertEqual(values["days_late"], 3)
        self.assertAlmostEqual(values["penalty"], 1.19)  # 1000 x 14.5% x 3/365

    def test_unknown_rate_is_refused_on_the_first_day_late(self):
        """No ECB rate before March 2016: no rate shown while not late, and
        penalties refused, naming the first day without a rate, once late."""
        invoice = self.create_invoice(self.b2b, "2015-12-20", 1000.0)
        values = self.penalty(invoice, "2015-12-20")
        self.assertIsNone(values["rate"])
        self.assertFalse(values["periods"])
        with self.assertRaisesRegex(
            UserError, "No reference rate is known on 12/21/2015"
        ):
            self.penalty(invoice, "2016-01-10")

    def test_partial_payment_reduces_the_base_the_day_after(self):
        """400 paid on 20 January: 10 days on 1000, then 20 days on 600."""
        invoice = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        self.register_payment(invoice, amount=400.0, payment_date="2025-01-20")
        values = self.penalty(invoice, "2025-02-09")
        self.assertEqual(
            [(p["days"], p["base"]) for p in values["periods"]],
            [(10, 1000.0), (20, 600.0)],
        )
        self.assertAlmostEqual(values["penalty"], 7.93)  # 22000 x 13.15% / 365
        self.assertAlmostEqual(values["amount_due"], 600.0)

    def test_paid_late_stops_at_the_payment(self):
        """Paid in full 10 days late: penalties frozen at the payment date."""
        invoice = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        self.register_payment(invoice, payment_date="2025-01-20")
        values = self.penalty(invoice, "2025-06-01")
        self.assertEqual(values["days_late"], 10)
        self.assertAlmostEqual(values["penalty"], 3.60)  # 1000 x 13.15% x 10/365
        self.assertAlmostEqual(values["indemnity"], 40.0)

    def test_paid_on_time_owes_nothing(self):
        """Paid on the due date: neither penalties nor indemnity."""
        invoice = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        self.register_payment(invoice, payment_date="2025-01-10")
        values = self.penalty(invoice, "2025-06-01")
        self.assertEqual((values["penalty"], values["total"]), (0.0, 0.0))

    @freeze_time("2025-09-01")
    def test_contractual_rate_floor_is_three_times_the_legal_rate(self):
        """Below 3 x 2.76 % (S2 2025) is refused with the floor in the message."""
        with self.assertRaisesRegex(ValidationError, "8.28"):
            self.company.dunning_fr_contract_rate = 8.0
        self.company.dunning_fr_contract_rate = 9.0
        invoice = self.create_invoice(self.b2b, "2025-07-01", 1000.0)
        values = invoice._dunning_fr_get_penalty_values()
        self.assertEqual(values["rate_basis"], "contract")
        self.assertAlmostEqual(values["penalty"], round(1000 * 0.09 * 62 / 365, 2))

    def test_rate_table_is_editable_by_managers_only(self):
        """Accountants read the rates; managers add them."""
        rates = self.env["dunning.rate"]
        self.assertTrue(rates.with_user(self.billing_user).search([]))
        rates.with_user(self.manager_user).create(
            {"rate_type": "ecb", "date_from": "2026-06-10", "rate": 2.0}
        )
        self.assertAlmostEqual(
            rates._get_statutory_penalty_rate(_d("2026-08-01")), 12.0
        )
