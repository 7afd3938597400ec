# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The penalty period split on plain dates and numbers, without a database."""

from datetime import date

from odoo.tests import BaseCase

from odoo.addons.dunning_levels_fr.tools.penalty import (
    Installment,
    UnknownRateError,
    half_year_starts,
    rate_in_force,
    split_installments,
    split_periods,
)

# ECB + 10 points of 2024 and 2025 (statutory B2B rate).
RATES = [
    (date(2024, 1, 1), 14.5),
    (date(2024, 7, 1), 14.25),
    (date(2025, 1, 1), 13.15),
    (date(2025, 7, 1), 12.15),
]


def summary(periods):
    """Return ``(date_from, date_to, days, base, rate)`` of each period."""
    return [
        (p["date_from"], p["date_to"], p["days"], p["base"], p["rate"]) for p in periods
    ]


class TestPenaltyPeriods(BaseCase):
    def test_one_period_amount_x_rate_x_days_over_365(self):
        """30 days on 1000 at 13.15 %: one period, 1000 x 13.15 % x 30 / 365."""
        periods = split_periods(date(2025, 1, 11), date(2025, 2, 9), 1000.0, [], RATES)
        self.assertEqual(
            summary(periods),
            [(date(2025, 1, 11), date(2025, 2, 9), 30, 1000.0, 13.15)],
        )
        self.assertAlmostEqual(periods[0]["amount"], 1000 * 0.1315 * 30 / 365)

    def test_rate_change_inside_the_period_splits_it(self):
        """10 days of June 2024 at 14.50 %, 10 days of July at 14.25 %."""
        periods = split_periods(date(2024, 6, 21), date(2024, 7, 10), 1000.0, [], RATES)
        self.assertEqual(
            summary(periods),
            [
                (date(2024, 6, 21), date(2024, 6, 30), 10, 1000.0, 14.5),
                (date(2024, 7, 1), date(2024, 7, 10), 10, 1000.0, 14.25),
            ],
        )
        self.assertAlmostEqual(
            sum(p["amount"] for p in periods), 1000 * (0.145 + 0.1425) * 10 / 365
        )

    def test_rate_change_on_any_day_of_the_list(self):
        """A rate starting mid-month (a contractual rate) splits there too."""
        rates = [(date(2025, 1, 1), 9.0), (date(2025, 3, 15), 10.0)]
        periods = split_periods(date(2025, 3, 10), date(2025, 3, 20), 500.0, [], rates)
        self.assertEqual(
            [(p["days"], p["rate"]) for p in periods], [(5, 9.0), (6, 10.0)]
        )

    def test_rate_change_the_day_after_the_end_is_not_a_period(self):
        """Up to 31 December: one period, nothing at the next year's rate."""
        periods = split_periods(
            date(2024, 12, 1), date(2024, 12, 31), 1000.0, [], RATES
        )
        self.assertEqual([(p["days"], p["rate"]) for p in periods], [(31, 14.25)])

    def test_leap_year_counts_29_february_over_365(self):
        """28 February to 1 March 2024: three days, still over 365."""
        periods = split_periods(date(2024, 2, 28), date(2024, 3, 1), 1000.0, [], RATES)
        self.assertEqual([p["days"] for p in periods], [3])
        self.assertAlmostEqual(periods[0]["amount"], 1000 * 0.145 * 3 / 365)

    def test_whole_leap_year_is_366_days_over_365(self):
        """All of 2024 at one rate: 366 days over 365, a day more than the
        yearly rate."""
        rates = [(date(2024, 1, 1), 10.0)]
        periods = split_periods(date(2024, 1, 1), date(2024, 12, 31), 1000.0, [], rates)
        self.assertEqual([p["days"] for p in periods], [366])
        self.assertAlmostEqual(periods[0]["amount"], 1000 * 0.10 * 366 / 365)

    def test_end_before_start_is_no_period(self):
        """Not late (paid or computed on the due date): no period."""
        start = date(2025, 1, 11)
        self.assertEqual(split_periods(start, date(2025, 1, 10), 1000.0, [], RATES), [])
        self.assertEqual(split_periods(start, date(2024, 12, 1), 1000.0, [], RATES), [])

    def test_end_on_start_is_one_day(self):
        """The first day late alone counts one day."""
        periods = split_periods(date(2025, 1, 11), date(2025, 1, 11), 1000.0, [], RATES)
        self.assertEqual([p["days"] for p in periods], [1])

    def test_partial_payment_reduces_the_base_the_day_after(self):
        """400 paid on 20 January: 10 days on 1000, then 20 days on 600."""
        payments = [(date(2025, 1, 20), 400.0)]
        periods = split_periods(
            date(2025, 1, 11), date(2025, 2, 9), 1000.0, payments, RATES
        )
        self.assertEqual(
            summary(periods),
            [
                (date(2025, 1, 11), date(2025, 1, 20), 10, 1000.0, 13.15),
                (date(2025, 1, 21), date(2025, 2, 9), 20, 600.0, 13.15),
            ],
        )

    def test_payment_before_the_first_day_late_lowers_the_base(self):
        """Paid in part on time: interest runs on the rest only."""
        payments = [(date(2025, 1, 5), 250.0)]
        periods = split_periods(
            date(2025, 1, 11), date(2025, 1, 20), 1000.0, payments, RATES
        )
        self.assertEqual([(p["days"], p["base"]) for p in periods], [(10, 750.0)])

    def test_nothing_due_is_no_period(self):
        """Paid in full, or more, before the first day late: no period."""
        for paid in (1000.0, 1200.0):
            payments = [(date(2025, 1, 10), paid)]
            self.assertEqual(
                split_periods(
                    date(2025, 1, 11), date(2025, 2, 9), 1000.0, payments, RATES
                ),
                [],
            )

    def test_unknown_rate_on_a_day_late_raises(self):
        """No rate in force, or an unknown one, on a day bearing interest."""
        with self.assertRaises(UnknownRateError) as caught:
            split_periods(date(2023, 12, 20), date(2024, 1, 10), 1000.0, [], RATES)
        self.assertEqual(caught.exception.day, date(2023, 12, 20))
        rates = [(date(2025, 1, 1), 13.15), (date(2025, 7, 1), None)]
        with self.assertRaises(UnknownRateError) as caught:
            split_periods(date(2025, 6, 20), date(2025, 7, 10), 1000.0, [], rates)
        self.assertEqual(caught.exception.day, date(2025, 7, 1))

    def test_unknown_rate_without_anything_due_is_not_needed(self):
        """A half-year with nothing left due needs no rate."""
        rates = [(date(2025, 1, 1), 13.15), (date(2025, 7, 1), None)]
        payments = [(date(2025, 6, 25), 1000.0)]
        periods = split_periods(
            date(2025, 6, 20), date(2025, 7, 10), 1000.0, payments, rates
        )
        self.assertEqual([(p["days"], p["rate"]) for p in periods], [(6, 13.15)])

    def test_several_installments_each_on_its_own_amount(self):
        """Two installments: the periods of the first, then of the second."""
        installments = [
            Installment(date(2025, 6, 21), date(2025, 7, 10), 600.0, []),
            Installment(
                date(2025, 7, 1),
                date(2025, 7, 20),
                400.0,
                [(date(2025, 7, 10), 100.0)],
            ),
        ]
        periods = split_installments(installments, RATES)
        self.assertEqual(
            summary(periods),
            [
                (date(2025, 6, 21), date(2025, 6, 30), 10, 600.0, 13.15),
                (date(2025, 7, 1), date(2025, 7, 10), 10, 600.0, 12.15),
                (date(2025, 7, 1), date(2025, 7, 10), 10, 400.0, 12.15),
                (date(2025, 7, 11), date(2025, 7, 20), 10, 300.0, 12.15),
            ],
        )
        self.assertEqual(split_installments([], RATES), [])

    def test_installment_not_late_adds_nothing(self):
        """An installment not yet due adds no period to the others."""
        installments = [
            Installment(date(2025, 1, 11), date(2025, 1, 20), 500.0, []),
            Installment(date(2025, 2, 11), date(2025, 1, 20), 500.0, []),
        ]
        periods = split_installments(installments, RATES)
        self.assertEqual([(p["days"], p["base"]) for p in periods], [(10, 500.0)])

    def test_half_year_starts(self):
        """1 January and 1 July from the half-year of the start to the end's."""
        self.assertEqual(
            half_year_starts(date(2024, 6, 21), date(2025, 1, 1)),
            [date(2024, 1, 1), date(2024, 7, 1), date(2025, 1, 1)],
        )
        self.assertEqual(
            half_year_starts(date(2024, 7, 1), date(2024, 12, 31)),
            [date(2024, 7, 1)],
        )
        self.assertEqual(
            half_year_starts(date(2024, 3, 1), date(2023, 1, 1)),
            [date(2024, 1, 1)],
        )

    def test_rate_in_force(self):
        """The rate of the last entry starting on or before the day."""
        self.assertEqual(rate_in_force(RATES, date(2024, 6, 30)), 14.5)
        self.assertEqual(rate_in_force(RATES, date(2024, 7, 1)), 14.25)
        self.assertEqual(rate_in_force(RATES, date(2030, 1, 1)), 12.15)
        self.assertIsNone(rate_in_force(RATES, date(2023, 12, 31)))
        self.assertIsNone(rate_in_force([], date(2024, 1, 1)))
