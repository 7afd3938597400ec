# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from lxml import etree
from lxml import html as lxml_html

from odoo import fields
from odoo.tests import Form, tagged
from odoo.tools import format_date

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningWorkspace(DunningCommon):
    """The workspace's rows: installments, colours, the customer's figures,
    the last call, the next level's date and the row buttons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer(ref="C-042")
        cls.thirds = cls.create_installment_term(0, 30, 60, name="Thirds")
        cls.today = fields.Date.context_today(cls.env.user)

    def days_ago(self, days):
        return fields.Date.subtract(self.today, days=days)

    def list_arch(self, view_ref, model):
        view = self.env.ref(view_ref)
        return etree.fromstring(self.env[model].get_view(view.id, "list")["arch"])

    # ------------------------------------------------------------
    # INSTALLMENTS
    # ------------------------------------------------------------

    def test_oldest_overdue_installment_shown_with_indicator(self):
        """An invoice in thirds, two overdue: its row shows the first as
        « 1/3 – date » and flags several overdue; once it is paid, the second
        alone."""
        invoice = self.create_invoice(
            self.customer, self.days_ago(45), 900.0, self.thirds
        )
        reminder = invoice._dunning_create_reminders(level=1)
        first, second = self.days_ago(45), self.days_ago(15)
        self.assertEqual(
            reminder.installment_label, f"1/3 – {format_date(self.env, first)}"
        )
        self.assertTrue(reminder.installment_several_overdue)
        self.register_payment(invoice, 300.0)
        reminder.invalidate_recordset()
        self.assertEqual(
            reminder.installment_label, f"2/3 – {format_date(self.env, second)}"
        )
        self.assertFalse(reminder.installment_several_overdue)

    def test_single_installment_shows_nothing(self):
        """An invoice due at once shows no installment."""
        reminder = self.create_invoice_at_level(self.customer, 1)
        self.assertFalse(reminder.installment_label)
        self.assertFalse(reminder.installment_several_overdue)

    def test_installments_computed_together(self):
        """The installments of a page of rows are read in a constant number
        of queries, whatever the number of rows."""
        reminders = self.env["dunning.reminder"]
        for __ in range(4):
            invoice = self.create_invoice(
                self.customer, self.days_ago(45), 900.0, self.thirds
            )
            reminders |= invoice._dunning_create_reminders(level=1)

        def read(records):
            return records.mapped("installment_label")

        # Each count on warm caches (access rules, accounts, company).
        for records in (reminders, reminders[:1]):
            self.count_queries(read, records)
        __, one = self.count_queries(read, reminders[:1])
        labels, four = self.count_queries(read, reminders)
        self.assertEqual(one, four)
        self.assertEqual(len(set(labels)), 1)

    def test_installment_column_after_due_date(self):
        """The installment column, with its indicator, follows the due date."""
        columns = self.list_arch(
            "dunning_levels.dunning_reminder_view_list", "dunning.reminder"
        ).xpath("//list/field")
        names = [node.get("name") for node in columns]
        column = columns[names.index("date_maturity") + 1]
        self.assertEqual(
            (column.get("name"), column.get("widget")),
            ("installment_label", "dunning_installment"),
        )

    # ------------------------------------------------------------
    # COLOURS
    # ------------------------------------------------------------

    def test_default_level_colours(self):
        """The three default levels come yellow, orange and red, in a new
        company too."""
        self.assertEqual(self.levels.mapped("color"), [3, 2, 1])
        other = self.setup_other_company()["company"]
        self.assertEqual(self.get_levels(other).mapped("color"), [3, 2, 1])

    def test_row_colour_follows_the_level(self):
        """A reminder and its invoice take the colour chosen on the level;
        an invoice never reminded has none."""
        level_1, level_2 = self.levels[:2]
        with Form(level_2) as form:
            form.color = 10
        reminder = self.create_invoice_at_level(self.customer, 2, sent=True)
        self.assertEqual(reminder.dunning_level_color, 10)
        self.assertEqual(reminder.move_id.dunning_level_color, 10)
        first = self.create_invoice_at_level(self.customer, 1)
        self.assertEqual(first.dunning_level_color, level_1.color)
        self.assertEqual(first.move_id.dunning_level_color, 0)
        fresh = self.create_invoice(self.customer)
        self.assertEqual(fresh.dunning_level_color, 0)

    def test_lists_carry_the_row_colour(self):
        """The workspace and the customer invoice list load the colour the
        list renderer gives to the rows."""
        for view_ref, model in (
            ("dunning_levels.dunning_reminder_view_list", "dunning.reminder"),
            ("account.view_out_invoice_tree", "account.move"),
        ):
            arch = self.list_arch(view_ref, model)
            self.assertEqual(
                arch.xpath("//field[@name='dunning_level_color']/@column_invisible"),
                ["True"],
                view_ref,
            )

    # ------------------------------------------------------------
    # CUSTOMER FIGURES, DATES, LAST CALL
    # ------------------------------------------------------------

    def test_customer_outstanding_counts_what_is_not_due(self):
        """The customer's outstanding is its whole receivable balance: the
        overdue invoice, the one not due yet, less a credit note."""
        reminder = self.create_invoice_at_level(self.customer, 1, amount=100.0)
        self.create_invoice(self.customer, fields.Date.add(self.today, days=1), 1000.0)
        self.create_invoice(self.customer, self.today, 50.0, move_type="out_refund")
        self.create_invoice(self.create_customer("Other"), self.today, 999.0)
        self.assertEqual(reminder.partner_outstanding_amount, 1050.0)
        self.assertEqual(reminder.partner_overdue_amount, 100.0)

    def test_date_next_level(self):
        """The next level's date is the oldest due date plus the next level's
        delay: the reminder's own level until it is sent, then the next one,
        none after the formal notice."""
        level_1, level_2 = self.levels[:2]
        invoice = self.create_overdue_invoice(self.customer, 20)
        reminder = invoice._dunning_create_reminders(level=1)
        due = self.days_ago(20)
        self.assertEqual(
            reminder.date_next_level, fields.Date.add(due, days=level_1.delay_days)
        )
        reminder.action_mark_sent()
        reminder.invalidate_recordset()
        self.assertEqual(
            reminder.date_next_level, fields.Date.add(due, days=level_2.delay_days)
        )
        formal = self.create_invoice_at_level(self.customer, 3, sent=True)
        self.assertFalse(formal.date_next_level)

    def test_optional_columns(self):
        """The customer's reference, its outstanding and the next level's
        date are optional columns of the workspace."""
        arch = self.list_arch(
            "dunning_levels.dunning_reminder_view_list", "dunning.reminder"
        )
        for name in ("partner_ref", "date_next_level", "partner_outstanding_amount"):
            self.assertEqual(
                arch.xpath(f"//list/field[@name='{name}']/@optional"), ["hide"], name
            )
        reminder = self.create_invoice_at_level(self.customer, 1)
        self.assertEqual(reminder.partner_ref, "C-042")

    def test_last_call_comment_beside_the_customer(self):
        """A logged call's comment shows as an indicator right after the
        customer, its text as the tooltip."""
        reminder = self.create_invoice_at_level(self.customer, 1)
        with Form(
            self.env["dunning.log.call"].with_context(
                active_model=reminder._name, active_ids=reminder.ids
            )
        ) as form:
            form.outcome = "promise"
            form.comment = "Pays on Friday"
        form.record.action_log()
        reminder.invalidate_recordset()
        self.assertIn("Pays on Friday", reminder.last_call_note)
        arch = self.list_arch(
            "dunning_levels.dunning_reminder_view_list", "dunning.reminder"
        )
        columns = arch.xpath("//list/field")
        names = [node.get("name") for node in columns]
        indicator = columns[names.index("partner_id") + 1]
        self.assertEqual(
            (indicator.get("name"), indicator.get("widget")),
            ("last_call_note", "dunning_indicator"),
        )

    # ------------------------------------------------------------
    # ROW BUTTONS
    # ------------------------------------------------------------

    def test_row_buttons(self):
        """Each row opens the customer, its payer history and sets the
        invoice's level."""
        arch = self.list_arch(
            "dunning_levels.dunning_reminder_view_list", "dunning.reminder"
        )
        buttons = arch.xpath("//list/button/@name")
        for name in (
            "action_open_customer",
            "action_open_payer_history",
            "action_set_level",
        ):
            self.assertIn(name, buttons)
        reminder = self.create_invoice_at_level(self.customer, 1).with_user(
            self.billing_user
        )
        action = reminder.action_open_customer()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("res.partner", self.customer.id)
        )
        action = reminder.action_set_level()
        self.assertEqual(action["res_model"], "dunning.set.level")
        action = reminder.action_open_payer_history()
        self.assertEqual(
            (action["type"], action["report_type"], action["context"]["active_ids"]),
            ("ir.actions.report", "qweb-html", self.customer.ids),
        )

    # ------------------------------------------------------------
    # PAYER HISTORY
    # ------------------------------------------------------------

    def test_payer_history(self):
        """The payer history lists the customer's invoices with what it owed,
        paid and still owes, and the dates its reminders 1 and 2 were sent."""
        reminder = self.create_invoice_at_level(self.customer, 2, 400.0, sent=True)
        paid = self.create_invoice(self.customer, self.days_ago(5), 250.0)
        self.register_payment(paid, 100.0)
        report = self.env["report.dunning_levels.report_dunning_payer_history"]
        values = report.with_user(self.billing_user)._get_report_values(
            self.customer.ids
        )
        (customer,) = values["customers"]
        self.assertEqual(
            (
                customer["amount_total"],
                customer["amount_paid"],
                customer["amount_residual"],
            ),
            (650.0, 100.0, 550.0),
        )
        lines = {line["invoice"]: line for line in customer["lines"]}
        sent_on = {
            history.level: fields.Date.context_today(self.env.user, history.date)
            for history in reminder.move_id.dunning_history_ids
            if history.action == "marked_sent"
        }
        self.assertEqual(lines[reminder.move_id]["reminder_dates"], sent_on)
        self.assertEqual(set(sent_on), {1, 2})
        self.assertEqual(lines[paid]["reminder_dates"], {})
        self.assertEqual(lines[paid]["amount_residual"], 150.0)
        content, __ = (
            self.env["ir.actions.report"]
            .with_user(self.billing_user)
            ._render_qweb_html(
                "dunning_levels.action_report_dunning_payer_history",
                self.customer.ids,
            )
        )
        page = lxml_html.fromstring(content)
        (row,) = [
            line
            for line in page.xpath("//tr[@name='payer_line']")
            if reminder.move_id.name in line.text_content()
        ]
        self.assertIn(
            format_date(self.env, sent_on[2]), row.xpath("./td")[-2].text_content()
        )
