# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import base64
import csv
import io
import zipfile
from datetime import date as date_cls
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, format_datetime, formatLang

from odoo.addons.dunning_levels.models.dunning_level import FORMAL_NOTICE_LEVEL

# Days of a year in the penalty formula amount x rate x days / 365. Kept at
# 365 in leap years too: 29 February is one more day late, not a shorter day.
DAYS_PER_YEAR = 365
# Limitation periods: 5 years between professionals (L110-4 C. com.), 2 years
# against consumers (L218-2 C. conso.).
PRESCRIPTION_YEARS = {True: 5, False: 2}
# A spreadsheet opening a CSV file runs a cell starting with one of these as a
# formula.
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _safe(name):
    """Return ``name`` usable as a file name in an archive (invoice numbers
    hold slashes)."""
    return (name or "").replace("/", "-").replace("\\", "-")


def _csv_text(value):
    """Return ``value`` as a CSV cell a spreadsheet shows as text: text that
    would start a formula (a user's name, a note typed in) gets a leading
    quote."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_PREFIXES):
        return f"'{value}"
    return value


class AccountMove(models.Model):
    _inherit = "account.move"

    dunning_fr_penalty_move_id = fields.Many2one(
        comodel_name="account.move",
        string="Penalty Invoice",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Invoice claiming the late-payment penalties and the recovery "
        "indemnity of this invoice.",
    )
    dunning_fr_prescription_date = fields.Date(
        string="Prescription Date",
        compute="_compute_dunning_fr_prescription",
        help="Day the limitation period of this invoice ends: 5 years after its "
        "due date against a professional, 2 years against a consumer. A formal "
        "notice does not interrupt it; a court action does.",
    )
    dunning_fr_prescription_soon = fields.Boolean(
        string="Prescription Soon",
        compute="_compute_dunning_fr_prescription",
        search="_search_dunning_fr_prescription_soon",
        help="Unpaid invoice whose limitation period ends within the warning "
        "period set on the company.",
    )

    # ------------------------------------------------------------
    # PRESCRIPTION
    # ------------------------------------------------------------

    @api.depends(
        "invoice_date_due",
        "amount_residual",
        "commercial_partner_id.dunning_fr_customer_type",
        "commercial_partner_id.is_company",
        "commercial_partner_id.vat",
    )
    def _compute_dunning_fr_prescription(self):
        today = fields.Date.context_today(self)
        for move in self:
            # A new invoice has a due date before it has a customer: without
            # one, nothing tells which limitation period applies.
            if (
                move.move_type != "out_invoice"
                or not move.invoice_date_due
                or not move.commercial_partner_id
            ):
                move.dunning_fr_prescription_date = False
                move.dunning_fr_prescription_soon = False
                continue
            years = PRESCRIPTION_YEARS[move._dunning_fr_is_b2b()]
            prescription = move.invoice_date_due + relativedelta(years=years)
            warning = today + relativedelta(
                months=move.company_id.dunning_fr_prescription_months
            )
            move.dunning_fr_prescription_date = prescription
            move.dunning_fr_prescription_soon = bool(
                move.state == "posted"
                and not move.currency_id.is_zero(move.amount_residual)
                and prescription <= warning
            )

    def _search_dunning_fr_prescription_soon(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        today = fields.Date.context_today(self)
        warning = today + relativedelta(
            months=self.env.company.dunning_fr_prescription_months
        )
        domain = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            "|",
            "&",
            ("commercial_partner_id.dunning_fr_is_b2b", "=", True),
            (
                "invoice_date_due",
                "<=",
                warning - relativedelta(years=PRESCRIPTION_YEARS[True]),
            ),
            "&",
            ("commercial_partner_id.dunning_fr_is_b2b", "=", False),
            (
                "invoice_date_due",
                "<=",
                warning - relativedelta(years=PRESCRIPTION_YEARS[False]),
            ),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", *domain]

    # ------------------------------------------------------------
    # PENALTIES
    # ------------------------------------------------------------

    def _dunning_fr_is_b2b(self):
        """Return whether the invoice's customer is a professional."""
        self.ensure_one()
        return self.commercial_partner_id._dunning_fr_is_b2b()

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
        the half-year, only from the formal notice on.

        :return: ``(rate_basis, function(date) -> rate in percent)`` where
            ``rate_basis`` is ``contract``, ``statutory`` or ``legal``
        """
        self.ensure_one()
        rates = self.env["dunning.rate"]
        if not self._dunning_fr_is_b2b():
            basis, function = "legal", rates._get_legal_rate
        elif self.company_id.dunning_fr_contract_rate:
            contract = self.company_id.dunning_fr_contract_rate
            basis, function = "contract", lambda day: contract
        else:
            basis, function = "statutory", rates._get_statutory_penalty_rate

        def rate_on(day):
            rate = function(day)
            if rate is None:
                raise UserError(
                    self.env._(
                        "No reference rate is known on %(date)s: add it in "
                        "Accounting > Configuration > Reference Rates.",
                        date=format_date(self.env, day),
                    )
                )
            return rate

        return basis, rate_on

    @api.model
    def _dunning_fr_split_periods(self, start, end, amount, payments, rate_on):
        """Split the days late of one installment into periods of constant
        base and rate, and compute their interest.

        Interest accrues each day from ``start`` to ``end`` included on what
        was still due that day: a payment stops interest on its amount the
        day after it was made.

        :param start: first day late (the day after the due date)
        :param end: last day counted (payment date or computation date)
        :param float amount: amount of the installment, taxes included
        :param list payments: ``(date, amount)`` sorted by date
        :param rate_on: function returning the yearly rate of a day
        :return: list of dicts ``date_from``, ``date_to``, ``days``,
            ``base``, ``rate``, ``amount``
        """
        if end < start:
            return []
        stops = {end + timedelta(days=1)}
        stops.update(pay_date + timedelta(days=1) for pay_date, __ in payments)
        for year in range(start.year, end.year + 1):
            stops.update({date_cls(year, 1, 1), date_cls(year, 7, 1)})
        stops = sorted(s for s in stops if start < s <= end + timedelta(days=1))
        periods = []
        period_start = start
        for stop in stops:
            base = amount - sum(
                paid for pay_date, paid in payments if pay_date < period_start
            )
            days = (stop - period_start).days
            if base > 0 and days > 0:
                rate = rate_on(period_start)
                periods.append(
                    {
                        "date_from": period_start,
                        "date_to": stop - timedelta(days=1),
                        "days": days,
                        "base": base,
                        "rate": rate,
                        "amount": base * rate / 100 * days / DAYS_PER_YEAR,
                    }
                )
            period_start = stop
        return periods

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
            ``penalty``, ``indemnity`` and ``total``
        """
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        currency = self.currency_id
        is_b2b = self._dunning_fr_is_b2b()
        basis, rate_on = self._dunning_fr_get_rate_function()
        notice_date = self._dunning_fr_get_formal_notice_date()
        periods = []
        days_late = 0
        for line in self.line_ids.filtered(
            lambda aml: aml.account_type == "asset_receivable" and aml.date_maturity
        ):
            payments = [p for p in self._dunning_fr_get_payments(line) if p[0] <= date]
            amount = line.amount_currency
            paid = sum(paid for __, paid in payments)
            settled = currency.compare_amounts(paid, amount) >= 0
            end = payments[-1][0] if settled else date
            days_late = max(days_late, (end - line.date_maturity).days)
            start = line.date_maturity + timedelta(days=1)
            if not is_b2b:
                if not notice_date:
                    continue
                start = max(start, notice_date)
            periods += self._dunning_fr_split_periods(
                start, end, amount, payments, rate_on
            )
        is_late = days_late > 0
        indemnity = 0.0
        if is_b2b and is_late:
            company = self.company_id
            indemnity = company.currency_id._convert(
                company.dunning_fr_indemnity_amount, currency, company, date
            )
        penalty = currency.round(sum(period["amount"] for period in periods))
        try:
            rate = rate_on(date)
        except UserError:
            rate = None
        return {
            "invoice": self,
            "currency": currency,
            "date": date,
            "is_b2b": is_b2b,
            "rate_basis": basis,
            "rate": rate,
            "formal_notice_date": notice_date,
            "amount_due": self.amount_residual,
            "days_late": max(days_late, 0),
            "is_late": is_late,
            "periods": periods,
            "penalty": penalty,
            "indemnity": currency.round(indemnity),
            "total": currency.round(penalty + indemnity),
        }

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
        # What the penalties read, for all the invoices at once rather than
        # invoice by invoice.
        lines = invoices.line_ids
        lines.fetch(
            ["account_type", "date_maturity", "amount_currency", "matched_credit_ids"]
        )
        lines.matched_credit_ids.fetch(["max_date", "debit_amount_currency"])
        company = invoices.company_id[:1] or self.env.company
        currency = invoices.currency_id[:1] or company.currency_id
        is_b2b = bool(invoices) and invoices[0]._dunning_fr_is_b2b()
        show_penalties = bool(level) and level.fr_show_penalties
        show_indemnity = bool(level) and level.fr_show_indemnity and is_b2b
        lines = [
            values
            for values in (
                invoice._dunning_fr_get_penalty_values(date) for invoice in invoices
            )
            if values["is_late"]
        ]
        rates = {line["rate"] for line in lines if line["rate"] is not None}
        rate_text = ", ".join(
            f"{formatLang(self.env, rate, digits=2)} %" for rate in sorted(rates)
        )
        is_formal_notice = bool(level) and level.is_formal_notice
        values = {
            "is_b2b": is_b2b,
            "lines": lines,
            "currency": currency,
            "show_penalties": show_penalties,
            "show_indemnity": show_indemnity,
            "total_penalty": currency.round(sum(line["penalty"] for line in lines)),
            "total_indemnity": currency.round(sum(line["indemnity"] for line in lines)),
            "rate_text": rate_text,
            "indemnity_unit_text": formatLang(
                self.env,
                company.dunning_fr_indemnity_amount,
                currency_obj=company.currency_id,
            ),
            "is_formal_notice": is_formal_notice,
            "notice_days": level.payment_deadline_days if level else 0,
        }
        values["total"] = currency.round(
            (values["total_penalty"] if show_penalties else 0.0)
            + (values["total_indemnity"] if show_indemnity else 0.0)
        )
        values["legal_text"] = self[:1]._dunning_fr_get_legal_text(level, values)
        values["notice_text"] = (
            self.env._(
                "This letter is a formal notice (mise en demeure) within the "
                "meaning of article 1344 of the French Civil Code. Failing full "
                "payment within %(days)s days of its receipt, we will refer the "
                "matter to the competent court, in particular by an order for "
                "payment procedure (injonction de payer), without further notice "
                "and at your expense. Late-payment interest keeps accruing until "
                "full payment.",
                days=values["notice_days"],
            )
            if is_formal_notice
            else ""
        )
        values["show"] = bool(
            is_formal_notice or (lines and (show_penalties or show_indemnity))
        )
        return values

    # ------------------------------------------------------------
    # PENALTY INVOICE
    # ------------------------------------------------------------

    def _dunning_fr_prepare_penalty_line_vals(self, values):
        """Return the invoice line values claiming this invoice's penalties
        and indemnity.

        TO OVERRIDE to change the lines (analytic, labels).

        :param dict values: see :meth:`_dunning_fr_get_penalty_values`
        :return: list of ``Command.create`` values
        """
        self.ensure_one()
        company = self.company_id
        lines = []
        if values["penalty"]:
            lines.append(
                Command.create(
                    {
                        "product_id": company._dunning_fr_get_penalty_product().id,
                        "name": self.env._(
                            "Late-payment penalties on invoice %(invoice)s "
                            "(%(days)s days late, article L441-10 C. com.)",
                            invoice=self.name,
                            days=values["days_late"],
                        ),
                        "quantity": 1,
                        "price_unit": values["penalty"],
                        "tax_ids": [Command.clear()],
                    }
                )
            )
        if values["indemnity"]:
            lines.append(
                Command.create(
                    {
                        "product_id": company._dunning_fr_get_indemnity_product().id,
                        "name": self.env._(
                            "Fixed recovery indemnity on invoice %(invoice)s "
                            "(article D441-5 C. com.)",
                            invoice=self.name,
                        ),
                        "quantity": 1,
                        "price_unit": values["indemnity"],
                        "tax_ids": [Command.clear()],
                    }
                )
            )
        return lines

    def action_dunning_fr_create_penalty_invoice(self):
        """Create draft invoices claiming the penalties and indemnity of these
        late invoices, one per customer and currency.

        Usable before or after the principal is paid; an invoice already
        claimed (penalty invoice not cancelled) is skipped. The history of
        each invoice records it.

        :return: action opening the draft invoices
        :raise UserError: when nothing is to be claimed
        """
        today = fields.Date.context_today(self)
        invoices = self.filtered(
            lambda m: (
                m.move_type == "out_invoice"
                and m.state == "posted"
                and (
                    not m.dunning_fr_penalty_move_id
                    or m.dunning_fr_penalty_move_id.state == "cancel"
                )
            )
        )
        groups = {}
        for invoice in invoices.sorted(lambda m: (m.invoice_date_due, m.id)):
            values = invoice._dunning_fr_get_penalty_values(today)
            line_vals = invoice._dunning_fr_prepare_penalty_line_vals(values)
            if line_vals:
                key = (
                    invoice.commercial_partner_id,
                    invoice.company_id,
                    invoice.currency_id,
                )
                groups.setdefault(key, []).append((invoice, line_vals))
        if not groups:
            raise UserError(
                self.env._(
                    "There are no late-payment penalties or indemnity to invoice on "
                    "the selected invoices (not late, consumer customer without "
                    "formal notice, or already invoiced)."
                )
            )
        penalty_moves = self.browse()
        for (partner, company, currency), items in groups.items():
            penalty_move = self.with_company(company).create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "currency_id": currency.id,
                    "invoice_origin": ", ".join(inv.name for inv, __ in items),
                    "invoice_line_ids": [vals for __, lines in items for vals in lines],
                }
            )
            claimed = self.browse([inv.id for inv, __ in items])
            claimed.dunning_fr_penalty_move_id = penalty_move
            claimed._dunning_log_history(
                "penalty_invoiced",
                note=self.env._(
                    "Penalties and indemnity claimed by draft invoice %(invoice)s.",
                    invoice=penalty_move.display_name,
                ),
            )
            penalty_moves |= penalty_move
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("id", "in", penalty_moves.ids)]
        if len(penalty_moves) == 1:
            action.update(
                res_id=penalty_moves.id, view_mode="form", views=[(False, "form")]
            )
        return action

    # ------------------------------------------------------------
    # RECOVERY FILE
    # ------------------------------------------------------------

    def _dunning_fr_get_recovery_summary_values(self, date=None):
        """Return the values of the recovery file's summary."""
        date = date or fields.Date.context_today(self)
        invoices = self.sorted(lambda m: (m.invoice_date_due, m.id))
        lines = []
        for invoice in invoices:
            values = invoice._dunning_fr_get_penalty_values(date)
            sent = invoice.dunning_reminder_ids.filtered("sent_datetime").sorted(
                lambda r: (r.sent_datetime, r.level)
            )
            values["reminders"] = [
                {
                    "level": reminder.level,
                    "date": format_datetime(self.env, reminder.sent_datetime),
                    "channel": reminder.channel,
                    "proof": reminder._get_proof_reference(),
                }
                for reminder in sent
            ]
            lines.append(values)
        currency = invoices.currency_id[:1]
        return {
            "partner": invoices.commercial_partner_id[:1],
            "company": invoices.company_id[:1],
            "date": date,
            "currency": currency,
            "lines": lines,
            "amount_total": currency.round(sum(inv.amount_total for inv in invoices)),
            "amount_due": currency.round(sum(line["amount_due"] for line in lines)),
            "total_penalty": currency.round(sum(line["penalty"] for line in lines)),
            "total_indemnity": currency.round(sum(line["indemnity"] for line in lines)),
            "total_claimed": currency.round(
                sum(line["amount_due"] + line["total"] for line in lines)
            ),
        }

    def _dunning_fr_get_history_csv(self):
        """Return the reminder history of these invoices as CSV bytes."""
        labels = dict(
            self.env["dunning.history"]
            ._fields["action"]
            ._description_selection(self.env)
        )
        channels = dict(
            self.env["dunning.history"]
            ._fields["channel"]
            ._description_selection(self.env)
        )
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(
            [
                self.env._("Date"),
                self.env._("Invoice"),
                self.env._("Level"),
                self.env._("Channel"),
                self.env._("Action"),
                self.env._("User"),
                self.env._("Note"),
            ]
        )
        for line in self.dunning_history_ids.sorted(lambda h: (h.date, h.id)):
            writer.writerow(
                [
                    _csv_text(value)
                    for value in (
                        fields.Datetime.to_string(line.date),
                        line.move_id.name,
                        line.level or "",
                        channels.get(line.channel, ""),
                        labels.get(line.action, line.action),
                        line.user_id.name,
                        line.note or "",
                    )
                ]
            )
        return buffer.getvalue().encode("utf-8-sig")

    def _dunning_fr_get_recovery_files(self):
        """Return the files of the recovery file of these invoices.

        TO OVERRIDE to add documents (contract, purchase order).

        :return: list of ``(path in the archive, bytes)``
        """
        files = []
        for invoice in self:
            pdf = invoice._dunning_get_invoice_pdf()
            files.append((f"1_invoices/{_safe(pdf.name)}", pdf.raw))
        letters = self.dunning_reminder_ids.filtered("sent_datetime").sorted(
            "sent_datetime"
        )
        for index, attachment in enumerate(letters.letter_attachment_id, start=1):
            files.append(
                (f"2_letters/{index:02d}_{_safe(attachment.name)}", attachment.raw)
            )
        for reminder in letters.filtered("mail_message_id"):
            name = f"{_safe(reminder.move_id.name)}_level_{reminder.level}"
            files.append(
                (
                    f"3_emails/{name}_{reminder.id}.html",
                    (reminder.mail_message_id.body or "").encode(),
                )
            )
        for attachment in self.dunning_reminder_ids._get_proof_attachments():
            files.append(
                (f"4_proofs/{attachment.id}_{_safe(attachment.name)}", attachment.raw)
            )
        files.append(("5_history.csv", self._dunning_fr_get_history_csv()))
        # A PDF; Odoo renders reports as HTML in test mode, hence the
        # extension taken from the rendering.
        summary, file_type = self.env["ir.actions.report"]._render_qweb_pdf(
            "dunning_levels_fr.action_report_recovery_summary", self.ids
        )
        files.append((f"0_summary.{file_type}", summary))
        return files

    def _dunning_fr_check_recovery_invoices(self):
        """Return the customer invoices among these, checked for a recovery
        file: one customer and company, every invoice at the formal notice.

        :raise UserError: otherwise
        """
        invoices = self.filtered(lambda m: m.move_type == "out_invoice")
        if not invoices:
            raise UserError(self.env._("Select customer invoices."))
        if len(invoices.commercial_partner_id) > 1 or len(invoices.company_id) > 1:
            raise UserError(
                self.env._("A recovery file covers the invoices of one customer.")
            )
        early = invoices.filtered(lambda m: m.dunning_level < FORMAL_NOTICE_LEVEL)
        if early:
            raise UserError(
                self.env._(
                    "A recovery file is built after the formal notice: "
                    "%(invoices)s did not reach level %(level)s.",
                    invoices=", ".join(early.mapped("name")),
                    level=FORMAL_NOTICE_LEVEL,
                )
            )
        return invoices

    def _dunning_fr_build_recovery_file(self):
        """Build the recovery file of these invoices of one customer at the
        formal notice level: what an order for payment request needs.

        :return: the ZIP ``ir.attachment``, linked to the customer
        :raise UserError: when an invoice has not reached the formal notice or
            the invoices belong to several customers
        """
        invoices = self._dunning_fr_check_recovery_invoices()
        partner = invoices.commercial_partner_id
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path, content in invoices._dunning_fr_get_recovery_files():
                archive.writestr(path, content)
        today = fields.Date.context_today(self)
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._(
                    "Recovery file %(customer)s %(date)s.zip",
                    customer=partner.name,
                    date=fields.Date.to_string(today),
                ),
                "datas": base64.b64encode(buffer.getvalue()),
                "mimetype": "application/zip",
                "res_model": "res.partner",
                "res_id": partner.id,
            }
        )
        invoices._dunning_log_history("recovery_file", note=attachment.name)
        return attachment

    def action_dunning_fr_recovery_file(self):
        """Download the recovery file of these invoices."""
        attachment = self._dunning_fr_build_recovery_file()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
