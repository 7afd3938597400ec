# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Over JSON-RPC, the salesperson reads the reminder warning of a customer
and of its quotations; an employee without sales or accounting rights reads
neither."""

from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

from .common import DunningSaleCommon


@tagged("post_install", "-at_install")
class TestSaleWarningRpc(DunningSaleCommon, HttpCase):
    def call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_warning_readable_by_salespeople_only(self):
        invoice = self.create_invoice(self.customer, "2026-01-01")
        self.remind_to_level(invoice, 1)
        order = self.create_quotation(self.customer)
        employee = new_test_user(
            self.env,
            login="dunning_sale_employee",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[self.company.id],
        )
        self.authenticate(employee.login, employee.login)
        for fname in ("dunning_warning", "dunning_max_level"):
            with (
                self.subTest(field=fname),
                mute_logger("odoo.http"),
                self.assertRaises(JsonRpcException) as caught,
            ):
                self.call("res.partner", "read", [self.customer.ids, [fname]])
            self.assertIn("AccessError", str(caught.exception))
        self.authenticate(self.salesman.login, self.salesman.login)
        [partner] = self.call(
            "res.partner",
            "read",
            [self.customer.ids, ["dunning_warning", "dunning_max_level"]],
        )
        self.assertIn("1 overdue invoice(s) totalling", partner["dunning_warning"])
        [quotation] = self.call(
            "sale.order",
            "read",
            [order.ids, ["dunning_warning", "dunning_overdue_amount"]],
        )
        self.assertEqual(quotation["dunning_warning"], partner["dunning_warning"])
        self.assertEqual(quotation["dunning_overdue_amount"], 1000.0)
