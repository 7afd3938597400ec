# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""French legal mentions of the communications about invoices: penalties,
indemnity, legal basis and formal notice wording."""

from odoo import models
from odoo.tools import formatLang


class AccountMove(models.Model):
    _inherit = "account.move"

    # ------------------------------------------------------------
    # LEGAL MENTIONS
    # ------------------------------------------------------------

    def _dunning_fr_get_legal_text(self, level, values):
        """Return the legal mention printed under the penalties.

        :param level: ``dunning.level`` whose own text wins when set
        :param dict values: see :meth:`_dunning_fr_get_mentions`
        """
        if level.fr_legal_text:
            return level.fr_legal_text
        if values["is_b2b"]:
            return self.env._(
                "Under article L441-10 of the French Code de commerce, late-payment "
                "penalties are due from the day after the due date, without any "
                "reminder being necessary, at the annual rate of %(rate)s, and a "
                "fixed indemnity for recovery costs of %(indemnity)s is due for "
                "each invoice paid late (article D441-5).",
                rate=values["rate_text"],
                indemnity=values["indemnity_unit_text"],
            )
        return self.env._(
            "Under articles 1231-6 and 1344-1 of the French Civil Code, interest "
            "at the legal rate (%(rate)s) runs on the amounts due from the formal "
            "notice.",
            rate=values["rate_text"],
        )

    def _dunning_fr_get_notice_text(self, level):
        """Return the formal notice wording of a communication at ``level``.

        :param level: ``dunning.level`` at the formal notice
        """
        return self.env._(
            "This letter is a formal notice (mise en demeure) within the "
            "meaning of article 1344 of the French Civil Code. Failing full "
            "payment within %(days)s days of its receipt, we will refer the "
            "matter to the competent court, in particular by an order for "
            "payment procedure (injonction de payer), without further notice "
            "and at your expense. Late-payment interest keeps accruing until "
            "full payment.",
            days=level.payment_deadline_days,
        )

    def _dunning_fr_fetch_penalty_data(self):
        """Fetch what the penalties of these invoices read (their lines and
        payments), in three queries whatever their number. Records already
        in the cache are skipped without a query: an email of a sending
        finds them read ahead for the whole sending."""
        cache = self.env.cache
        lines = self.line_ids
        lines.browse(
            cache.get_missing_ids(lines, lines._fields["matched_credit_ids"])
        ).fetch(
            ["account_type", "date_maturity", "amount_currency", "matched_credit_ids"]
        )
        partials = lines.matched_credit_ids
        partials.browse(
            cache.get_missing_ids(partials, partials._fields["debit_amount_currency"])
        ).fetch(["max_date", "debit_amount_currency"])

    def _dunning_fr_get_late_penalty_values(self, date=None):
        """Return the penalty values of the late invoices among these.

        What the penalties read is fetched for all the invoices at once
        rather than invoice by invoice.

        :param date: computation date (default: today)
        :return: list of dicts (see :meth:`_dunning_fr_get_penalty_values`)
        """
        self._dunning_fr_fetch_penalty_data()
        return [
            values
            for values in (
                invoice._dunning_fr_get_penalty_values(date) for invoice in self
            )
            if values["is_late"]
        ]

    def _dunning_fr_get_mentions(self, level, date=None):
        """Return the French mentions of one communication about these
        invoices (one customer and currency) at ``level``.

        :param level: ``dunning.level`` of the communication (may be empty)
        :param date: computation date (default: today)
        :return: dict with ``show``, ``show_penalties``,
            ``show_indemnity``, ``is_b2b``, ``lines`` (penalty values of
            the late invoices), ``currency``, ``total_penalty``,
            ``total_indemnity``, ``total``, ``rate_text``,
            ``indemnity_unit_text``, ``legal_text``, ``is_formal_notice``,
            ``notice_days`` and ``notice_text``
        """
        # The prefetch of ``self`` is kept: when it covers several
        # communications, their reminders are read once for all.
        invoices = self.filtered(lambda m: m.move_type == "out_invoice").with_prefetch(
            self._prefetch_ids
        )
        company = invoices.company_id[:1] or self.env.company
        currency = invoices.currency_id[:1] or company.currency_id
        is_b2b = bool(invoices) and invoices[0]._dunning_fr_is_b2b()
        show_penalties = bool(level) and level.fr_show_penalties
        show_indemnity = bool(level) and level.fr_show_indemnity and is_b2b
        lines = invoices._dunning_fr_get_late_penalty_values(date)
        rates = {line["rate"] for line in lines if line["rate"] is not None}
        is_formal_notice = bool(level) and level.is_formal_notice
        values = {
            "is_b2b": is_b2b,
            "lines": lines,
            "currency": currency,
            "show_penalties": show_penalties,
            "show_indemnity": show_indemnity,
            "total_penalty": currency.round(sum(line["penalty"] for line in lines)),
            "total_indemnity": currency.round(sum(line["indemnity"] for line in lines)),
            "rate_text": ", ".join(
                f"{formatLang(self.env, rate, digits=2)} %" for rate in sorted(rates)
            ),
            "indemnity_unit_text": formatLang(
                self.env,
                company.dunning_fr_indemnity_amount,
                currency_obj=company.currency_id,
            ),
            "is_formal_notice": is_formal_notice,
            "notice_days": level.payment_deadline_days if level else 0,
            "show": bool(
                is_formal_notice or (lines and (show_penalties or show_indemnity))
            ),
        }
        values["total"] = currency.round(
            (values["total_penalty"] if show_penalties else 0.0)
            + (values["total_indemnity"] if show_indemnity else 0.0)
        )
        values["legal_text"] = self[:1]._dunning_fr_get_legal_text(level, values)
        values["notice_text"] = (
            self._dunning_fr_get_notice_text(level) if is_formal_notice else ""
        )
        return values
