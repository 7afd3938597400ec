# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The receivables analysis on hand-built data: the ageing buckets, the DSO
of a month, what each reminder recovered and the workspace's dashboard.

The ageing and DSO views compute with the database's date: their data is
dated from today, never frozen; the sendings are dated by freezing time."""

import calendar

from odoo import Command, fields
from odoo.tests import freeze_time, tagged

from .common import DunningCommon


class DunningAnalysisCommon(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user)

    @classmethod
    def days_ago(cls, days):
        return fields.Date.subtract(cls.today, days=days)

    def read_report(self, model, groupby, aggregates, domain=(), env=None):
        """Return ``{group key: aggregates}`` of ``model`` for the test
        company, as the pivot and graph views read them."""
        env = env or self.env
        groups = env[model]._read_group(
            [("company_id", "=", self.company.id), *domain], groupby, aggregates
        )
        return {
            tuple(group[: len(groupby)]): tuple(group[len(groupby) :])
            for group in groups
        }


@tagged("post_install", "-at_install")
class TestDunningAgeing(DunningAnalysisCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leroy = cls.create_customer("Boulangerie Leroy")
        cls.garage = cls.create_customer("Garage Martin")

    def ageing(self, groupby=("partner_id", "bucket"), domain=()):
        return {
            key: amount
            for key, (amount,) in self.read_report(
                "dunning.ageing.report", list(groupby), ["amount_residual:sum"], domain
            ).items()
        }

    def test_invoice_45_days_overdue_lands_in_31_60(self):
        """An invoice 45 days overdue is in the 31-60 days bucket, for its
        open amount after a partial payment."""
        invoice = self.create_overdue_invoice(self.leroy, 45, 1000.0)
        self.register_payment(invoice, amount=400.0)
        self.assertEqual(self.ageing(), {(self.leroy, "31_60"): 600.0})
        (line,) = self.env["dunning.ageing.report"].search(
            [("move_id", "=", invoice.id)]
        )
        self.assertEqual(line.days_overdue, 45)
        self.assertEqual(line.partner_id, self.leroy)

    def test_buckets_by_customer(self):
        """Each installment lands in the bucket of its own due date; credit
        notes count negative; the bounds belong to the lower bucket; paid
        invoices are gone."""
        # 60 days ago, in halves: 300 due 60 days ago, 300 30 days ago.
        halves = self.create_installment_term(0, 30, name="Halves")
        self.create_invoice(self.leroy, self.days_ago(60), 600.0, halves)
        # Due today: not overdue yet.
        self.create_overdue_invoice(self.leroy, 0, 50.0)
        self.create_overdue_invoice(self.leroy, 90, 25.0)
        self.create_overdue_invoice(self.leroy, 91, 70.0)
        self.create_overdue_invoice(self.garage, 1, 20.0)
        self.create_overdue_invoice(self.garage, 61, 40.0)
        self.create_invoice(
            self.garage, self.days_ago(10), 15.0, move_type="out_refund"
        )
        paid = self.create_overdue_invoice(self.garage, 200, 500.0)
        self.register_payment(paid)
        self.assertEqual(
            self.ageing(),
            {
                (self.leroy, "0_not_due"): 50.0,
                (self.leroy, "1_30"): 300.0,
                (self.leroy, "31_60"): 300.0,
                (self.leroy, "61_90"): 25.0,
                (self.leroy, "91_more"): 70.0,
                (self.garage, "1_30"): 20.0 - 15.0,
                (self.garage, "61_90"): 40.0,
            },
        )
        # The pivot's totals: by customer, and overall.
        self.assertEqual(
            self.ageing(groupby=["partner_id"]),
            {(self.leroy,): 745.0, (self.garage,): 45.0},
        )
        self.assertEqual(self.ageing(groupby=[]), {(): 790.0})
        # The pivot's columns: each bucket's amount is a measure, by customer.
        measures = [
            "amount_not_due:sum",
            "amount_1_30:sum",
            "amount_31_60:sum",
            "amount_61_90:sum",
            "amount_over_90:sum",
            "amount_residual:sum",
        ]
        self.assertEqual(
            self.read_report("dunning.ageing.report", ["partner_id"], measures),
            {
                (self.leroy,): (50.0, 300.0, 300.0, 25.0, 70.0, 745.0),
                (self.garage,): (0.0, 5.0, 0.0, 40.0, 0.0, 45.0),
            },
        )

    def test_pivot_reads_only_the_customers_names(self):
        """The pivot by customer names its customers from their name columns
        only: Odoo would read every column of res.partner, in one query per
        1,000 customers."""
        self.create_overdue_invoice(self.leroy, 10, 100.0)
        self.create_overdue_invoice(self.garage, 40, 60.0)
        self.env.invalidate_all()
        groups = self.env["dunning.ageing.report"].read_group(
            [("company_id", "=", self.company.id)],
            ["amount_31_60:sum"],
            ["partner_id"],
        )
        self.assertEqual(
            {group["partner_id"][1]: group["amount_31_60"] for group in groups},
            {"Boulangerie Leroy": 0.0, "Garage Martin": 60.0},
        )
        website = self.env["res.partner"]._fields["website"]
        for partner in (self.leroy, self.garage):
            self.assertFalse(self.env.cache.contains(partner, website))

    def test_highest_level_and_salesperson(self):
        """An invoice's rows carry its reminder level; grouped by customer,
        the highest one; the salesperson and payment method of the invoice."""
        reminder = self.create_invoice_at_level(self.leroy, 2, 100.0, sent=True)
        self.create_overdue_invoice(self.leroy, 3, 10.0)
        reminder.move_id.invoice_user_id = self.billing_user
        groups = self.read_report(
            "dunning.ageing.report",
            ["partner_id"],
            ["dunning_level:max", "amount_residual:sum"],
        )
        self.assertEqual(groups, {(self.leroy,): (2, 110.0)})
        by_salesperson = self.ageing(groupby=["invoice_user_id"])
        self.assertEqual(by_salesperson[(self.billing_user,)], 100.0)
        line = self.env["dunning.ageing.report"].search(
            [("move_id", "=", reminder.move_id.id)]
        )
        self.assertEqual(
            line.payment_method_line_id,
            reminder.move_id.preferred_payment_method_line_id,
        )

    def test_foreign_currency_in_company_currency(self):
        """An invoice in a foreign currency counts its open amount in the
        company currency, at the invoice's rate."""
        currency = self.setup_other_currency("EUR", rates=[("2000-01-01", 2.0)])
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.leroy.id,
                "currency_id": currency.id,
                "invoice_date": self.days_ago(40),
                "invoice_date_due": self.days_ago(40),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Prestation",
                            "price_unit": 300.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()
        self.assertEqual(self.ageing(), {(self.leroy, "31_60"): 150.0})

    def test_filter_by_customer_tag(self):
        """The customers of a tag (a pupil's class) are filtered through the
        customer: each amount counts once."""
        tag = self.env["res.partner.category"].create({"name": "6e B"})
        self.leroy.category_id = tag
        self.create_overdue_invoice(self.leroy, 5, 80.0)
        self.create_overdue_invoice(self.garage, 5, 30.0)
        self.assertEqual(
            self.ageing(
                groupby=["partner_id"], domain=[("partner_category_ids", "in", tag.ids)]
            ),
            {(self.leroy,): 80.0},
        )

    def test_printed_ageing_by_customer(self):
        """The PDF sums the printed rows by customer and bucket, with the
        highest level of each customer and the totals."""
        self.create_invoice_at_level(self.leroy, 1, 200.0, days_overdue=45, sent=True)
        self.create_overdue_invoice(self.leroy, 5, 100.0)
        self.create_overdue_invoice(self.garage, 95, 80.0)
        rows = self.env["dunning.ageing.report"].search(
            [("company_id", "=", self.company.id)]
        )
        report = self.env.ref("dunning_levels.action_report_dunning_ageing")
        html = str(report._render_qweb_html(report.report_name, rows.ids)[0])
        values = self.env[
            "report.dunning_levels.report_dunning_ageing"
        ]._get_report_values(rows.ids)
        (table,) = values["tables"]
        self.assertEqual(table["company"], self.company)
        self.assertEqual(
            [
                (line["partner"], line["level"], line["amounts"], line["total"])
                for line in table["lines"]
            ],
            [
                (
                    self.leroy,
                    1,
                    {
                        "0_not_due": 0.0,
                        "1_30": 100.0,
                        "31_60": 200.0,
                        "61_90": 0.0,
                        "91_more": 0.0,
                    },
                    300.0,
                ),
                (
                    self.garage,
                    0,
                    {
                        "0_not_due": 0.0,
                        "1_30": 0.0,
                        "31_60": 0.0,
                        "61_90": 0.0,
                        "91_more": 80.0,
                    },
                    80.0,
                ),
            ],
        )
        self.assertEqual(table["totals"]["1_30"], 100.0)
        self.assertEqual(table["total"], 380.0)
        for text in ("Boulangerie Leroy", "Garage Martin", "31-60 Days", "380.00"):
            self.assertIn(text, html)


