# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import format_date

from ..const import ACTION_COURTESY, CHANNEL_EMAIL

_logger = logging.getLogger(__name__)

# Invoices notified per call of the courtesy notice cron; the cron framework
# commits after each call and calls again while invoices remain.
COURTESY_BATCH_SIZE = 500


class AccountMove(models.Model):
    """The courtesy notice: an email reminding the customer, a few days
    before the due date, that an invoice falls due. Optional (company
    setting), sent once per invoice, recorded in the history; it is no
    reminder level: the invoice's level and last reminder do not change."""

    _inherit = "account.move"

    dunning_courtesy_date = fields.Date(
        string="Courtesy Notice Sent On",
        readonly=True,
        copy=False,
        help="Day the customer was emailed that this invoice falls due soon.",
    )

    @api.model
    def _cron_send_courtesy_notices(self, batch_size=COURTESY_BATCH_SIZE):
        """Scheduled action: email the courtesy notices due today in each
        company that sends them.

        Sends at most ``batch_size`` notices per call and reports its
        progress: the cron framework commits and calls again while notices
        remain. One company's error is logged and spares the others.
        """
        today = fields.Date.context_today(self)
        done = remaining = 0
        companies = self.env["res.company"].search(
            [("dunning_courtesy_notice", "=", True)]
        )
        for company in companies:
            moves = self.with_company(company)
            budget = max(batch_size - done, 0)
            try:
                with self.env.cr.savepoint():
                    due = moves._get_courtesy_notice_due(company, today)
                    sent = moves._send_courtesy_notices(
                        dict(list(due.items())[:budget]), today
                    )
            except Exception:
                _logger.exception(
                    "Courtesy notices of company %s (%s) not sent",
                    company.id,
                    company.name,
                )
                continue
            done += len(sent)
            remaining += max(len(due) - budget, 0)
        _logger.info(
            "Sent %s courtesy notice(s), %s remaining",
            done,
            remaining,
        )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)

    @api.model
    def _get_courtesy_notice_domain(self, company):
        """Return the domain of the invoices of ``company`` that may get a
        courtesy notice: those that may be reminded (not paid, not excluded,
        customer not excluded) and not notified yet.

        TO OVERRIDE to exclude more invoices. Every term must be a plain
        ``(field, operator, value)`` triple: it is also applied to the
        invoices' lines.
        """
        return [
            *self._get_dunning_eligible_domain(company),
            ("dunning_courtesy_date", "=", False),
        ]

    @api.model
    def _get_courtesy_notice_due(self, company, date):
        """Return the invoices of ``company`` whose courtesy notice is due on
        ``date``: an unpaid installment falls due within the company's
        number of days, none is overdue yet, and they have no notice yet.

        One aggregate over the receivable lines, one over the overdue ones.

        :return: ``{invoice: {"date_maturity": the next due date,
            "amount": what falls due then, in the invoice currency}}``,
            sorted by due date
        """
        horizon = date + timedelta(days=company.dunning_courtesy_days)
        move_domain = self._get_courtesy_notice_domain(company)
        groups = self.env["account.move.line"]._read_group(
            [
                # The unpaid installments that will be overdue the day after
                # the horizon and are not yet.
                *self._get_dunning_overdue_line_domain(horizon + timedelta(days=1)),
                ("date_maturity", ">", date),
                *[
                    (f"move_id.{fname}", operator, value)
                    for fname, operator, value in move_domain
                ],
            ],
            groupby=["move_id", "date_maturity:day"],
            aggregates=["amount_residual_currency:sum"],
            order="date_maturity:day, move_id",
        )
        if not groups:
            return {}
        moves = self.browse({move.id for move, __, __ in groups})
        overdue = self._dunning_read_overdue([("id", "in", moves.ids)], date)
        due = {}
        for move, date_maturity, amount in groups:
            if move.id in overdue or move in due:
                continue
            due[move] = {"date_maturity": date_maturity, "amount": amount}
        return due

    @api.model
    def _send_courtesy_notices(self, due, date):
        """Email the courtesy notice of each invoice of ``due`` (see
        :meth:`_get_courtesy_notice_due`) in its chatter, and record it.

        An invoice whose customer has no email address is skipped (and
        tried again the next days until it falls due); one whose email
        fails to render is logged and skipped.

        :return: the invoices notified
        """
        sent = self.browse()
        if not due:
            return sent
        template = self.env.company._dunning_get_courtesy_template()
        if not template:
            _logger.warning(
                "Courtesy notices of company %s not sent: no mail template.",
                self.env.company.id,
            )
            return sent
        for move, values in due.items():
            if not move.partner_id.email:
                continue
            try:
                with self.env.cr.savepoint():
                    move._send_courtesy_notice(template, values)
            except Exception:
                _logger.exception("Courtesy notice of invoice %s not sent", move.id)
                continue
            sent |= move
        sent.write({"dunning_courtesy_date": date})
        sent._log_courtesy_history(due)
        return sent

    def _send_courtesy_notice(self, template, values):
        """Post the courtesy notice of this invoice in its chatter, emailed
        to its customer (the template's recipients) through the mail queue.

        :param template: ``mail.template`` of ``account.move``
        :param dict values: the installment's ``date_maturity`` and
            ``amount`` (see :meth:`_get_courtesy_notice_due`), given to the
            template as ``ctx``
        :return: the posted ``mail.message``
        """
        self.ensure_one()
        return self.with_context(
            mail_notify_force_send=False,
            dunning_courtesy_date_due=values["date_maturity"],
            dunning_courtesy_amount=values["amount"],
        ).message_post_with_source(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    def _log_courtesy_history(self, due):
        """Write one ``courtesy`` history line per invoice: no level, by
        email, with the due date it announced."""
        self.env["dunning.history"].sudo().create(
            [
                {
                    "move_id": move.id,
                    "level": 0,
                    "channel": CHANNEL_EMAIL,
                    "action": ACTION_COURTESY,
                    "note": self.env._(
                        "Courtesy notice: due on %(date)s.",
                        date=format_date(self.env, due[move]["date_maturity"]),
                    ),
                }
                for move in self
            ]
        )
