# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields
from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningInstallments(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer()
        cls.thirds = cls.create_installment_term(0, 30, 60, name="Thirds")

    def test_installments_numbered_and_flagged_overdue(self):
        """Each receivable line is an installment, numbered in due date order;
        those unpaid and past due are overdue with their days."""
        invoice = self.create_invoice(self.customer, "2026-01-01", 1000.0, self.thirds)
        date = fields.Date.to_date("2026-02-15")
        installments = invoice._get_dunning_installments(date)[invoice.id]
        self.assertEqual(
            [
                (
                    i["sequence"],
                    i["count"],
                    str(i["date_maturity"]),
                    i["amount_residual"],
                    i["overdue"],
                    i["days_overdue"],
                )
                for i in installments
            ],
            [
                (1, 3, "2026-01-01", 333.3, True, 45),
                (2, 3, "2026-01-31", 333.3, True, 15),
                (3, 3, "2026-03-02", 333.4, False, 0),
            ],
        )

    def test_paid_installment_keeps_its_number(self):
        """Paying the first installment leaves it in the count, not overdue."""
        invoice = self.create_invoice(self.customer, "2026-01-01", 1000.0, self.thirds)
        self.register_payment(invoice, 333.3, "2026-01-05")
        installments = invoice._get_dunning_installments(
            fields.Date.to_date("2026-02-15")
        )[invoice.id]
        self.assertEqual(
            [(i["sequence"], i["overdue"]) for i in installments],
            [(1, False), (2, True), (3, False)],
        )
        self.assertEqual(installments[0]["amount_residual"], 0.0)
        self.assertEqual(sum(i["amount_residual"] for i in installments), 666.7)

    def test_invoices_read_together(self):
        """Several invoices, with and without terms, in one call."""
        split = self.create_invoice(self.customer, "2026-01-01", 1000.0, self.thirds)
        single = self.create_invoice(self.customer, "2026-01-10", 100.0)
        result = (split | single)._get_dunning_installments(
            fields.Date.to_date("2026-02-15")
        )
        self.assertEqual(len(result[split.id]), 3)
        self.assertEqual(
            [(i["sequence"], i["count"], i["days_overdue"]) for i in result[single.id]],
            [(1, 1, 36)],
        )
