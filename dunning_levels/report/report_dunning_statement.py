# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models


class ReportDunningStatement(models.AbstractModel):
    _name = "report.dunning_levels.report_dunning_statement"
    _description = "Customer Statement"

    @api.model
    def _get_report_values(self, docids, data=None):
        """Return the values of the statements of customers ``docids``.

        :param list docids: ``res.partner`` ids; each statement covers the
            partner's commercial entity in the current company
        :return: rendering values, one dict per customer under ``statements``
        """
        partners = self.env["res.partner"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "statements": [self._get_statement_values(partner) for partner in partners],
        }

    @api.model
    def _get_statement_domain(self, partner, company):
        """Return the domain of the open items a statement lists.

        TO OVERRIDE to list other items.
        """
        return [
            ("company_id", "=", company.id),
            ("partner_id.commercial_partner_id", "=", partner.id),
            ("account_type", "=", "asset_receivable"),
            ("parent_state", "=", "posted"),
            ("reconciled", "=", False),
        ]

    @api.model
    def _get_statement_values(self, partner):
        """Return everything the statement of one customer prints.

        All unreconciled receivable items of the current company: invoices
        (one line per unpaid installment, an invoice's installments
        together), credit notes and payments not yet matched, each in its own
        currency.

        TO OVERRIDE to add values; the template only lays them out.

        :param partner: ``res.partner`` record (its commercial entity is used)
        :return: dict with the keys ``partner`` (the customer),
            ``address_partner`` (its invoice address), ``company``, ``lang``,
            ``date``, ``lines`` (see :meth:`_get_statement_line_values`),
            ``totals`` (one dict per currency: ``currency``, ``amount_due``,
            ``amount_overdue``), ``bank_accounts`` and ``transfer`` (the
            bank account, reference, QR code and reminder page link to pay
            the overdue invoices by transfer, see
            ``dunning.access._get_transfer_values``)
        """
        partner = partner.commercial_partner_id
        company = self.env.company
        lang = partner.lang or company.partner_id.lang or self.env.lang or "en_US"
        env = self.with_context(lang=lang).env
        today = fields.Date.context_today(self)
        move_lines = self.env["account.move.line"].search(
            self._get_statement_domain(partner, company),
            order="date_maturity, date, move_name, id",
        )
        move_lines = move_lines.filtered(
            lambda line: not line.currency_id.is_zero(line.amount_residual_currency)
        )
        # The installments of an invoice follow each other, from its oldest
        # open one.
        rank = {}
        for line in move_lines:
            rank.setdefault(line.move_id, len(rank))
        move_lines = move_lines.sorted(lambda line: rank[line.move_id])
        installments = {
            installment["line"]: installment
            for move_installments in move_lines.move_id._get_dunning_installments(
                today
            ).values()
            for installment in move_installments
        }
        lines = [
            self.with_env(env)._get_statement_line_values(
                line, today, installment=installments.get(line)
            )
            for line in move_lines
        ]
        totals = {}
        for line in lines:
            currency = line["currency"]
            total = totals.setdefault(
                currency,
                {"currency": currency, "amount_due": 0.0, "amount_overdue": 0.0},
            )
            total["amount_due"] += line["amount_residual"]
            if line["days_overdue"] > 0 and line["amount_residual"] > 0:
                total["amount_overdue"] += line["amount_residual"]
        address_id = partner.address_get(["invoice"])["invoice"]
        # The transfer settles the overdue items of the first currency.
        overdue_lines = [
            line
            for line in lines
            if line["days_overdue"] > 0 and line["amount_residual"] > 0
        ]
        currency = overdue_lines[0]["currency"] if overdue_lines else None
        transfer = (
            self.env["dunning.access"]
            ._get_access(partner, company)
            ._get_transfer_values(
                self.env["account.move"].union(
                    *(
                        line["move"]
                        for line in overdue_lines
                        if line["currency"] == currency
                    )
                ),
                totals[currency]["amount_overdue"] if currency else 0.0,
                currency,
                company,
            )
        )
        return {
            "partner": partner.with_env(env),
            "address_partner": self.env["res.partner"].browse(address_id).with_env(env),
            "company": company,
            "lang": lang,
            "date": today,
            "lines": lines,
            "totals": [
                {
                    **total,
                    "amount_due": total["currency"].round(total["amount_due"]),
                    "amount_overdue": total["currency"].round(total["amount_overdue"]),
                }
                for total in totals.values()
            ],
            "bank_accounts": company.partner_id.bank_ids,
            "transfer": transfer,
        }

    @api.model
    def _get_statement_line_values(self, line, today, installment=None):
        """Return the values of one open item of the statement.

        :param line: unreconciled receivable ``account.move.line``
        :param today: date of the statement, from which days overdue are
            counted
        :param dict installment: the installment ``line`` is, when it is one
            of an invoice (see ``account.move._get_dunning_installments``):
            an invoice paid in several installments names it in the
            reference, "Installment 2/3"
        :return: dict with the keys ``line``, ``move``, ``type`` (translated
            label: invoice, credit note, payment...), ``name``, ``reference``,
            ``date``, ``date_due``, ``days_overdue``, ``amount`` (original,
            signed: credits are negative), ``amount_residual`` (signed) and
            ``currency``
        """
        move = line.move_id
        if move.move_type == "out_invoice":
            move_type = self.env._("Invoice")
        elif move.move_type == "out_refund":
            move_type = self.env._("Credit note")
        elif move.origin_payment_id or line.payment_id:
            move_type = self.env._("Payment")
        else:
            move_type = self.env._("Other")
        date_due = line.date_maturity
        reference = move.ref or (
            line.name if line.name and line.name != move.name else ""
        )
        if installment and installment["count"] > 1:
            label = move._get_dunning_installment_label(installment)
            reference = f"{label} – {move.ref}" if move.ref else label
        return {
            "line": line,
            "move": move,
            "type": move_type,
            "name": move.name,
            "reference": reference,
            "date": move.invoice_date or line.date,
            "date_due": date_due,
            "days_overdue": max((today - date_due).days, 0)
            if date_due and line.amount_residual_currency > 0
            else 0,
            "amount": line.amount_currency,
            "amount_residual": line.amount_residual_currency,
            "currency": line.currency_id,
        }