@tagged("post_install", "-at_install")
class TestDunningDso(DunningAnalysisCommon):
    def test_dso_of_last_month(self):
        """Last month: 1,500 invoiced, 300 paid, 1,200 still owed at its
        end: DSO = 1,200 / 1,500 x the days of that month."""
        customer = self.create_customer()
        last_month = fields.Date.subtract(self.today.replace(day=1), months=1)
        first = self.create_invoice(customer, last_month, 1000.0)
        self.create_invoice(customer, last_month.replace(day=2), 500.0)
        self.register_payment(
            first, amount=300.0, payment_date=last_month.replace(day=10)
        )
        days = calendar.monthrange(last_month.year, last_month.month)[1]
        dso = self.env["dunning.dso.report"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(len(dso), 12)
        row = dso.filtered(lambda r: r.date == last_month)
        self.assertEqual(row.receivable_amount, 1200.0)
        self.assertEqual(row.sales_amount, 1500.0)
        self.assertEqual(row.days, days)
        self.assertAlmostEqual(row.dso, round(1200.0 / 1500.0 * days, 1))
        # The current month: no sale, no DSO; its days are those up to today.
        current = dso.filtered(lambda r: r.date == self.today.replace(day=1))
        self.assertEqual(current.receivable_amount, 1200.0)
        self.assertFalse(current.dso)
        self.assertEqual(current.days, self.today.day)
        # The trend starts eleven months before the current one.
        self.assertEqual(
            min(dso.mapped("date")),
            fields.Date.subtract(self.today.replace(day=1), months=11),
        )


@tagged("post_install", "-at_install")
class TestDunningEffectiveness(DunningAnalysisCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer()

    def effectiveness(self, invoice):
        return self.env["dunning.effectiveness.report"].search(
            [("move_id", "=", invoice.id)], order="date"
        )

    def test_paid_5_days_after_level_1_email(self):
        """An invoice paid 5 days after its level-1 email counts as recovered
        within 7 days at level 1 by email, for its whole amount."""
        with freeze_time(self.days_ago(5)):
            reminder = self.create_invoice_at_level(self.customer, 1, 250.0)
            self.send_with_wizard(reminder, use_email=True, use_letter=False)
        unpaid = self.create_invoice_at_level(self.customer, 1, 80.0)
        self.send_with_wizard(unpaid, use_email=True, use_letter=False)
        self.register_payment(reminder.move_id)
        row = self.effectiveness(reminder.move_id)
        self.assertRecordValues(
            row,
            [
                {
                    "level": "1",
                    "channel": "email",
                    "date": self.days_ago(5),
                    "paid_date": self.today,
                    "days_to_payment": 5,
                    "paid_count": 1,
                    "paid_7_count": 1,
                    "paid_15_count": 1,
                    "paid_30_count": 1,
                    "amount_recovered": 250.0,
                    "recovery_date": self.today,
                }
            ],
        )
        self.assertRecordValues(
            self.effectiveness(unpaid.move_id),
            [{"paid_count": 0, "paid_7_count": 0, "amount_recovered": 0.0}],
        )
        # The graph by level and channel.
        self.assertEqual(
            self.read_report(
                "dunning.effectiveness.report",
                ["level", "channel"],
                ["__count", "paid_7_count:sum", "amount_recovered:sum"],
            ),
            {("1", "email"): (2, 1, 250.0)},
        )

    def test_each_payment_credited_to_the_last_reminder_before_it(self):
        """Level 1 marked sent, 300 paid, then level 2 emailed and the 700
        left paid 8 days later: level 1 recovered 300 without the invoice
        paid, level 2 recovered 700 and got it paid within 15 days."""
        invoice = self.create_overdue_invoice(self.customer, 40, 1000.0)
        with freeze_time(self.days_ago(20)):
            self.remind_to_level(invoice, 1, sent=True)
        self.register_payment(invoice, 300.0, self.days_ago(15))
        with freeze_time(self.days_ago(10)):
            second = self.generate().filtered(lambda r: r.move_id == invoice)
            self.assertEqual(second.level, 2)
            self.send_with_wizard(second, use_email=True, use_letter=False)
        self.register_payment(invoice, 700.0, self.days_ago(2))
        self.assertRecordValues(
            self.effectiveness(invoice),
            [
                {
                    "level": "1",
                    "channel": "manual",
                    "date": self.days_ago(20),
                    "next_date": self.days_ago(10),
                    "paid_date": False,
                    "days_to_payment": 0,
                    "paid_count": 0,
                    "paid_7_count": 0,
                    "paid_15_count": 0,
                    "paid_30_count": 0,
                    "amount_recovered": 300.0,
                    "recovery_date": self.days_ago(15),
                },
                {
                    "level": "2",
                    "channel": "email",
                    "date": self.days_ago(10),
                    "next_date": False,
                    "paid_date": self.days_ago(2),
                    "days_to_payment": 8,
                    "paid_count": 1,
                    "paid_7_count": 0,
                    "paid_15_count": 1,
                    "paid_30_count": 1,
                    "amount_recovered": 700.0,
                    "recovery_date": self.days_ago(2),
                },
            ],
        )

    def test_credit_note_is_not_recovered(self):
        """An invoice settled by a credit note after its reminder is paid,
        with nothing recovered."""
        reminder = self.create_invoice_at_level(self.customer, 1, 60.0, sent=True)
        invoice = reminder.move_id
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id})
        )
        reversal.modify_moves()
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertRecordValues(
            self.effectiveness(invoice), [{"paid_count": 0, "amount_recovered": 0.0}]
        )


