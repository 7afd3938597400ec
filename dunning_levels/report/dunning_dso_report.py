# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models
from odoo.tools import SQL

# Months of the trend, the current one included.
DSO_MONTHS = 12


class DunningDsoReport(models.Model):
    """Days sales outstanding (DSO) of each company, month by month over the
    last twelve months, the current month included.

    Standard method: the receivables at the end of the month divided by the
    sales of the month, times the days of the month. The receivables are the
    balance of the receivable accounts at the month's last day (invoices not
    paid yet, less credit notes and payments not matched); the sales are what
    the customer invoices and credit notes of the month put on them, taxes
    included, as the receivables are. The current month counts up to today:
    its receivables are today's, its days those elapsed.

    A database view: "today" is the database's ``CURRENT_DATE`` (UTC).
    """

    _name = "dunning.dso.report"
    _description = "Days Sales Outstanding"
    _auto = False
    _order = "date desc, company_id"
    _rec_name = "date"
    # Flushed before the view is read.
    _depends = {
        "account.account": ["account_type"],
        "account.move": ["move_type"],
        "account.move.line": [
            "move_id",
            "account_id",
            "company_id",
            "date",
            "parent_state",
            "balance",
        ],
        "res.company": ["currency_id"],
    }

    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    company_currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    date = fields.Date(string="Month", readonly=True)
    receivable_amount = fields.Monetary(
        string="Receivables at Month End",
        readonly=True,
        currency_field="company_currency_id",
        aggregator="avg",
        help="Balance of the receivable accounts on the last day of the month "
        "(today for the current month), in the company currency.",
    )
    sales_amount = fields.Monetary(
        string="Sales of the Month",
        readonly=True,
        currency_field="company_currency_id",
        help="Customer invoices less credit notes of the month, taxes "
        "included, in the company currency.",
    )
    days = fields.Integer(
        string="Days of the Month",
        readonly=True,
        aggregator="max",
        help="Days of the month; for the current month, the days up to today.",
    )
    dso = fields.Float(
        string="DSO (Days)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Days sales outstanding, standard method: receivables at month end "
        "/ sales of the month x days of the month. Empty when the month had no "
        "sales. The average of the months when grouped.",
    )

    def _query(self):
        """Return the query of the view.

        TO OVERRIDE to change what counts as sales or receivables: wrap this
        query, never edit it in place.
        """
        return SQL(
            """
            WITH month AS (
                SELECT generate_series(
                           date_trunc('month', CURRENT_DATE)
                               - %(months)s * interval '1 month',
                           date_trunc('month', CURRENT_DATE),
                           interval '1 month'
                       )::date AS date
            ),
            movement AS (
                SELECT line.company_id,
                       date_trunc('month', line.date)::date AS date,
                       SUM(line.balance) AS balance,
                       SUM(line.balance) FILTER (
                           WHERE move.move_type IN
                               ('out_invoice', 'out_refund', 'out_receipt')
                       ) AS sales
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                  JOIN account_account account ON account.id = line.account_id
                 WHERE account.account_type = 'asset_receivable'
                   AND line.parent_state = 'posted'
                   AND line.date <= CURRENT_DATE
                 GROUP BY line.company_id, date_trunc('month', line.date)
            ),
            company_month AS (
                SELECT company.id AS company_id,
                       company.currency_id AS company_currency_id,
                       month.date,
                       LEAST(
                           (month.date + interval '1 month')::date,
                           CURRENT_DATE + 1
                       ) - month.date AS days
                  FROM res_company company
                 CROSS JOIN month
                 WHERE company.id IN (SELECT company_id FROM movement)
            ),
            figure AS (
                SELECT company_month.*,
                       (SELECT COALESCE(SUM(movement.balance), 0)
                          FROM movement
                         WHERE movement.company_id = company_month.company_id
                           AND movement.date <= company_month.date
                       ) AS receivable_amount,
                       COALESCE(sale.sales, 0) AS sales_amount
                  FROM company_month
                  LEFT JOIN movement sale
                    ON sale.company_id = company_month.company_id
                   AND sale.date = company_month.date
            )
            SELECT ROW_NUMBER() OVER (ORDER BY figure.company_id, figure.date)
                       AS id,
                   figure.company_id,
                   figure.company_currency_id,
                   figure.date,
                   figure.receivable_amount,
                   figure.sales_amount,
                   figure.days,
                   ROUND(
                       (figure.receivable_amount / NULLIF(figure.sales_amount, 0)
                        * figure.days)::numeric,
                       1
                   ) AS dso
              FROM figure
            """,
            months=DSO_MONTHS - 1,
        )

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
