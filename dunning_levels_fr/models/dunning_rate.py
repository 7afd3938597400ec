# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from datetime import date as date_cls

from odoo import api, fields, models, tools

# Points added to the ECB refinancing rate for the statutory late-payment
# penalty rate (art. L441-10 of the French Code de commerce).
ECB_MARGIN_POINTS = 10.0


class DunningRate(models.Model):
    """Dated reference rates of French late-payment law.

    One row per change of a rate, in force from ``date_from`` until the next
    row of the same type. Shipped with the known values (see
    ``data/dunning_rate_data.xml``); accountants add the new ones each
    half-year from *Accounting > Configuration > Reference Rates*.
    """

    _name = "dunning.rate"
    _description = "Late-Payment Reference Rate"
    _order = "rate_type, date_from desc"

    rate_type = fields.Selection(
        selection=[
            ("ecb", "ECB main refinancing rate"),
            ("legal_professional", "Legal interest rate (professional creditors)"),
            ("legal_personal", "Legal interest rate (private individual creditors)"),
        ],
        string="Type",
        required=True,
        help="ECB main refinancing operations rate, or French legal interest "
        "rate: the 'other cases' rate applies to creditors acting for "
        "professional purposes, the other one to private individuals.",
    )
    date_from = fields.Date(
        string="In Force From",
        required=True,
        help="First day the rate applies.",
    )
    rate = fields.Float(
        string="Rate (%)",
        required=True,
        digits=(16, 2),
    )
    note = fields.Char(help="Source of the value (official journal, ECB decision).")

    _sql_constraints = [
        (
            "type_date_uniq",
            "unique(rate_type, date_from)",
            "A reference rate can only change once a day.",
        ),
    ]

    @api.depends("rate_type", "date_from", "rate")
    def _compute_display_name(self):
        labels = dict(self._fields["rate_type"]._description_selection(self.env))
        for rate in self:
            rate.display_name = f"{labels.get(rate.rate_type, '')} {rate.rate}%"

    @api.model_create_multi
    def create(self, vals_list):
        # EXTENDS 'base'
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        # EXTENDS 'base'
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        # EXTENDS 'base'
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    @tools.ormcache("rate_type")
    def _get_rate_table(self, rate_type):
        """Return the rates of ``rate_type``, latest first, as a tuple of
        ``(date_from, rate)``. Cached: penalties ask for them day by day,
        invoice by invoice; any change of the table clears the cache."""
        rates = self.search([("rate_type", "=", rate_type)], order="date_from desc")
        return tuple((rate.date_from, rate.rate) for rate in rates)

    @api.model
    def _get_rate(self, rate_type, date):
        """Return the rate of ``rate_type`` in force on ``date``.

        :param str rate_type: a value of the ``rate_type`` selection
        :param date: ``datetime.date``
        :return: the rate in percent, or ``None`` when the table has no
            value in force on that date
        """
        for date_from, rate in self._get_rate_table(rate_type):
            if date_from <= date:
                return rate
        return None

    @api.model
    def _get_half_year_start(self, date):
        """Return the first day (1 January or 1 July) of ``date``'s half-year."""
        return date_cls(date.year, 1 if date.month <= 6 else 7, 1)

    @api.model
    def _get_statutory_penalty_rate(self, date):
        """Return the statutory B2B penalty rate applying on ``date``.

        Art. L441-10 C. com.: the ECB main refinancing rate in force on
        1 January applies to the first half-year, the one in force on 1 July
        to the second, plus 10 points.

        :return: rate in percent, or ``None`` when the ECB rate is unknown
        """
        ecb = self._get_rate("ecb", self._get_half_year_start(date))
        return None if ecb is None else ecb + ECB_MARGIN_POINTS

    @api.model
    def _get_legal_rate(self, date, professional=True):
        """Return the French legal interest rate of ``date``'s half-year.

        :param bool professional: the rate for professional creditors ("other
            cases"), else the one for private individual creditors
        :return: rate in percent, or ``None`` when unknown
        """
        rate_type = "legal_professional" if professional else "legal_personal"
        return self._get_rate(rate_type, self._get_half_year_start(date))
