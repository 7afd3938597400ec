# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.tools import SQL

from ..const import (
    ANSWER_DISPUTE,
    ANSWER_PROMISE,
    ANSWER_STATE_BROKEN,
    ANSWER_STATE_CREDITED,
    ANSWER_STATE_KEPT,
    ANSWER_STATE_RESOLVED,
    LEVELS,
    STATE_DRAFT,
)
from ..report.dunning_ageing_report import BUCKET_NOT_DUE

# Period of the median days to payment and of the customers' answers: the
# last year.
MEDIAN_PERIOD_DAYS = 365


class DunningReminder(models.Model):
    """The dashboard at the top of the reminders' workspace: what is overdue
    by level, what is to send, what the reminders recovered this month and
    how fast each level gets paid."""

    _inherit = "dunning.reminder"

    @api.model
    def get_dashboard_data(self):
        """Return the dashboard's figures, each with the window action listing
        the records it counts, in one call.

        Read through the reporting models and the reminders with the user's
        rights: the figures cover the companies selected in the company
        switcher only, as the lists they open. The amounts add up these
        companies' amounts in their currency: the current company's when they
        share it.

        :return: ``{"currency_id": id of the current company's currency,
            "overdue": [{"level", "label", "amount", "action"}] (one per level
            from 0, never reminded, up),
            "to_send": {"count", "action"},
            "recovered": {"amount", "action"},
            "median_days": [{"level", "label", "days", "action"}],
            "answers": [{"key", "label", "count", "action"}]}``
        :raise AccessError: when the user may not read payment reminders
        """
        self.check_access("read")
        today = fields.Date.context_today(self)
        return {
            "currency_id": self.env.company.currency_id.id,
            "overdue": self._get_dashboard_overdue(),
            "to_send": self._get_dashboard_to_send(),
            "recovered": self._get_dashboard_recovered(today),
            "median_days": self._get_dashboard_median_days(today),
            "answers": self._get_dashboard_answers(today),
        }

    @api.model
    def _get_dashboard_base_action(self, xml_id, context=None):
        """Return the window action ``xml_id`` as a dict, with ``context``
        instead of its own, for :meth:`_get_dashboard_figure_action`."""
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        action["context"] = context or {}
        return action

    @api.model
    def _get_dashboard_figure_action(self, action, domain, name=None):
        """Return a copy of the window action dict ``action`` on ``domain``,
        its list first, named ``name`` (default: the action's name)."""
        return dict(
            action,
            domain=domain,
            name=name or action["name"],
            views=sorted(action["views"], key=lambda view: view[1] != "list"),
        )

    @api.model
    def _get_dashboard_overdue_domain(self):
        """Return the domain of the overdue installments of the customer
        invoices, on ``dunning.ageing.report``.

        TO OVERRIDE to change what the dashboard counts as overdue.
        """
        return [
            ("move_type", "in", ("out_invoice", "out_receipt")),
            ("bucket", "!=", BUCKET_NOT_DUE),
            ("amount_residual", ">", 0),
        ]

    @api.model
    def _get_dashboard_overdue(self):
        domain = self._get_dashboard_overdue_domain()
        amounts = dict(
            self.env["dunning.ageing.report"]._read_group(
                domain, groupby=["dunning_level"], aggregates=["amount_residual:sum"]
            )
        )
        action = self._get_dashboard_base_action(
            "dunning_levels.dunning_ageing_report_action"
        )
        figures = []
        for level in (0, *LEVELS):
            label = (
                self.env._("Never reminded")
                if not level
                else self.env._("Level %(level)s", level=level)
            )
            figures.append(
                {
                    "level": level,
                    "label": label,
                    "amount": amounts.get(level, 0.0),
                    "action": self._get_dashboard_figure_action(
                        action,
                        domain + [("dunning_level", "=", level)],
                        name=self.env._("Overdue: %(level)s", level=label),
                    ),
                }
            )
        return figures

    @api.model
    def _get_dashboard_to_send(self):
        domain = [("state", "=", STATE_DRAFT)]
        return {
            "count": self.search_count(domain),
            "action": self._get_dashboard_figure_action(
                self._get_dashboard_base_action(
                    "dunning_levels.dunning_reminder_action",
                    context={"search_default_filter_draft": 1},
                ),
                [],
            ),
        }

    @api.model
    def _get_dashboard_recovered(self, today):
        """Amount the reminders recovered this month: what their invoices
        paid after them, for the reminders whose last payment was received
        this month."""
        domain = [
            ("recovery_date", ">=", today.replace(day=1)),
            ("recovery_date", "<=", today),
            ("amount_recovered", "!=", 0),
        ]
        [(amount,)] = self.env["dunning.effectiveness.report"]._read_group(
            domain, aggregates=["amount_recovered:sum"]
        )
        return {
            "amount": amount or 0.0,
            "action": self._get_dashboard_figure_action(
                self._get_dashboard_base_action(
                    "dunning_levels.dunning_effectiveness_report_action"
                ),
                domain,
                name=self.env._("Recovered This Month"),
            ),
        }

    @api.model
    def _get_dashboard_median_days(self, today):
        """Median days from a reminder to the payment of its invoice, by
        level, over the reminders sent in the last year that got their
        invoice paid.

        A median is no aggregate the views can group by: it is computed here,
        in one query, on the rows the user may read.
        """
        report = self.env["dunning.effectiveness.report"]
        domain = [
            ("paid_count", "=", 1),
            ("date", ">", fields.Date.subtract(today, days=MEDIAN_PERIOD_DAYS)),
        ]
        query = report._search(domain)
        query.groupby = SQL.identifier(query.table, "level")
        self.env.cr.execute(
            query.select(
                SQL.identifier(query.table, "level"),
                SQL(
                    "percentile_cont(0.5) WITHIN GROUP (ORDER BY %s)",
                    SQL.identifier(query.table, "days_to_payment"),
                ),
            )
        )
        medians = dict(self.env.cr.fetchall())
        labels = dict(report._fields["level"]._description_selection(self.env))
        action = self._get_dashboard_base_action(
            "dunning_levels.dunning_effectiveness_report_action"
        )
        return [
            {
                "level": level,
                "label": labels.get(str(level), str(level)),
                "days": medians.get(str(level)),
                "action": self._get_dashboard_figure_action(
                    action,
                    domain + [("level", "=", str(level))],
                    name=self.env._(
                        "Paid after a reminder: %(level)s",
                        level=labels.get(str(level), str(level)),
                    ),
                ),
            }
            for level in LEVELS
        ]

    @api.model
    def _get_dashboard_answers_domains(self, since):
        """Return the customers' answers the dashboard counts, closed (or
        opened) after ``since``: ``[(key, label, domain on dunning.answer)]``.

        TO OVERRIDE to count other outcomes.
        """
        closed = [("date_closed", ">", since)]
        return [
            (
                "promise_kept",
                self.env._("Promises kept"),
                [("kind", "=", ANSWER_PROMISE), ("state", "=", ANSWER_STATE_KEPT)]
                + closed,
            ),
            (
                "promise_broken",
                self.env._("Promises broken"),
                [("kind", "=", ANSWER_PROMISE), ("state", "=", ANSWER_STATE_BROKEN)]
                + closed,
            ),
            (
                "dispute_opened",
                self.env._("Disputes opened"),
                [("kind", "=", ANSWER_DISPUTE), ("create_date", ">", since)],
            ),
            (
                "dispute_resolved",
                self.env._("Disputes resolved"),
                [
                    ("kind", "=", ANSWER_DISPUTE),
                    ("state", "in", (ANSWER_STATE_RESOLVED, ANSWER_STATE_CREDITED)),
                ]
                + closed,
            ),
        ]

    @api.model
    def _get_dashboard_answers(self, today):
        """What the customers answered to the reminders over the last year:
        promises to pay kept and broken, disputes opened and resolved (a
        credit note settling a dispute resolves it too). One count each."""
        answers = self.env["dunning.answer"]
        action = self._get_dashboard_base_action("dunning_levels.dunning_answer_action")
        since = fields.Date.subtract(today, days=MEDIAN_PERIOD_DAYS)
        return [
            {
                "key": key,
                "label": label,
                "count": answers.search_count(domain),
                "action": self._get_dashboard_figure_action(action, domain, name=label),
            }
            for key, label, domain in self._get_dashboard_answers_domains(since)
        ]