@tagged("post_install", "-at_install")
class TestDunningDashboard(DunningAnalysisCommon):
    def test_dashboard_figures(self):
        """Overdue amounts by level, reminders to send, this month's
        recovery and median days by level, each with the list it adds up."""
        leroy = self.create_customer("Boulangerie Leroy")
        garage = self.create_customer("Garage Martin")
        # Never reminded: 40 overdue, 500 not due yet.
        self.create_overdue_invoice(leroy, 3, 40.0)
        self.create_invoice(leroy, self.today, 500.0, self.create_installment_term(30))
        # Level 1, to send (not counted at level 1 before it is sent).
        to_send = self.create_invoice_at_level(garage, 1, 120.0)
        # Level 2, sent: 200 overdue.
        self.create_invoice_at_level(garage, 2, 200.0, sent=True)
        # Level 1 sent 4 days ago and 10 days ago, both paid today.
        with freeze_time(self.days_ago(4)):
            fast = self.create_invoice_at_level(leroy, 1, 70.0)
            self.send_with_wizard(fast, use_email=True, use_letter=False)
        with freeze_time(self.days_ago(10)):
            slow = self.create_invoice_at_level(leroy, 1, 30.0, sent=True)
        self.register_payment(fast.move_id)
        self.register_payment(slow.move_id)

        data = (
            self.env["dunning.reminder"]
            .with_user(self.billing_user)
            .get_dashboard_data()
        )
        self.assertEqual(data["currency_id"], self.company.currency_id.id)
        self.assertEqual(
            [(f["level"], f["amount"]) for f in data["overdue"]],
            [(0, 40.0 + 120.0), (1, 0.0), (2, 200.0), (3, 0.0)],
        )
        self.assertEqual(data["to_send"]["count"], 1)
        self.assertEqual(data["recovered"]["amount"], 100.0)
        self.assertEqual(
            [(f["level"], f["days"]) for f in data["median_days"]],
            [(1, 7.0), (2, None), (3, None)],
        )
        # Each figure opens the rows it adds up.
        env = self.env(user=self.billing_user)
        level_0 = data["overdue"][0]["action"]
        self.assertEqual(level_0["res_model"], "dunning.ageing.report")
        self.assertEqual(level_0["views"][0][1], "list")
        rows = env[level_0["res_model"]].search(level_0["domain"])
        self.assertEqual(sum(rows.mapped("amount_residual")), 160.0)
        to_send_action = data["to_send"]["action"]
        self.assertEqual(to_send_action["res_model"], "dunning.reminder")
        self.assertEqual(to_send_action["context"], {"search_default_filter_draft": 1})
        self.assertEqual(
            env["dunning.reminder"].search([("state", "=", "draft")]), to_send
        )
        recovered = data["recovered"]["action"]
        self.assertEqual(
            env[recovered["res_model"]].search(recovered["domain"]).move_id,
            fast.move_id | slow.move_id,
        )
        median = data["median_days"][0]["action"]
        self.assertEqual(
            env[median["res_model"]].search(median["domain"]).move_id,
            fast.move_id | slow.move_id,
        )

    def test_dashboard_queries_do_not_grow_with_the_data(self):
        """The dashboard runs as many queries for three customers' reminders
        as for one."""
        dashboard = self.env["dunning.reminder"].with_user(self.billing_user)
        self.create_invoice_at_level(self.create_customer("A"), 1, 10.0, sent=True)
        # The first call fills the caches of the rules and access rights.
        self.count_queries(dashboard.get_dashboard_data)
        __, one = self.count_queries(dashboard.get_dashboard_data)
        for name in ("B", "C"):
            customer = self.create_customer(name)
            self.create_invoice_at_level(customer, 2, 10.0, sent=True)
            self.register_payment(self.create_invoice_at_level(customer, 1).move_id)
        self.count_queries(dashboard.get_dashboard_data)
        __, three = self.count_queries(dashboard.get_dashboard_data)
        self.assertEqual(three, one)

    def test_dashboard_customer_answers(self):
        """Promises kept and broken, disputes opened and resolved over the
        last year, each opening its answers."""
        customer = self.create_customer()
        kept, broken, disputed, resolved = (
            self.create_invoice_at_level(customer, 1, amount, sent=True).move_id
            for amount in (10.0, 20.0, 30.0, 40.0)
        )
        kept._dunning_promise_to_pay(self.days_ago(-5), channel="phone")
        self.register_payment(kept)
        broken._dunning_promise_to_pay(self.days_ago(-2), channel="phone")
        # The promise's pause is over: the generation finds it broken.
        self.generate(self.days_ago(-30))
        reason = self.env.ref("dunning_levels.dunning_dispute_reason_defective")
        disputed._dunning_open_dispute(reason, channel="phone")
        resolved._dunning_open_dispute(reason, channel="phone").action_resolve()

        data = self.env["dunning.reminder"].with_user(self.billing_user)
        answers = data.get_dashboard_data()["answers"]
        self.assertEqual(
            [(figure["key"], figure["count"]) for figure in answers],
            [
                ("promise_kept", 1),
                ("promise_broken", 1),
                ("dispute_opened", 2),
                ("dispute_resolved", 1),
            ],
        )
        env = self.env(user=self.billing_user)
        opened = answers[2]["action"]
        self.assertEqual(opened["res_model"], "dunning.answer")
        self.assertEqual(
            env["dunning.answer"].search(opened["domain"]).move_ids,
            disputed | resolved,
        )
        self.assertEqual(
            env["dunning.answer"].search(answers[1]["action"]["domain"]).move_ids,
            broken,
        )
