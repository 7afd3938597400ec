# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models
from odoo.tools import SQL

# Ageing buckets, by days overdue. Their codes sort in bucket order: the
# pivot and graph order selection groups by code.
BUCKET_NOT_DUE = "0_not_due"
BUCKET_1_30 = "1_30"
BUCKET_31_60 = "31_60"
BUCKET_61_90 = "61_90"
BUCKET_OVER_90 = "91_more"
# (upper bound of days overdue, bucket), in increasing order; above the last
# bound, BUCKET_OVER_90.
BUCKET_BOUNDS = (
    (0, BUCKET_NOT_DUE),
    (30, BUCKET_1_30),
    (60, BUCKET_31_60),
    (90, BUCKET_61_90),
)


class DunningAgeingReport(models.Model):
    """Ageing of the receivables ("balance âgée"): one row per open
    receivable line, that is per unpaid installment of an invoice, credit
    note or unreconciled payment, with its open amount in the company
    currency and how overdue it is today.

    A database view, computed when read: "today" is the database's
    ``CURRENT_DATE``, the date of the server in UTC, which may differ from
    the user's date around midnight.
    """

    _name = "dunning.ageing.report"
    _description = "Receivables Ageing"
    _auto = False
    _order = "date_maturity, id"
    _rec_name = "move_id"
    # Flushed before the view is read.
    _depends = {
        "account.account": ["account_type"],
        "account.move": [
            "move_type",
            "invoice_user_id",
            "preferred_payment_method_line_id",
            "invoice_payment_term_id",
            "dunning_level",
        ],
        "account.move.line": [
            "move_id",
            "account_id",
            "partner_id",
            "company_id",
            "company_currency_id",
            "currency_id",
            "date",
            "date_maturity",
            "parent_state",
            "reconciled",
            "amount_residual",
        ],
        "res.partner": ["commercial_partner_id"],
    }

    move_id = fields.Many2one(
        comodel_name="account.move", string="Journal Entry", readonly=True
    )
    move_type = fields.Selection(
        selection=lambda self: (
            self.env["account.move"]
            ._fields["move_type"]
            ._description_selection(self.env)
        ),
        string="Type",
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Customer", readonly=True
    )
    partner_category_ids = fields.Many2many(
        related="partner_id.category_id",
        string="Customer Tags",
        help="Tags of the customer, such as a pupil's class. Filter on them: a "
        "customer may have several tags, so grouping by tag would count its "
        "amounts several times.",
    )
    invoice_user_id = fields.Many2one(
        comodel_name="res.users", string="Salesperson", readonly=True
    )
    payment_method_line_id = fields.Many2one(
        comodel_name="account.payment.method.line",
        string="Payment Method",
        readonly=True,
        help="Preferred payment method of the invoice.",
    )
    payment_term_id = fields.Many2one(
        comodel_name="account.payment.term", string="Payment Terms", readonly=True
    )
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    company_currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        readonly=True,
        help="Currency of the invoice.",
    )
    date = fields.Date(string="Accounting Date", readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    days_overdue = fields.Integer(
        readonly=True,
        aggregator="max",
        help="Days since the due date, today (0 when not due yet).",
    )
    bucket = fields.Selection(
        selection=[
            (BUCKET_NOT_DUE, "Not Due"),
            (BUCKET_1_30, "1-30 Days"),
            (BUCKET_31_60, "31-60 Days"),
            (BUCKET_61_90, "61-90 Days"),
            (BUCKET_OVER_90, "Over 90 Days"),
        ],
        string="Overdue",
        readonly=True,
        help="How long the installment has been overdue, today.",
    )
    dunning_level = fields.Integer(
        string="Reminder Level",
        readonly=True,
        aggregator="max",
        help="Level of the last reminder sent for the invoice (0: never "
        "reminded); the highest of the lines when grouped.",
    )
    amount_residual = fields.Monetary(
        string="Open Amount",
        readonly=True,
        currency_field="company_currency_id",
        help="What remains to be paid, in the company currency: positive for "
        "invoices, negative for credit notes and payments not matched yet.",
    )

    def _get_ageing_by_customer(self):
        """Return these rows summed by company and customer, per bucket, as
        the printed ageing lays them out.

        One query whatever the number of rows, read with the user's rights.

        :return: one dict per company, in name order: ``company``,
            ``currency`` (the company's), ``buckets`` (``[(code, label)]`` in
            order), ``lines`` (one per customer, by name: ``partner``,
            ``level`` (the highest reminder level), ``amounts``
            (``{bucket: amount}``) and ``total``), ``totals``
            (``{bucket: amount}``) and ``total``
        """
        buckets = self._fields["bucket"]._description_selection(self.env)
        groups = self._read_group(
            [("id", "in", self.ids)],
            groupby=["company_id", "partner_id", "bucket"],
            aggregates=["amount_residual:sum", "dunning_level:max"],
            order="company_id, partner_id",
        )
        tables = {}
        for company, partner, bucket, amount, level in groups:
            table = tables.setdefault(
                company,
                {
                    "company": company,
                    "currency": company.currency_id,
                    "buckets": buckets,
                    "lines": {},
                    "totals": dict.fromkeys(dict(buckets), 0.0),
                    "total": 0.0,
                },
            )
            line = table["lines"].setdefault(
                partner,
                {
                    "partner": partner,
                    "level": 0,
                    "amounts": dict.fromkeys(dict(buckets), 0.0),
                    "total": 0.0,
                },
            )
            line["level"] = max(line["level"], level)
            line["amounts"][bucket] += amount
            line["total"] += amount
            table["totals"][bucket] += amount
            table["total"] += amount
        return [
            dict(table, lines=list(table["lines"].values()))
            for table in tables.values()
        ]

    def _bucket_sql(self, days):
        """Return the SQL ``CASE`` expression of the bucket of ``days``
        overdue (an SQL expression)."""
        cases = SQL(" ").join(
            SQL("WHEN %s <= %s THEN %s", days, bound, bucket)
            for bound, bucket in BUCKET_BOUNDS
        )
        return SQL("CASE %s ELSE %s END", cases, BUCKET_OVER_90)

    def _query(self):
        """Return the query of the view.

        TO OVERRIDE to add columns: extend the ``SELECT`` list by wrapping
        this query, never by editing it in place.
        """
        days = SQL(
            "GREATEST(CURRENT_DATE - COALESCE(line.date_maturity, line.date), 0)"
        )
        return SQL(
            """
            SELECT
                line.id AS id,
                line.move_id AS move_id,
                move.move_type AS move_type,
                COALESCE(partner.commercial_partner_id, line.partner_id)
                    AS partner_id,
                move.invoice_user_id AS invoice_user_id,
                move.preferred_payment_method_line_id AS payment_method_line_id,
                move.invoice_payment_term_id AS payment_term_id,
                line.company_id AS company_id,
                line.company_currency_id AS company_currency_id,
                line.currency_id AS currency_id,
                line.date AS date,
                COALESCE(line.date_maturity, line.date) AS date_maturity,
                %(days)s AS days_overdue,
                %(bucket)s AS bucket,
                COALESCE(move.dunning_level, 0) AS dunning_level,
                line.amount_residual AS amount_residual
            FROM account_move_line line
            JOIN account_move move ON move.id = line.move_id
            JOIN account_account account ON account.id = line.account_id
            LEFT JOIN res_partner partner ON partner.id = line.partner_id
            WHERE account.account_type = 'asset_receivable'
              AND line.parent_state = 'posted'
              AND NOT line.reconciled
              AND line.amount_residual != 0
            """,
            days=days,
            bucket=self._bucket_sql(days),
        )

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
