# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Late-payment interest of French law, split into periods of constant base
and rate.

Interest accrues each day late on what is still due that day, at the yearly
rate in force that day: ``base x rate / 100 x days / 365``. A payment stops
interest on its amount the day after it was made; a change of rate starts a
new period. Plain Python on dates and numbers: the models gather the
installments, payments and rates, and compute nothing of this themselves.
"""

from datetime import date as date_cls
from datetime import timedelta
from typing import NamedTuple

# Days of a year in the penalty formula amount x rate x days / 365. Kept at
# 365 in leap years too: 29 February is one more day late, not a shorter day.
DAYS_PER_YEAR = 365

ONE_DAY = timedelta(days=1)


class UnknownRateError(LookupError):
    """No rate is in force on ``day``, a day that bears interest."""

    def __init__(self, day):
        super().__init__(day)
        self.day = day


class Installment(NamedTuple):
    """What interest runs on for one installment of an invoice.

    :param start: first day late
    :param end: last day counted (payment date or computation date)
    :param float amount: amount of the installment, taxes included
    :param payments: list of ``(date, amount)`` sorted by date
    """

    start: date_cls
    end: date_cls
    amount: float
    payments: list


def half_year_starts(start, end):
    """Return the first days (1 January, 1 July) of the half-years from the
    one of ``start`` to the one of ``end``, in order.

    The French reference rates change only on these days.

    :param start: ``datetime.date``
    :param end: ``datetime.date``; before ``start``, only ``start``'s
        half-year is returned
    :return: list of ``datetime.date``
    """
    day = date_cls(start.year, 1 if start.month <= 6 else 7, 1)
    days = [day]
    while True:
        day = date_cls(day.year + 1, 1, 1) if day.month == 7 else day.replace(month=7)
        if day > end:
            return days
        days.append(day)


def rate_in_force(rates, day):
    """Return the rate in force on ``day``.

    :param rates: list of ``(start date, rate)`` sorted by date, each rate in
        force from its date until the next one; a rate may be ``None``
        (unknown)
    :param day: ``datetime.date``
    :return: the rate of the last entry starting on or before ``day``, or
        ``None`` when there is none
    """
    rate = None
    for rate_start, rate_value in rates:
        if rate_start > day:
            break
        rate = rate_value
    return rate


def split_periods(start, end, amount, payments, rates):
    """Split the days late of one installment into periods of constant base
    and rate, and compute their interest.

    Interest accrues each day from ``start`` to ``end`` included on what was
    still due that day: a payment stops interest on its amount the day after
    it was made. A period ends the day before a payment takes effect or a
    rate of ``rates`` starts. Periods with nothing due (base zero or
    negative) are left out.

    :param start: first day late (the day after the due date)
    :param end: last day counted; before ``start``, nothing is late
    :param float amount: amount of the installment, taxes included
    :param list payments: ``(date, amount)`` sorted by date
    :param list rates: ``(start date, yearly rate in percent)`` sorted by
        date (see :func:`rate_in_force`)
    :return: list of dicts ``date_from``, ``date_to``, ``days``, ``base``,
        ``rate``, ``amount``
    :raise UnknownRateError: when a day bearing interest has no known rate
    """
    if end < start:
        return []
    after_end = end + ONE_DAY
    stops = {after_end}
    stops.update(pay_date + ONE_DAY for pay_date, __ in payments)
    stops.update(rate_start for rate_start, __ in rates)
    periods = []
    period_start = start
    for stop in sorted(s for s in stops if start < s <= after_end):
        base = amount - sum(
            paid for pay_date, paid in payments if pay_date < period_start
        )
        days = (stop - period_start).days
        if base > 0 and days > 0:
            rate = rate_in_force(rates, period_start)
            if rate is None:
                raise UnknownRateError(period_start)
            periods.append(
                {
                    "date_from": period_start,
                    "date_to": stop - ONE_DAY,
                    "days": days,
                    "base": base,
                    "rate": rate,
                    "amount": base * rate / 100 * days / DAYS_PER_YEAR,
                }
            )
        period_start = stop
    return periods


def split_installments(installments, rates):
    """Return the periods of all ``installments``, installment by installment.

    :param installments: list of :class:`Installment`
    :param list rates: see :func:`split_periods`
    :return: list of periods (see :func:`split_periods`)
    :raise UnknownRateError: when a day bearing interest has no known rate
    """
    periods = []
    for installment in installments:
        periods += split_periods(*installment, rates)
    return periods
