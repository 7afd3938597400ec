# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Late-payment penalties and recovery indemnity of French invoices.

The models gather what the law counts (installments, payments, rates); the
period split and the interest come from :mod:`..tools.penalty`.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from odoo.addons.dunning_levels.const import FORMAL_NOTICE_LEVEL

from ..tools.penalty import (
    Installment,
    UnknownRateError,
    half_year_starts,
    split_installments,
)


class AccountMove(models.Model):
    _inherit = "account.move"

    # ------------------------------------------------------------
    # PENALTIES
    # ------------------------------------------------------------

    def _dunning_fr_get_formal_notice_date(self):
        """Return the date the formal notice of this invoice was sent, or None.

        TO OVERRIDE to take the delivery date of a registered letter.
        """
        self.ensure_one()
        notices = self.dunning_reminder_ids.filtered(
            lambda r: r.level >= FORMAL_NOTICE_LEVEL and r.sent_datetime
        )
        dates = [fields.Date.context_today(self, r.sent_datetime) for r in notices]
        return min(dates) if dates else None

    def _dunning_fr_get_payments(self, line):
        """Return what was paid on the receivable line ``line``, by date.

        Payments, credit notes and any other matching count, on the date of
        their reconciliation (the later of both entries' dates).

        :param line: receivable ``account.move.line`` of this invoice
        :return: list of ``(date, amount in the invoice currency)``
        """
        return sorted(
            (partial.max_date, partial.debit_amount_currency)
            for partial in line.matched_credit_ids
        )

    def _dunning_fr_get_rate_function(self):
        """Return how the yearly penalty rate is found for each day.

        B2B: the company's contractual rate, else ECB rate + 10 points of the
        half-year. B2C: the legal interest rate (professional creditors) of
        the half-year, only from the formal notice on. Every basis keeps one
        rate for a whole half-year.

        :return: ``(rate_basis, function(date) -> rate in percent, or None
            when it is unknown)`` where ``rate_basis`` is ``contract``,
            ``statutory`` or ``legal``
        """
        self.ensure_one()
        rates = self.env["dunning.rate"]
        if not self._dunning_fr_is_b2b():
            return "legal", rates._get_legal_rate
        if self.company_id.dunning_fr_contract_rate:
            contract = self.company_id.dunning_fr_contract_rate
            return "contract", lambda day: contract
        return "statutory", rates._get_statutory_penalty_rate

    def _dunning_fr_get_installments(self, date, is_b2b, notice_date):
        """Return the installments (receivable lines) of this invoice and
        what interest runs on for each up to ``date``.

        Interest runs from the day after the due date (B2B) or from the
        formal notice (B2C; nothing without one), up to the payment in full
        or ``date``.

        :param date: computation date
        :param bool is_b2b: whether the customer is a professional
        :param notice_date: date of the formal notice, or None
        :return: ``(installments, days_late)``: a list of ``(receivable
            line, ``:class:`~..tools.penalty.Installment```)``, and the most
            days late of an installment (negative when none is late)
        """
        self.ensure_one()
        installments = []
        days_late = 0
        for line in self.line_ids.filtered(
            lambda aml: aml.account_type == "asset_receivable" and aml.date_maturity
        ):
            payments = [p for p in self._dunning_fr_get_payments(line) if p[0] <= date]
            amount = line.amount_currency
            paid = sum(paid for __, paid in payments)
            settled = self.currency_id.compare_amounts(paid, amount) >= 0
            end = payments[-1][0] if settled else date
            days_late = max(days_late, (end - line.date_maturity).days)
            start = line.date_maturity + timedelta(days=1)
            if not is_b2b:
                if not notice_date:
                    continue
                start = max(start, notice_date)
            installments.append((line, Installment(start, end, amount, payments)))
        return installments, days_late

    @api.model
    def _dunning_fr_split_periods(self, installments, rate_on):
        """Split the days late of ``installments`` into periods of constant
        base and rate, and compute their interest.

        :param installments: list of :class:`~..tools.penalty.Installment`
        :param rate_on: function returning the yearly rate of a day, or None
            when it is unknown (see :meth:`_dunning_fr_get_rate_function`)
        :return: list of dicts ``date_from``, ``date_to``, ``days``,
            ``base``, ``rate``, ``amount`` (see
            :func:`~..tools.penalty.split_periods`)
        :raise UserError: when a day bearing interest has no known rate
        """
        if not installments:
            return []
        # The reference rates change only on 1 January and 1 July.
        days = half_year_starts(
            min(installment.start for installment in installments),
            max(installment.end for installment in installments),
        )
        rates = [(day, rate_on(day)) for day in days]
        try:
            return split_installments(installments, rates)
        except UnknownRateError as error:
            raise UserError(
                self.env._(
                    "No reference rate is known on %(date)s: add it in "
                    "Accounting > Configuration > Reference Rates.",
                    date=format_date(self.env, error.day),
                )
            ) from error

    def _dunning_fr_get_indemnity(self, date):
        """Return the fixed recovery indemnity owed on this late invoice.

        :param date: conversion date
        :return: the company's indemnity, in the invoice currency
        """
        self.ensure_one()
        company = self.company_id
        return company.currency_id._convert(
            company.dunning_fr_indemnity_amount, self.currency_id, company, date
        )

    def _dunning_fr_get_penalty_values(self, date=None):
        """Return the late-payment penalties and indemnity of this invoice.

        The single source of the French figures: letters, emails, statements,
        penalty invoices and recovery files all call it.

        Per installment (receivable line), interest runs from the day after
        its due date (B2B) or from the formal notice (B2C) up to ``date``, on
        the amount still due each day (taxes included), at the rate of each
        day's half-year, over 365 days a year (leap years included).

        :param date: computation date (default: today)
        :return: dict with the keys ``invoice``, ``currency``, ``date``,
            ``is_b2b``, ``rate_basis`` (``contract``, ``statutory``,
            ``legal``), ``rate`` (rate applying on ``date``, or
            ``None`` when it is unknown), ``formal_notice_date``, ``amount_due``
            (residual), ``days_late`` (most days late of an installment),
            ``is_late``, ``periods`` (see :meth:`_dunning_fr_split_periods`),
            ``installments`` (one dict per installment bearing interest:
            ``line``, ``date_maturity``, ``amount`` and its ``penalty``),
            ``penalty``, ``indemnity`` and ``total``
        """
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        currency = self.currency_id
        is_b2b = self._dunning_fr_is_b2b()
        basis, rate_on = self._dunning_fr_get_rate_function()
        notice_date = self._dunning_fr_get_formal_notice_date()
        installments, days_late = self._dunning_fr_get_installments(
            date, is_b2b, notice_date
        )
        periods, installment_penalties = [], []
        for line, installment in installments:
            line_periods = self._dunning_fr_split_periods([installment], rate_on)
            periods += line_periods
            installment_penalties.append(
                {
                    "line": line,
                    "date_maturity": line.date_maturity,
                    "amount": installment.amount,
                    "penalty": currency.round(
                        sum(period["amount"] for period in line_periods)
                    ),
                }
            )
        is_late = days_late > 0
        indemnity = self._dunning_fr_get_indemnity(date) if is_b2b and is_late else 0.0
        # The sum of the installments' penalties, as the letters print them.
        penalty = currency.round(
            sum(installment["penalty"] for installment in installment_penalties)
        )
        return {
            "invoice": self,
            "currency": currency,
            "date": date,
            "is_b2b": is_b2b,
            "rate_basis": basis,
            "rate": rate_on(date),
            "formal_notice_date": notice_date,
            "amount_due": self.amount_residual,
            "days_late": max(days_late, 0),
            "is_late": is_late,
            "periods": periods,
            "installments": installment_penalties,
            "penalty": penalty,
            "indemnity": currency.round(indemnity),
            "total": currency.round(penalty + indemnity),
        }
