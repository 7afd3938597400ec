# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import tagged

from .common import DunningFrCommon


@tagged("post_install", "-at_install")
class TestDunningFrCustomerType(DunningFrCommon):
    def test_company_or_vat_is_b2b_individual_is_b2c(self):
        """Company or VAT number: professional; individual: consumer."""
        self.assertTrue(self.b2b.dunning_fr_is_b2b)
        self.assertFalse(self.b2c.dunning_fr_is_b2b)
        self.b2c.vat = "FR23334175221"
        self.assertTrue(self.b2c.dunning_fr_is_b2b)

    def test_type_overridable_and_inherited_by_contacts(self):
        """The type set on the customer wins and applies to its contacts."""
        self.b2b.dunning_fr_customer_type = "b2c"
        contact = self.env["res.partner"].create(
            {"name": "Paul Durand", "parent_id": self.b2b.id}
        )
        self.assertFalse(self.b2b.dunning_fr_is_b2b)
        self.assertFalse(contact.dunning_fr_is_b2b)
        self.b2c.dunning_fr_customer_type = "b2b"
        self.assertTrue(self.b2c.dunning_fr_is_b2b)
        partners = self.env["res.partner"].search(
            [("id", "in", (self.b2b | self.b2c).ids), ("dunning_fr_is_b2b", "=", True)]
        )
        self.assertEqual(partners, self.b2c)

    def test_b2c_no_indemnity_and_no_interest_before_formal_notice(self):
        """A consumer owes nothing before the formal notice."""
        invoice = self.create_invoice(self.b2c, "2025-01-10", 1000.0)
        self.send_level(invoice, 2, "2025-02-01")
        values = self.penalty(invoice, "2025-03-01")
        self.assertTrue(values["is_late"])
        self.assertEqual(values["rate_basis"], "legal")
        self.assertEqual((values["penalty"], values["indemnity"]), (0.0, 0.0))

    def test_b2c_legal_interest_from_the_formal_notice(self):
        """Legal rate (3.71 % in S1 2025) from the formal notice, no indemnity."""
        invoice = self.create_invoice(self.b2c, "2025-01-10", 1000.0)
        self.send_level(invoice, 3, "2025-03-01")
        values = self.penalty(invoice, "2025-03-31")
        self.assertEqual(values["formal_notice_date"].isoformat(), "2025-03-01")
        self.assertEqual([p["days"] for p in values["periods"]], [31])
        self.assertAlmostEqual(values["penalty"], round(1000 * 0.0371 * 31 / 365, 2))
        self.assertEqual(values["indemnity"], 0.0)
