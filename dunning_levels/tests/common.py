# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import unittest
from unittest.mock import patch

import polib

from odoo import Command, fields, http
from odoo.tests import Form, HttpCase, new_test_user
from odoo.tests import common as odoo_tests_common
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class DunningCommon(AccountTestInvoicingCommon):
    """Base class of the suite's tests, and test kit of the addons that extend
    the suite: a company with its default levels, billing and manager users,
    and helpers that post overdue invoices, bring them to a reminder level
    through the generation, send reminders with the sending wizard and pay
    invoices with the payment wizard.

    The helpers go through what a user does (forms, buttons, wizards), never
    through the sending's internals, so that the tests of dependent addons
    keep working when those change.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.company_data["company"]
        cls.levels = cls.get_levels(cls.company)
        cls.billing_user = new_test_user(
            cls.env,
            login="dunning_billing",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )
        cls.manager_user = new_test_user(
            cls.env,
            login="dunning_manager",
            groups="account.group_account_manager",
            company_id=cls.company.id,
            company_ids=[cls.company.id],
        )

    @classmethod
    def get_levels(cls, company):
        """Return the levels of ``company``, archived ones included, by level."""
        return (
            cls.env["dunning.level"]
            .with_context(active_test=False)
            .search([("company_id", "=", company.id)], order="level")
        )

    @classmethod
    def create_customer(cls, name="Boulangerie Leroy", **values):
        """Create a company customer."""
        return cls.env["res.partner"].create(
            {"name": name, "is_company": True, "email": "compta@example.com", **values}
        )

    @classmethod
    def create_invoice(
        cls,
        partner,
        invoice_date="2026-01-01",
        amount=1000.0,
        payment_term=None,
        company=None,
        move_type="out_invoice",
        post=True,
    ):
        """Create (and post) a customer invoice of ``amount`` without tax.

        Without payment term, the invoice is due on its date.
        """
        values = {
            "move_type": move_type,
            "partner_id": partner.id,
            "invoice_date": invoice_date,
            "invoice_payment_term_id": payment_term.id if payment_term else False,
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "Prestation",
                        "quantity": 1,
                        "price_unit": amount,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
        if not payment_term:
            values["invoice_date_due"] = invoice_date
        invoice = cls.env["account.move"].with_company(company or cls.company)
        invoice = invoice.create(values)
        if post:
            invoice.action_post()
        return invoice

    @classmethod
    def create_installment_term(cls, *days, name="Installments"):
        """Create a payment term of equal installments due ``days`` after the
        invoice date, e.g. ``create_installment_term(0, 30, 60)`` for thirds."""
        share = round(100.0 / len(days), 2)
        lines = [
            Command.create({"value": "percent", "value_amount": share, "nb_days": nb})
            for nb in days[:-1]
        ]
        remainder = round(100.0 - share * (len(days) - 1), 2)
        lines.append(
            Command.create(
                {"value": "percent", "value_amount": remainder, "nb_days": days[-1]}
            )
        )
        return cls.env["account.payment.term"].create({"name": name, "line_ids": lines})

    @classmethod
    def register_payment(cls, invoice, amount=None, payment_date=None):
        """Pay ``invoice`` (fully by default) through the payment wizard."""
        values = {}
        if amount is not None:
            values["amount"] = amount
        if payment_date:
            values["payment_date"] = payment_date
        wizard = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(values)
        )
        return wizard._create_payments()

    @classmethod
    def generate(cls, date=None, company=None):
        """Run the generation for ``company`` (default: the test company)."""
        return (
            cls.env["dunning.reminder"]
            .with_company(company or cls.company)
            .generate_reminders(date=fields.Date.to_date(date) if date else None)
        )

    @staticmethod
    def in_session(records):
        """``records`` in the context of a user's session: the tests' context
        (``mail_create_nosubscribe``) subscribes nobody to the records they
        post on, where a user's posting makes them follow the record."""
        return records.with_context(mail_create_nosubscribe=False)

    def count_queries(self, function, *args):
        """Run ``function(*args)`` on empty caches and return its result with
        the number of SQL queries it ran (pending writes flushed included)."""
        self.env.flush_all()
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        result = function(*args)
        self.env.flush_all()
        return result, self.env.cr.sql_log_count - start

    @classmethod
    def create_overdue_invoice(cls, partner, days_overdue, amount=100.0, company=None):
        """Post a customer invoice dated and due ``days_overdue`` days ago."""
        today = fields.Date.context_today(cls.env.user)
        due_date = fields.Date.subtract(today, days=days_overdue)
        return cls.create_invoice(partner, due_date, amount, company=company)

    # ------------------------------------------------------------
    # REMINDER LEVELS
    # ------------------------------------------------------------

    @classmethod
    def remind_to_level(cls, invoice, level, sent=False):
        """Bring ``invoice`` to its reminder at ``level`` through the
        generation, as successive mornings would, each lower level's reminder
        being marked as sent (the reminder's "Mark as Sent" button) before the
        next generation.

        The generations run from today, each one the company's minimum
        interval plus one day after the previous one (8 days by default), so
        the invoice must be overdue enough today: with the default delays, by
        15, 22 or 29 days for level 1, 2 or 3
        (:meth:`create_invoice_at_level` computes it). Levels that are not
        active are skipped, as the generation skips them.

        :param invoice: a posted customer invoice without reminder to send
        :param int level: an active level of the invoice's company
        :param bool sent: mark the reminder at ``level`` as sent too, so that
            the invoice itself is at ``level``
        :return: the invoice's reminder at ``level`` (to send unless ``sent``)
        :raise AssertionError: when a generation does not give the invoice
            the expected level
        """
        company = invoice.company_id
        levels = cls._get_levels_up_to(company, level)
        today = fields.Date.context_today(invoice)
        step = company.dunning_min_interval_days + 1
        for index, target in enumerate(levels):
            date = fields.Date.add(today, days=step * index)
            reminder = cls.generate(date, company=company).filtered(
                lambda r: r.move_id == invoice
            )
            if reminder.level != target.level:
                raise AssertionError(
                    f"The generation of {date} gave {invoice.name} "
                    f"{f'level {reminder.level}' if reminder else 'no reminder'}, "
                    f"not level {target.level}."
                )
            if target != levels[-1] or sent:
                reminder.action_mark_sent()
        return reminder

    @classmethod
    def create_invoice_at_level(
        cls, partner, level, amount=100.0, days_overdue=None, sent=False, company=None
    ):
        """Post an invoice of ``partner`` and bring it to its reminder at
        ``level`` with :meth:`remind_to_level`.

        :param int days_overdue: how overdue the invoice is today (default:
            just enough to reach ``level`` with the company's delays)
        :param bool sent: mark the reminder at ``level`` as sent too
        :param company: the invoice's company (default: the test company)
        :return: the reminder at ``level``; its ``move_id`` is the invoice
        """
        company = company or cls.company
        if days_overdue is None:
            step = company.dunning_min_interval_days + 1
            days_overdue = max(
                target.delay_days - step * index
                for index, target in enumerate(cls._get_levels_up_to(company, level))
            )
        invoice = cls.create_overdue_invoice(
            partner, days_overdue, amount, company=company
        )
        return cls.remind_to_level(invoice, level, sent=sent)

    @classmethod
    def _get_levels_up_to(cls, company, level):
        """Return the active levels of ``company`` up to ``level``, which must
        be one of them."""
        levels = cls.env["dunning.level"].search(
            [("company_id", "=", company.id), ("level", "<=", level)], order="level"
        )
        if not levels or levels[-1].level != level:
            raise AssertionError(f"{company.name} has no active level {level}.")
        return levels

    # ------------------------------------------------------------
    # SENDING WIZARD
    # ------------------------------------------------------------

    @classmethod
    def send_wizard_form(cls, records, user=None):
        """Open the sending wizard's form on ``records``, as their list's
        "Send" action does.

        Only the wizard's public surface is used (its form, the
        ``active_model``/``active_ids`` context, its fields): tests written
        with these helpers do not depend on how it sends.

        :param records: ``dunning.reminder`` records to send, or
            ``account.move`` invoices to prepare reminders for; the wizard
            opens in their environment (user, companies, language)
        :param user: who opens it (default: the records' user)
        :return: the :class:`~odoo.tests.Form`, not saved
        """
        env = records.env(user=user) if user else records.env
        return Form(
            env["dunning.send"].with_context(
                active_model=records._name, active_ids=records.ids
            )
        )

    @classmethod
    def open_send_wizard(cls, records, user=None, **values):
        """Open the sending wizard on ``records``, set its fields to
        ``values`` in their order, as a user would, and save it.

        :param records: reminders or invoices (see :meth:`send_wizard_form`)
        :param user: who opens it (default: the records' user)
        :param values: field names and values (``use_email=False``,
            ``grouping="invoice"``...)
        :return: the ``dunning.send`` wizard, not sent yet
        """
        form = cls.send_wizard_form(records, user=user)
        for name, value in values.items():
            setattr(form, name, value)
        return form.save()

    @classmethod
    def send_with_wizard(cls, records, user=None, **values):
        """Send ``records`` with the sending wizard: open it as
        :meth:`open_send_wizard` does, then click "Send".

        :return: the wizard, after sending (its summary, its attachments)
        """
        wizard = cls.open_send_wizard(records, user=user, **values)
        wizard.action_send()
        return wizard


