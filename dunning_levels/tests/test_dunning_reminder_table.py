# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from lxml import html as lxml_html

from odoo.tests import tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningReminderTable(DunningCommon):
    """The workspace printed as listed: its search, grouping and selection,
    with totals per group and overall, read with the user's rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leroy = cls.create_customer("Boulangerie Leroy")
        cls.garage = cls.create_customer("Garage Martin")
        cls.leroy_1 = cls.create_invoice_at_level(cls.leroy, 1, 100.0)
        cls.leroy_2 = cls.create_invoice_at_level(cls.leroy, 2, 250.0)
        cls.garage_1 = cls.create_invoice_at_level(cls.garage, 1, 1000.0)
        cls.drafts = cls.leroy_1 | cls.leroy_2 | cls.garage_1
        cls.reminders = cls.env["dunning.reminder"].with_user(cls.billing_user)

    def print_table(self, domain, group_by=None, ids=None):
        """Click "Print Table" as the billing user; return the report action
        and the table rendered as HTML."""
        action = self.reminders.action_print_table(
            domain=domain, group_by=group_by, ids=ids
        )
        content, __ = (
            self.env["ir.actions.report"]
            .with_user(self.billing_user)
            ._render_qweb_html(action["report_name"], None, data=action["data"])
        )
        return action, lxml_html.fromstring(content)

    def rows(self, page):
        """Return the table's rows as (kind, text) pairs."""
        return [
            (row.get("class").split()[0], " ".join(row.text_content().split()))
            for row in page.xpath("//table[@name='reminder_table']//tr[@class]")
        ]

    def test_print_the_search_grouped_by_customer(self):
        """The list's search grouped by customer prints a header, its lines
        and a subtotal per customer, then the grand total."""
        action, page = self.print_table(
            [("state", "=", "draft")], group_by=["partner_id"]
        )
        self.assertEqual(
            (action["type"], action["report_type"]),
            ("ir.actions.report", "qweb-pdf"),
        )
        report = self.env.ref("dunning_levels.action_report_dunning_reminder_table")
        self.assertEqual(report.paperformat_id.orientation, "Landscape")
        kinds = [kind for kind, __ in self.rows(page)]
        self.assertEqual(
            kinds,
            [
                "o_dunning_table_group",
                "o_dunning_table_line",
                "o_dunning_table_line",
                "o_dunning_table_subtotal",
                "o_dunning_table_group",
                "o_dunning_table_line",
                "o_dunning_table_subtotal",
                "o_dunning_table_total",
            ],
        )
        texts = [text for __, text in self.rows(page)]
        self.assertIn("Boulangerie Leroy (2)", texts[0])
        self.assertIn("350.00", texts[3])
        self.assertIn("Garage Martin (1)", texts[4])
        self.assertIn("1,000.00", texts[6])
        self.assertIn("1,350.00", texts[7])

    def test_print_nested_groups_and_selection(self):
        """Grouped by level then customer, only the selected rows print, with
        a subtotal per level and per customer."""
        __, page = self.print_table(
            [("state", "=", "draft")],
            group_by=["level", "partner_id"],
            ids=(self.leroy_1 | self.garage_1).ids,
        )
        rows = self.rows(page)
        groups = [text for kind, text in rows if kind == "o_dunning_table_group"]
        self.assertEqual(
            groups, ["1 (2)", "Boulangerie Leroy (1)", "Garage Martin (1)"]
        )
        lines = [text for kind, text in rows if kind == "o_dunning_table_line"]
        self.assertEqual(len(lines), 2)
        self.assertNotIn(self.leroy_2.move_id.name, page.text_content())
        self.assertIn("1,100.00", rows[-1][1])

    def test_print_grouped_by_month(self):
        """A date grouping prints the list's period labels."""
        __, page = self.print_table(
            [("id", "in", self.drafts.ids)], group_by=["invoice_date:month"]
        )
        groups = [
            text for kind, text in self.rows(page) if kind == "o_dunning_table_group"
        ]
        months = {reminder.invoice_date.strftime("%B %Y") for reminder in self.drafts}
        self.assertEqual({group.rsplit(" (", 1)[0] for group in groups}, months)

    def test_print_reads_with_the_user_rights(self):
        """Another company's reminders never print, whatever the domain."""
        other = self.setup_other_company()["company"]
        foreign = self.create_invoice_at_level(
            self.create_customer("Foreign"), 1, company=other
        )
        __, page = self.print_table([("id", "in", (self.drafts | foreign).ids)])
        self.assertNotIn("Foreign", page.text_content())
        self.assertEqual(
            len(page.xpath("//tr[contains(@class, 'o_dunning_table_line')]")), 3
        )
