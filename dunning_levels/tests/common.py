# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import polib

from odoo import fields
from odoo.tests import new_test_user
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class DunningCommon(AccountTestInvoicingCommon):
    """Base class of the suite's tests: a company with its default levels,
    billing and manager users, and helpers posting overdue invoices."""

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
    def create_overdue_invoice(cls, partner, days_overdue, amount=100.0, company=None):
        """Post a customer invoice dated and due ``days_overdue`` days ago.

        :return: the posted ``account.move``
        """
        today = fields.Date.context_today(cls.env.user)
        due_date = fields.Date.subtract(today, days=days_overdue)
        invoice = cls.init_invoice(
            "out_invoice",
            partner=partner,
            invoice_date=due_date,
            amounts=[amount],
            taxes=[],
            company=company,
        )
        invoice.write({"invoice_payment_term_id": False, "invoice_date_due": due_date})
        invoice.action_post()
        return invoice


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
    test_case.assertFalse(
        missing,
        f"{len(missing)} term(s) of {module} lack a French translation:\n"
        + "\n".join(missing[:20]),
    )
