# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

from ..const import ACTION_MARKED_SENT, ACTION_SENT
from ..tools import sort_text

# History actions that count as a reminder sent.
SENT_ACTIONS = (ACTION_SENT, ACTION_MARKED_SENT)


class ReportDunningSummary(models.AbstractModel):
    _name = "report.dunning_levels.report_dunning_summary"
    _description = "Payment Reminders Sent Summary"

    @api.model
    def _get_report_values(self, docids, data=None):
        """Return the values of the summaries of wizards ``docids``.

        :param list docids: ``dunning.summary.wizard`` ids
        :return: rendering values, one dict per wizard under ``summaries``
        """
        wizards = self.env["dunning.summary.wizard"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "dunning.summary.wizard",
            "docs": wizards,
            "summaries": [
                self.with_company(wizard.company_id)._get_summary_values(
                    wizard.date_from, wizard.date_to, wizard.company_id
                )
                for wizard in wizards
            ],
        }

    @api.model
    def _get_sent_history_domain(self, date_from, date_to, company):
        """Return the domain of the history lines of reminders sent in the
        period, ``date_from`` and ``date_to`` included, in the user's time zone.

        TO OVERRIDE to count other events as sent.
        """
        tz = pytz.timezone(self.env.user.tz or "UTC")

        def to_utc(day):
            local = tz.localize(datetime.combine(day, time.min))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        return [
            ("company_id", "=", company.id),
            ("action", "in", SENT_ACTIONS),
            ("date", ">=", to_utc(date_from)),
            ("date", "<", to_utc(date_to + timedelta(days=1))),
        ]

    @api.model
    def _get_summary_values(self, date_from, date_to, company):
        """Return the figures of the reminders sent by ``company`` in a period.

        Amounts are the overdue amounts of the reminders when they were
        generated, converted to the company currency at the sending date. An
        invoice reminded at two levels counts in both levels, but once in the
        totals and in its customer's line, with the amount of its last
        reminder.

        :return: dict with the keys ``company``, ``currency``, ``date_from``,
            ``date_to``, ``levels`` (one dict per level sent: ``level``
            number, ``name``, ``invoice_count``, ``customer_count``,
            ``amount``), ``total`` (``invoice_count``, ``customer_count``,
            ``amount``) and ``customers`` (one dict per customer, by name:
            ``partner``, ``invoice_count``, ``levels`` (sorted level numbers)
            and ``levels_label`` (the same as text), ``last_date`` (of the
            last reminder sent), ``amount``)
        """
        histories = self.env["dunning.history"].search(
            self._get_sent_history_domain(date_from, date_to, company),
            order="date, id",
        )
        currency = company.currency_id
        amounts = self._get_sent_history_amounts(histories, company)
        customers = self._get_summary_customer_values(histories, amounts, currency)
        return {
            "company": company,
            "currency": currency,
            "date_from": date_from,
            "date_to": date_to,
            "levels": self._get_summary_level_values(histories, amounts, company),
            "total": {
                "invoice_count": len(histories.move_id),
                "customer_count": len(histories.partner_id),
                "amount": currency.round(
                    sum(customer["amount"] for customer in customers)
                ),
            },
            "customers": customers,
        }

    @api.model
    def _get_sent_history_amounts(self, histories, company):
        """Return the amount each history line of a sent reminder counts for:
        the overdue amount of its reminder when it was generated, converted to
        the company currency at the sending date (0 without reminder).

        :param histories: ``dunning.history`` records
        :param company: ``res.company`` whose currency the amounts are in
        :return: ``{dunning.history record: amount}``
        """
        currency = company.currency_id
        return {
            history: (
                history.reminder_id.currency_id._convert(
                    history.reminder_id.amount_overdue,
                    currency,
                    company,
                    history.date.date(),
                )
                if history.reminder_id
                else 0.0
            )
            for history in histories
        }

    @api.model
    def _get_summary_level_values(self, histories, amounts, company):
        """Return the figures of each level sent, by level number.

        A reminder sent twice counts once in its level's amount.

        :param histories: ``dunning.history`` records of the reminders sent,
            by date
        :param dict amounts: amount of each history line, see
            :meth:`_get_sent_history_amounts`
        :param company: ``res.company`` of the summary
        :return: list of dicts with the keys ``level`` (number), ``name``,
            ``invoice_count``, ``customer_count`` and ``amount``
        """
        level_names = {
            level.level: level.name
            for level in self.env["dunning.level"]
            .with_context(active_test=False)
            .search([("company_id", "=", company.id)])
        }
        by_level = {}
        seen_reminders = set()
        for history in histories:
            level = by_level.setdefault(
                history.level, {"moves": set(), "partners": set(), "amount": 0.0}
            )
            level["moves"].add(history.move_id)
            level["partners"].add(history.partner_id)
            if history.reminder_id not in seen_reminders:
                level["amount"] += amounts[history]
            seen_reminders.add(history.reminder_id)
        return [
            {
                "level": number,
                "name": level_names.get(number, ""),
                "invoice_count": len(values["moves"]),
                "customer_count": len(values["partners"]),
                "amount": company.currency_id.round(values["amount"]),
            }
            for number, values in sorted(by_level.items())
        ]

    @api.model
    def _get_summary_customer_values(self, histories, amounts, currency):
        """Return the figures of each customer reminded, by name.

        An invoice reminded several times counts once, with the amount of its
        last reminder.

        :param histories: ``dunning.history`` records of the reminders sent,
            by date
        :param dict amounts: amount of each history line, see
            :meth:`_get_sent_history_amounts`
        :param currency: ``res.currency`` of the amounts
        :return: list of dicts with the keys ``partner``, ``invoice_count``,
            ``levels`` (sorted level numbers) and ``levels_label`` (the same
            as text), ``last_date`` (of the last reminder sent) and ``amount``
        """
        by_customer = {}
        for history in histories:
            customer = by_customer.setdefault(
                history.partner_id, {"amounts": {}, "levels": set()}
            )
            # Histories come by date: the invoice's last reminder wins.
            customer["amounts"][history.move_id] = amounts[history]
            customer["levels"].add(history.level)
            customer["last_date"] = fields.Datetime.context_timestamp(
                self, history.date
            ).date()
        return [
            {
                "partner": partner,
                "invoice_count": len(values["amounts"]),
                "levels": sorted(values["levels"]),
                "levels_label": ", ".join(str(n) for n in sorted(values["levels"])),
                "last_date": values["last_date"],
                "amount": currency.round(sum(values["amounts"].values())),
            }
            for partner, values in sorted(
                by_customer.items(), key=lambda item: self._get_name_sort_key(item[0])
            )
        ]

    @api.model
    def _get_name_sort_key(self, partner):
        """Sort key of a customer by name, accents ignored (É with E)."""
        return (sort_text(partner.name), partner.id)
