# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.tools import format_date

from ..const import FORMAL_NOTICE_LEVEL


class ReportDunningLetter(models.AbstractModel):
    _name = "report.dunning_levels.report_dunning_letter"
    _description = "Payment Reminder Letter"

    @api.model
    def _get_report_values(self, docids, data=None):
        """Return the values of the letters of reminders ``docids``.

        One letter per communication, in sending order (see
        ``dunning.reminder._group_for_sending``).

        :param list docids: ``dunning.reminder`` ids
        :param dict data: optional ``grouping`` (``customer``, the default,
            or ``invoice``), ``sort_key`` (``partner``, the default,
            ``salesperson`` or ``category``) and ``attach_invoices`` (append
            the invoice copies whatever the level says)
        :return: rendering values, the letters under ``letters``
        """
        data = data or {}
        reminders = self.env["dunning.reminder"].browse(docids)
        groups = reminders._group_for_sending(
            grouping=data.get("grouping") or "customer",
            sort_key=data.get("sort_key") or "partner",
        )
        letters = [self._get_letter_values(group) for group in groups]
        # A letter printed on its own always comes with the invoice copies.
        if data.get("attach_invoices"):
            for letter, group in zip(letters, groups, strict=True):
                letter["invoices"] = group.move_id.with_env(letter["invoices"].env)
        return {
            "doc_ids": docids,
            "doc_model": "dunning.reminder",
            "docs": reminders,
            "letters": letters,
        }

    @api.model
    def _get_letter_values(self, reminders):
        """Return everything one letter prints; the template only lays it out.

        TO OVERRIDE to add values (fees, penalties, legal mentions): call
        ``super()`` and add keys to the returned dict.

        :param reminders: ``dunning.reminder`` records of one communication
            (one customer, company and currency)
        :return: dict with the keys

            - ``reminders``, ``company``, ``currency``
            - ``partner``: the customer (commercial partner)
            - ``address_partner``: contact whose address is printed (invoice
              address of the first invoice, else the customer)
            - ``lang``: language the letter is written in
            - ``level``: ``dunning.level`` of the highest reminder level
            - ``title``, ``body`` and ``closing`` (the level's texts before
              and after the invoices, merge fields rendered),
              ``is_formal_notice`` and ``heading`` (printed above the title of
              a formal notice)
            - ``lines``: one dict per reminder, see :meth:`_get_letter_line_values`
            - ``amount_due``, ``amount_overdue``: totals of the lines
            - ``invoices`` (copies appended after the letter) and
              ``invoice_report`` (QWeb template printing one invoice)
            - ``bank_accounts``: the company's bank accounts for the payment
            - ``transfer``: the bank account, reference, QR code and link of
              the customer's reminder page to pay by transfer, see
              ``dunning.access._get_transfer_values``
            - ``date``, ``place_date``: the letter's date, and the line
              "City, date" written in ``lang``
        """
        first = reminders[:1]
        partner = first.partner_id
        company = first.company_id
        lang = partner.lang or company.partner_id.lang or self.env.lang or "en_US"
        # Written in the name of the reminders' company, whichever company
        # the user works in: its texts' merge fields read that company.
        report = self.with_company(company).with_context(
            lang=lang, dunning_move_ids=tuple(reminders.move_id.ids)
        )
        env = report.env
        today = fields.Date.context_today(self)
        level = reminders.level_id.sorted("level")[-1:].with_env(env)
        is_formal_notice = self._is_formal_notice_letter(reminders, level)
        invoices = reminders.move_id
        attach_invoices = is_formal_notice or level.attach_invoice
        values = {
            "reminders": reminders,
            "company": company,
            "partner": partner.with_env(env),
            "address_partner": (invoices[:1].partner_id or partner).with_env(env),
            "lang": lang,
            "level": level,
            "is_formal_notice": is_formal_notice,
            **report._get_letter_text_values(level, partner, lang, is_formal_notice),
            **report._get_letter_amount_values(reminders, today),
            "invoices": invoices.with_env(env) if attach_invoices else invoices[:0],
            "invoice_report": invoices[:1]._get_name_invoice_report(),
            "bank_accounts": company.partner_id.bank_ids,
            "date": today,
            "place_date": report._get_letter_place_date(company, today, lang),
        }
        values["transfer"] = (
            self.env["dunning.access"]
            ._get_access(partner, company)
            ._get_transfer_values(
                invoices, values["amount_due"], values["currency"], company
            )
        )
        return values

    @api.model
    def _is_formal_notice_letter(self, reminders, level):
        """Return whether the letter of ``reminders`` is a formal notice.

        :param reminders: ``dunning.reminder`` records of one communication
        :param level: ``dunning.level`` of their highest level; when the
            company has none configured for it, the level numbers decide
        """
        if level:
            return level.is_formal_notice
        return max(reminders.mapped("level")) >= FORMAL_NOTICE_LEVEL

    @api.model
    def _get_letter_text_values(self, level, partner, lang, is_formal_notice):
        """Return the texts of a letter, written in ``lang``.

        Called in the letter's environment (company and language).

        :param level: ``dunning.level`` of the letter (may be empty)
        :param partner: the customer the merge fields of the level's body read
        :param str lang: language the letter is written in
        :param bool is_formal_notice: whether the letter is a formal notice
        :return: dict with the keys ``title``, ``heading`` (printed above the
            title of a formal notice, else empty), ``body`` and ``closing``
            (the level's text before and after the invoices, merge fields
            rendered)
        """
        title = level.letter_title or (
            self.env._("Formal notice to pay")
            if is_formal_notice
            else self.env._("Payment reminder")
        )
        # The letter is in the customer's language (the level's default
        # ``lang``), set here rather than rendered from the level: rendering
        # "{{ object.lang }}" is refused to users who are not template editors.
        texts = {"body": "", "closing": ""}
        if level:
            level = level.with_context(**level._get_render_context())
            for key, fname in (("body", "letter_body"), ("closing", "letter_closing")):
                texts[key] = level._render_field(fname, [partner.id], set_lang=lang)[
                    partner.id
                ]
        return {
            "title": title,
            "heading": self.env._("Formal notice") if is_formal_notice else "",
            **texts,
        }

    @api.model
    def _get_letter_amount_values(self, reminders, today):
        """Return the lines of a letter and their totals.

        Called in the letter's environment (company and language).

        :param reminders: ``dunning.reminder`` records of one communication
        :param today: date of the letter, from which days overdue are counted
        :return: dict with the keys ``currency`` (of the reminders), ``lines``
            (see :meth:`_get_letter_line_values`), ``amount_due`` and
            ``amount_overdue`` (totals of the lines)
        """
        currency = reminders[:1].currency_id
        installments = reminders.move_id._get_dunning_installment_lines(today)
        lines = [
            self._get_letter_line_values(
                reminder, today, installments=installments[reminder.move_id.id]
            )
            for reminder in reminders
        ]
        return {
            "currency": currency,
            "lines": lines,
            "amount_due": currency.round(sum(line["amount_due"] for line in lines)),
            "amount_overdue": currency.round(
                sum(line["amount_overdue"] for line in lines)
            ),
        }

    @api.model
    def _get_letter_place_date(self, company, today, lang):
        """Return the line "City, date" of a letter, the date written long in
        ``lang``; the date alone when the company has no city.
        """
        city = company.partner_id.city
        long_date = format_date(self.env, today, lang_code=lang, date_format="long")
        if city:
            return self.env._("%(city)s, %(date)s", city=city, date=long_date)
        return long_date

    @api.model
    def _get_letter_line_values(self, reminder, today, installments=None):
        """Return the values of the letter's line of one reminded invoice.

        TO OVERRIDE to print more columns.

        :param reminder: ``dunning.reminder`` record
        :param today: date of the letter, from which days overdue are counted
        :param list installments: the invoice's overdue installments to print
            under its line (see
            ``account.move._get_dunning_installment_lines``); read here when
            omitted
        :return: dict with the keys ``reminder``, ``invoice``, ``name``,
            ``invoice_date``, ``date_due`` (oldest unpaid due date),
            ``days_overdue``, ``amount_total``, ``amount_due`` (what remains
            to pay), ``amount_overdue`` (what remains to pay and is past
            due), ``currency``, ``level`` and ``installments``
        """
        invoice = reminder.move_id
        date_due = reminder.date_maturity or invoice.invoice_date_due
        if installments is None:
            installments = invoice._get_dunning_installment_lines(today)[invoice.id]
        return {
            "reminder": reminder,
            "invoice": invoice,
            "name": invoice.name,
            "invoice_date": invoice.invoice_date,
            "date_due": date_due,
            "days_overdue": max((today - date_due).days, 0) if date_due else 0,
            "amount_total": invoice.amount_total,
            "amount_due": invoice.amount_residual,
            "amount_overdue": invoice.dunning_amount_overdue,
            "currency": invoice.currency_id,
            "level": reminder.level,
            "installments": installments,
        }
