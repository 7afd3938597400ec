# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
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
# The column of each bucket's open amount: the pivot's measures, so that it
# groups by customer only (one group per customer, not one per customer and
# bucket).
BUCKET_AMOUNT_FIELDS = {
    BUCKET_NOT_DUE: "amount_not_due",
    BUCKET_1_30: "amount_1_30",
    BUCKET_31_60: "amount_31_60",
    BUCKET_61_90: "amount_61_90",
    BUCKET_OVER_90: "amount_over_90",
}


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
    amount_not_due = fields.Monetary(
        string="Not Due Yet",
        readonly=True,
        currency_field="company_currency_id",
        help="Open amount whose due date is today or later.",
    )
    amount_1_30 = fields.Monetary(
        string="1-30 Days Overdue",
        readonly=True,
        currency_field="company_currency_id",
        help="Open amount overdue by 1 to 30 days.",
    )
    amount_31_60 = fields.Monetary(
        string="31-60 Days Overdue",
        readonly=True,
        currency_field="company_currency_id",
        help="Open amount overdue by 31 to 60 days.",
    )
    amount_61_90 = fields.Monetary(
        string="61-90 Days Overdue",
        readonly=True,
        currency_field="company_currency_id",
        help="Open amount overdue by 61 to 90 days.",
    )
    amount_over_90 = fields.Monetary(
        string="Over 90 Days Overdue",
        readonly=True,
        currency_field="company_currency_id",
        help="Open amount overdue by more than 90 days.",
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
            groupby=["company_id", "partner_id"],
            aggregates=[
                "dunning_level:max",
                "amount_residual:sum",
                *(f"{BUCKET_AMOUNT_FIELDS[code]}:sum" for code, __ in buckets),
            ],
            order="company_id, partner_id",
        )
        tables = {}
        for company, partner, level, total, *amounts in groups:
            table = tables.setdefault(
                company,
                {
                    "company": company,
                    "currency": company.currency_id,
                    "buckets": buckets,
                    "lines": [],
                    "totals": dict.fromkeys(dict(buckets), 0.0),
                    "total": 0.0,
                },
            )
            amounts = dict(zip(dict(buckets), amounts, strict=True))
            table["lines"].append(
                {
                    "partner": partner,
                    "level": level,
                    "amounts": amounts,
                    "total": total,
                }
            )
            for bucket, amount in amounts.items():
                table["totals"][bucket] += amount
            table["total"] += total
        return list(tables.values())

    @api.model
    def _read_group_format_result(self, rows_dict, lazy_groupby):
        # Grouped by customer, the pivot has one group per customer, thousands
        # of them, whose names Odoo would read with every column of
        # res.partner, 1,000 customers per query.
        if "partner_id" in lazy_groupby:
            partners = self.env["res.partner"].union(
                *(row["partner_id"] for row in rows_dict)
            )
            partners.sudo()._dunning_fetch_display_names()
        return super()._read_group_format_result(rows_dict, lazy_groupby)

    def _bucket_sql(self, days):
        """Return the SQL ``CASE`` expression of the bucket of ``days``
        overdue (an SQL expression)."""
        cases = SQL(" ").join(
            SQL("WHEN %s <= %s THEN %s", days, bound, bucket)
            for bound, bucket in BUCKET_BOUNDS
        )
        return SQL("CASE %s ELSE %s END", cases, BUCKET_OVER_90)

    def _bucket_amounts_sql(self, days, amount):
        """Return the SQL select list of the bucket amount columns: ``amount``
        in the column of the bucket of ``days`` overdue, 0 in the others
        (SQL expressions)."""
        columns = []
        lower = None
        for bound, bucket in (*BUCKET_BOUNDS, (None, BUCKET_OVER_90)):
            conditions = []
            if lower is not None:
                conditions.append(SQL("%s > %s", days, lower))
            if bound is not None:
                conditions.append(SQL("%s <= %s", days, bound))
            columns.append(
                SQL(
                    "CASE WHEN %s THEN %s ELSE 0 END AS %s",
                    SQL(" AND ").join(conditions),
                    amount,
                    SQL.identifier(BUCKET_AMOUNT_FIELDS[bucket]),
                )
            )
            lower = bound
        return SQL(", ").join(columns)

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
                line.amount_residual AS amount_residual,
                %(bucket_amounts)s
            FROM account_move_line line
            JOIN account_move move ON move.id = line.move_id
            LEFT JOIN res_partner partner ON partner.id = line.partner_id
            -- The receivable accounts as an array, not a join: joined, the
            -- planner expects their lines to be as few as the accounts are
            -- among all, and reads the rest of the row one line at a time.
            WHERE line.account_id = ANY(ARRAY(
                    SELECT account.id
                    FROM account_account account
                    WHERE account.account_type = 'asset_receivable'
                ))
              AND line.parent_state = 'posted'
              AND NOT line.reconciled
              AND line.amount_residual != 0
            """,
            days=days,
            bucket=self._bucket_sql(days),
            bucket_amounts=self._bucket_amounts_sql(days, SQL("line.amount_residual")),
        )

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
