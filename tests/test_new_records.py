# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Every form the suite adds or extends opens as a new, empty record, with the
whole suite installed; every computed field, onchange and constraint of the
suite copes with new records (no customer, no lines, a NewId) and with empty
recordsets.

The forms are those a user opens from the menus (Accounting > Customers >
Invoices > New, ...); the generic part reaches the methods no form shows.
"""

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.dunning_levels.tests.common import DunningCommon

SUITE = {
    "dunning_levels",
    "dunning_levels_fr",
    "dunning_levels_maileva",
    "dunning_levels_sale",
    "dunning_levels_sms",
}


@tagged("post_install", "-at_install")
class TestNewRecords(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer(
            street="3 rue Paradis", zip="13001", city="Marseille"
        )
        cls.invoice = cls.create_overdue_invoice(cls.customer, 20, amount=250.0)
        cls.env["dunning.reminder"].with_company(cls.company).generate_reminders()
        cls.reminder = cls.invoice.dunning_reminder_ids
        cls.product = cls.product_a

    # ------------------------------------------------------------
    # THE FORMS A USER OPENS
    # ------------------------------------------------------------

    def _move_form(self, move_type, **context):
        return Form(
            self.env["account.move"].with_context(
                default_move_type=move_type, **context
            )
        )

    def test_new_customer_invoice(self):
        """Accounting > Customers > Invoices > New: open, fill, empty the
        customer again, save."""
        form = self._move_form("out_invoice")
        self.assertFalse(form.partner_id)
        self.assertFalse(form.dunning_fr_prescription_date)
        self.assertEqual(form.dunning_days_overdue, 0)
        self.assertTrue(form.dunning_to_remind)
        with form.invoice_line_ids.new() as line:
            line.product_id = self.product
        form.partner_id = self.customer
        form.invoice_date = fields.Date.subtract(fields.Date.today(), years=1)
        # The prescription follows the customer and the due date.
        self.assertTrue(form.dunning_fr_prescription_date)
        form.partner_id = self.env["res.partner"]
        self.assertFalse(form.dunning_fr_prescription_date)
        form.partner_id = self.customer
        invoice = form.save()
        self.assertEqual(invoice.move_type, "out_invoice")
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")

    def test_new_credit_note(self):
        form = self._move_form("out_refund")
        self.assertFalse(form.dunning_fr_prescription_date)
        form.partner_id = self.customer
        with form.invoice_line_ids.new() as line:
            line.product_id = self.product
        refund = form.save()
        self.assertEqual(refund.move_type, "out_refund")
        self.assertFalse(refund.dunning_fr_prescription_date)

    def test_new_vendor_bill(self):
        form = self._move_form("in_invoice")
        form.partner_id = self.partner_b
        form.invoice_date = fields.Date.today()
        with form.invoice_line_ids.new() as line:
            line.product_id = self.product
        bill = form.save()
        self.assertEqual(bill.dunning_days_overdue, 0)

    def test_new_journal_entry(self):
        form = self._move_form("entry")
        with form.line_ids.new() as line:
            line.account_id = self.company_data["default_account_receivable"]
            line.partner_id = self.customer
            line.debit = 10.0
        with form.line_ids.new() as line:
            line.account_id = self.company_data["default_account_revenue"]
            line.credit = 10.0
        entry = form.save()
        self.assertEqual(entry.dunning_reminder_count, 0)

    def test_existing_invoice_under_reminder(self):
        """The form of an invoice with a reminder keeps its figures while it
        is edited (the record is then a NewId with an origin)."""
        form = Form(self.invoice)
        self.assertEqual(form.dunning_days_overdue, 20)
        self.assertEqual(form.dunning_amount_overdue, 250.0)
        form.narration = "Rappel par téléphone"
        self.assertEqual(form.dunning_days_overdue, 20)
        form.save()

    def test_new_customer(self):
        form = Form(self.env["res.partner"])
        self.assertFalse(form.dunning_warning)
        self.assertEqual(form.dunning_max_level, 0)
        form.name = "Garage Martin"
        form.company_type = "company"
        customer = form.save()
        self.assertTrue(customer.dunning_fr_is_b2b)

    def test_new_contact_of_a_customer_under_reminder(self):
        """A new contact of a reminded company shows the company's warning
        as soon as the company is chosen."""
        form = Form(self.env["res.partner"])
        form.name = "Julie Martin"
        form.parent_id = self.customer
        self.assertEqual(form.dunning_max_level, 1)
        self.assertTrue(form.dunning_warning)

    def test_new_sales_order(self):
        form = Form(self.env["sale.order"])
        self.assertFalse(form.dunning_warning)
        self.assertFalse(form.dunning_confirm_blocked)
        form.partner_id = self.customer
        self.assertTrue(form.dunning_warning)
        with form.order_line.new() as line:
            line.product_id = self.product
        order = form.save()
        self.assertEqual(order.dunning_max_level, 1)

    def test_settings(self):
        # Odoo's own settings warn, in the test company, that saving turns
        # features off (pricelists, cash basis taxes): not the suite's concern.
        with mute_logger("odoo.tests.form.onchange"):
            form = Form(self.env["res.config.settings"])
            form.save()

    def test_suite_models(self):
        """The form of each model the suite adds opens empty, for a manager."""
        env = self.env(user=self.manager_user)
        for model in (
            "dunning.level",
            "dunning.reminder",
            "dunning.history",
            "dunning.send.job",
            "dunning.rate",
            "maileva.sending",
        ):
            with self.subTest(model=model):
                form = Form(env[model])
                self.assertFalse(form._record, "a new record is not saved yet")

    def test_wizards_without_selection(self):
        """Wizards opened from nowhere (no selected record) open empty."""
        env = self.env(user=self.billing_user)
        for model in (
            "dunning.send",
            "dunning.set.level",
            "dunning.summary.wizard",
            "dunning.log.call",
        ):
            with self.subTest(model=model):
                Form(env[model])

    def test_wizards_with_selection(self):
        env = self.env(user=self.billing_user)
        reminder = self.reminder.with_env(env)
        for model in ("dunning.send", "dunning.set.level", "dunning.log.call"):
            with self.subTest(model=model):
                context = {
                    "active_model": "dunning.reminder",
                    "active_ids": reminder.ids,
                    "active_id": reminder.id,
                }
                Form(env[model].with_context(**context))
        self.send_wizard_form(self.invoice.with_env(env))

    # ------------------------------------------------------------
    # EVERY COMPUTE, ONCHANGE AND CONSTRAINT OF THE SUITE
    # ------------------------------------------------------------

    def _suite_methods(self, model):
        """Return the names of the compute, onchange and constraint methods
        that the suite's addons define or override on ``model``."""
        cls = type(model)
        computes, onchanges, constraints = set(), set(), set()
        for klass in cls.mro():
            if getattr(klass, "_module", None) not in SUITE:
                continue
            for name, attr in vars(klass).items():
                if not callable(attr):
                    continue
                if hasattr(attr, "_onchange"):
                    onchanges.add(name)
                elif hasattr(attr, "_constrains"):
                    constraints.add(name)
                elif name.startswith("_compute_"):
                    computes.add(name)
        for field in model._fields.values():
            if isinstance(field.compute, str) and (set(field._modules) & SUITE):
                computes.add(field.compute)
        return computes, onchanges, constraints

    def _suite_models(self):
        for name in sorted(self.env.registry):
            model = self.env[name]
            if model._abstract or not any(
                getattr(klass, "_module", None) in SUITE for klass in type(model).mro()
            ):
                continue
            yield model

    def test_methods_on_empty_recordsets(self):
        """Computes, onchanges and constraints of the suite do nothing on an
        empty recordset, and fail on nothing."""
        checked = 0
        for model in self._suite_models():
            computes, onchanges, constraints = self._suite_methods(model)
            for name in sorted(computes | onchanges | constraints):
                with self.subTest(model=model._name, method=name):
                    getattr(model.browse(), name)()
                    checked += 1
        # The suite has dozens of them; a change of the discovery that finds
        # none would make this test vacuous.
        self.assertGreaterEqual(checked, 35)

    def test_fields_of_new_records(self):
        """Every field the suite adds reads on a new record that has nothing
        set, as a form does before the user types anything."""
        checked = 0
        for model in self._suite_models():
            record = model.new({})
            suite_fields = [
                name
                for name, field in model._fields.items()
                if set(field._modules) & SUITE
            ]
            for name in suite_fields:
                with self.subTest(model=model._name, field=name):
                    record[name]  # the read is the test
                    checked += 1
            __, onchanges, constraints = self._suite_methods(model)
            for name in sorted(onchanges):
                with self.subTest(model=model._name, onchange=name):
                    getattr(record, name)()
            for name in sorted(constraints):
                with self.subTest(model=model._name, constraint=name):
                    # A constraint may refuse what is missing, with a
                    # message for the user; anything else is a bug.
                    try:
                        getattr(record, name)()
                    except (ValidationError, UserError, AccessError):
                        pass
        self.assertGreater(checked, 100)

    def test_new_invoice_records(self):
        """New invoices of each type, without customer, lines or currency."""
        for move_type in ("out_invoice", "out_refund", "in_invoice", "entry"):
            with self.subTest(move_type=move_type):
                move = self.env["account.move"].new(
                    {"move_type": move_type, "currency_id": False}
                )
                self.assertFalse(move.dunning_fr_prescription_soon)
                self.assertEqual(move.dunning_amount_overdue, 0.0)
                self.assertEqual(move.dunning_reminder_count, 0)
                move = self.env["account.move"].new(
                    {
                        "move_type": move_type,
                        "invoice_date_due": "2020-01-01",
                        "invoice_line_ids": [Command.create({"name": "Cours"})],
                    }
                )
                self.assertFalse(move.dunning_fr_prescription_date)
