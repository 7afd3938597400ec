# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models
from odoo.tools import SQL

from ..const import ACTION_MARKED_SENT, ACTION_SENT


class DunningEffectivenessReport(models.Model):
    """What each reminder sent brought in: one row per reminder sent through
    one channel (a history line "sent" or "marked as sent").

    Each payment of an invoice is credited to the last reminder of the
    invoice sent before it: a reminder recovers the payments received from
    the day it was sent until the day the invoice's next reminder was sent,
    and the invoice counts as paid after it when its full payment falls in
    that period. The rows therefore add up: the amounts recovered by level 1
    and by level 2 of one invoice are different payments. A reminder sent
    through several channels (an email and a letter) has one row per channel,
    its recovered amount shared equally between them.

    Payments are the matches of the invoice with a payment or bank entry;
    credit notes are not counted as recovered. A database view: the dates
    of sending are those of the server (UTC).
    """

    _name = "dunning.effectiveness.report"
    _description = "Payment Reminder Effectiveness"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "move_id"
    # Flushed before the view is read.
    _depends = {
        "account.account": ["account_type"],
        "account.move": ["move_type", "payment_state", "invoice_user_id"],
        "account.move.line": ["move_id", "account_id"],
        "account.partial.reconcile": [
            "debit_move_id",
            "credit_move_id",
            "amount",
            "max_date",
        ],
        "dunning.history": [
            "reminder_id",
            "move_id",
            "partner_id",
            "company_id",
            "user_id",
            "level",
            "channel",
            "action",
            "date",
        ],
        "res.company": ["currency_id"],
    }

    move_id = fields.Many2one(
        comodel_name="account.move", string="Invoice", readonly=True
    )
    reminder_id = fields.Many2one(comodel_name="dunning.reminder", readonly=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Customer", readonly=True
    )
    invoice_user_id = fields.Many2one(
        comodel_name="res.users", string="Salesperson", readonly=True
    )
    user_id = fields.Many2one(comodel_name="res.users", string="Sent By", readonly=True)
    company_id = fields.Many2one(comodel_name="res.company", readonly=True)
    company_currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    level = fields.Selection(
        selection=[("1", "Level 1"), ("2", "Level 2"), ("3", "Level 3")],
        string="Reminder Level",
        readonly=True,
    )
    channel = fields.Selection(
        selection=lambda self: list(
            self.env["dunning.reminder"]._get_channel_labels().items()
        ),
        readonly=True,
    )
    date = fields.Date(string="Sent On", readonly=True)
    next_date = fields.Date(
        string="Next Reminder On",
        readonly=True,
        help="Date the invoice's next reminder was sent: the payments received "
        "from then on are credited to it.",
    )
    paid_date = fields.Date(
        string="Paid On",
        readonly=True,
        help="Date of the payment that settled the invoice, when it came after "
        "this reminder and before the next one.",
    )
    days_to_payment = fields.Integer(
        readonly=True,
        aggregator="avg",
        help="Days from the reminder to the full payment of the invoice; the "
        "average when grouped. The median by level is on the workspace's "
        "dashboard.",
    )
    paid_count = fields.Integer(
        string="Paid",
        readonly=True,
        help="1 when the invoice was paid in full after this reminder, before "
        "the next one; the number of such reminders when grouped.",
    )
    paid_7_count = fields.Integer(
        string="Paid within 7 Days",
        readonly=True,
        help="Reminders whose invoice was paid in full within 7 days.",
    )
    paid_15_count = fields.Integer(
        string="Paid within 15 Days",
        readonly=True,
        help="Reminders whose invoice was paid in full within 15 days.",
    )
    paid_30_count = fields.Integer(
        string="Paid within 30 Days",
        readonly=True,
        help="Reminders whose invoice was paid in full within 30 days.",
    )
    amount_recovered = fields.Monetary(
        readonly=True,
        currency_field="company_currency_id",
        help="Payments received after this reminder and before the invoice's "
        "next one, in the company currency (shared between the channels of a "
        "reminder sent through several).",
    )
    recovery_date = fields.Date(
        string="Last Payment On",
        readonly=True,
        help="Date of the last payment credited to this reminder.",
    )

    def _query(self):
        """Return the query of the view.

        TO OVERRIDE to add columns: wrap this query, never edit it in place.
        """
        return SQL(
            """
            WITH sending AS (
                SELECT history.reminder_id,
                       history.move_id,
                       MIN(history.date)::date AS date,
                       COUNT(*) AS channel_count
                  FROM dunning_history history
                 WHERE history.action IN %(actions)s
                   AND history.reminder_id IS NOT NULL
                 GROUP BY history.reminder_id, history.move_id
            ),
            period AS (
                SELECT sending.*,
                       LEAD(sending.date) OVER (
                           PARTITION BY sending.move_id
                           ORDER BY sending.date, sending.reminder_id
                       ) AS next_date
                  FROM sending
            ),
            payment AS (
                SELECT debit.move_id, partial.max_date AS date, partial.amount
                  FROM account_partial_reconcile partial
                  JOIN account_move_line debit ON debit.id = partial.debit_move_id
                  JOIN account_move_line credit
                    ON credit.id = partial.credit_move_id
                  JOIN account_move credit_move ON credit_move.id = credit.move_id
                  JOIN account_account account ON account.id = debit.account_id
                 WHERE account.account_type = 'asset_receivable'
                   AND credit_move.move_type = 'entry'
                   AND debit.move_id IN (SELECT move_id FROM sending)
            ),
            settlement AS (
                SELECT debit.move_id, MAX(partial.max_date) AS date
                  FROM account_partial_reconcile partial
                  JOIN account_move_line debit ON debit.id = partial.debit_move_id
                  JOIN account_move move ON move.id = debit.move_id
                  JOIN account_account account ON account.id = debit.account_id
                 WHERE account.account_type = 'asset_receivable'
                   AND move.payment_state IN ('paid', 'in_payment')
                   AND debit.move_id IN (SELECT move_id FROM sending)
                 GROUP BY debit.move_id
            ),
            recovery AS (
                SELECT period.reminder_id,
                       SUM(payment.amount) AS amount,
                       MAX(payment.date) AS date
                  FROM period
                  JOIN payment ON payment.move_id = period.move_id
                   AND payment.date >= period.date
                   AND (period.next_date IS NULL OR payment.date < period.next_date)
                 GROUP BY period.reminder_id
            ),
            credited AS (
                SELECT period.reminder_id,
                       period.date,
                       period.next_date,
                       period.channel_count,
                       CASE WHEN settlement.date >= period.date
                             AND (period.next_date IS NULL
                                  OR settlement.date < period.next_date)
                            THEN settlement.date
                       END AS paid_date,
                       recovery.amount,
                       recovery.date AS recovery_date
                  FROM period
                  LEFT JOIN settlement ON settlement.move_id = period.move_id
                  LEFT JOIN recovery ON recovery.reminder_id = period.reminder_id
            )
            SELECT history.id AS id,
                   history.move_id AS move_id,
                   history.reminder_id AS reminder_id,
                   history.partner_id AS partner_id,
                   move.invoice_user_id AS invoice_user_id,
                   history.user_id AS user_id,
                   history.company_id AS company_id,
                   company.currency_id AS company_currency_id,
                   history.level::varchar AS level,
                   history.channel AS channel,
                   credited.date AS date,
                   credited.next_date AS next_date,
                   credited.paid_date AS paid_date,
                   credited.paid_date - credited.date AS days_to_payment,
                   (credited.paid_date IS NOT NULL)::int AS paid_count,
                   COALESCE(credited.paid_date - credited.date <= 7, FALSE)::int
                       AS paid_7_count,
                   COALESCE(credited.paid_date - credited.date <= 15, FALSE)::int
                       AS paid_15_count,
                   COALESCE(credited.paid_date - credited.date <= 30, FALSE)::int
                       AS paid_30_count,
                   COALESCE(credited.amount, 0) / credited.channel_count
                       AS amount_recovered,
                   credited.recovery_date AS recovery_date
              FROM dunning_history history
              JOIN credited ON credited.reminder_id = history.reminder_id
              JOIN account_move move ON move.id = history.move_id
              JOIN res_company company ON company.id = history.company_id
             WHERE history.action IN %(actions)s
            """,
            actions=(ACTION_SENT, ACTION_MARKED_SENT),
        )

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
