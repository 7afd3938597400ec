# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common import DunningFrCommon


@tagged("post_install", "-at_install")
class TestDunningFrPenaltyInvoice(DunningFrCommon):
    @freeze_time("2025-06-01")
    def test_draft_invoice_after_the_principal_is_paid(self):
        """One penalty and one indemnity line per late invoice, no tax."""
        late = self.create_invoice(self.b2b, "2025-01-10", 1000.0)
        self.register_payment(late, payment_date="2025-01-20")
        other = self.create_invoice(self.b2b, "2025-01-10", 500.0)
        self.register_payment(other, payment_date="2025-01-30")
        action = (late | other).action_dunning_fr_create_penalty_invoice()
        penalty_move = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(penalty_move.state, "draft")
        self.assertEqual(penalty_move.partner_id, self.b2b)
        lines = penalty_move.invoice_line_ids
        self.assertEqual(len(lines), 4)
        self.assertEqual(
            lines.mapped("price_unit"),
            [3.6, 40.0, round(500 * 0.1315 * 20 / 365, 2), 40.0],
        )
        self.assertFalse(lines.tax_ids)
        self.assertEqual(
            lines[0].product_id,
            self.env.ref("dunning_levels_fr.product_late_payment_penalty"),
        )
        self.assertEqual(late.dunning_fr_penalty_move_id, penalty_move)
        history = late.dunning_history_ids.filtered(
            lambda h: h.action == "penalty_invoiced"
        )
        self.assertIn(penalty_move.display_name, history.note)
        with self.assertRaises(UserError):
            late.action_dunning_fr_create_penalty_invoice()

    @freeze_time("2025-06-01")
    def test_configured_products_and_nothing_for_consumers(self):
        """Configured products are used; a consumer before notice owes nothing."""
        product = self.env["product.product"].create({"name": "Pénalités"})
        self.company.dunning_fr_penalty_product_id = product
        invoice = self.create_invoice(self.b2b, "2025-05-01", 100.0)
        action = invoice.action_dunning_fr_create_penalty_invoice()
        penalty_move = self.env["account.move"].browse(action["res_id"])
        self.assertEqual(penalty_move.invoice_line_ids[0].product_id, product)
        consumer_invoice = self.create_invoice(self.b2c, "2025-01-10", 100.0)
        with self.assertRaises(UserError):
            consumer_invoice.action_dunning_fr_create_penalty_invoice()
