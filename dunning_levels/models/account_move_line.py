# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _reconcile_post_hook(self, data):
        # EXTENDS 'account'
        # A reconciliation is what makes an invoice paid, in payment or
        # reversed (credit note): its open reminders are closed then.
        res = super()._reconcile_post_hook(data)
        invoices = data["not_paid_invoices"] | data["in_payment_invoices"]
        invoices._dunning_close_settled()
        return res