class DunningTourCommon(DunningCommon, HttpCase):
    """Base class of the browser tours: a tour that cannot run (no Chromium,
    no websocket-client, no DevTools connection) fails instead of being
    skipped, as Odoo does by default."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The browser's first requests read every addon's manifest at once,
        # from several server threads: Python 3.11's ast.parse is not safe
        # there (python/cpython#106905, "AST constructor recursion depth
        # mismatch"). Serving a static file here reads them, once, before the
        # browser starts.
        http.root.get_static_file("/web/static/img/favicon.ico")

    @classmethod
    def create_customer(cls, name="Boulangerie Leroy", **values):
        """Create a company customer with an email and a postal address."""
        return super().create_customer(
            name,
            **{"street": "12 rue des Lilas", "zip": "69003", "city": "Lyon", **values},
        )

    def start_tour(self, url_path, tour_name, **kwargs):
        # EXTENDS 'base' (odoo.tests.HttpCase)
        # A cold Chromium on a loaded two-core machine may take longer than
        # Odoo's 10 s to open its debugging port: give it three times that,
        # rather than fail a tour that did not run.
        try:
            with patch.object(
                odoo_tests_common,
                "CHECK_BROWSER_ITERATIONS",
                3 * odoo_tests_common.CHECK_BROWSER_ITERATIONS,
            ):
                return super().start_tour(url_path, tour_name, **kwargs)
        except unittest.SkipTest as skipped:
            self.fail(f"The browser tour {tour_name} could not run: {skipped}")


def assert_french_translation_complete(test_case, module):
    """Fail ``test_case`` unless every term Odoo exports for ``module`` has a
    non-empty, non-fuzzy French translation in the module's ``i18n/fr.po``.

    Shared by the suite's addons, whose terms come from fields, views, data
    and code alike.
    """
    po_path = file_path(f"{module}/i18n/fr.po")
    translated = {
        entry.msgid
        for entry in polib.pofile(po_path)
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
    }
    reader = TranslationModuleReader(test_case.env.cr, modules=[module])
    missing = sorted(
        {source for __, __, __, __, source, __, __ in reader if source} - translated
    )
    if missing:
        test_case.fail(
            f"{len(missing)} term(s) of {module} lack a French translation:\n"
            + "\n".join(missing[:20])
        )
