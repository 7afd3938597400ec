# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from lxml import etree

from odoo import fields
from odoo.tests import freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningWorkspaceFilters(DunningCommon):
    """Every filter and searchable field of the workspace's search view,
    applied as the web client applies it (its domain or filter_domain read
    from the view), on a hand-built set of reminders: one to send, one
    emailed and bounced, one emailed and delivered, one cancelled and paid,
    one emailed, opened and closed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = cls.today = fields.Date.context_today(cls.env.user)

        def days_ago(days):
            return fields.Date.subtract(today, days=days)

        cls.days_ago = staticmethod(days_ago)
        cls.tag = cls.env["res.partner.category"].create({"name": "Class 1A"})
        cls.payment_method = cls.company_data[
            "default_journal_bank"
        ].inbound_payment_method_line_ids[:1]
        address = {"street": "3 rue du Four", "zip": "69002", "city": "Lyon"}
        leroy = cls.create_customer(
            "Boulangerie Leroy",
            category_id=cls.tag.ids,
            property_inbound_payment_method_line_id=cls.payment_method.id,
        )
        garage = cls.create_customer("Garage Martin", **address)
        cafe = cls.create_customer("Café des Arts")
        pharmacie = cls.create_customer("Pharmacie Dubois")
        dubois = cls.create_customer("Dubois Frères")

        # To send, level 1, the billing user's invoice.
        invoice = cls.create_invoice(leroy, days_ago(20), 300.0, post=False)
        invoice.invoice_user_id = cls.billing_user
        invoice.action_post()
        cls.leroy = invoice._dunning_create_reminders(level=1)
        # Level 2 emailed, then bounced; the customer owes more, not due yet.
        invoice = cls.create_invoice(garage, days_ago(50), 2000.0, post=False)
        invoice.invoice_user_id = cls.manager_user
        invoice.action_post()
        cls.garage = invoice._dunning_create_reminders(level=2)
        cls.send_with_wizard(cls.garage, use_email=True)
        cls.garage.mail_message_id.notification_ids.sudo().notification_status = (
            "bounce"
        )
        cls.create_invoice(garage, fields.Date.add(today, days=10), 5000.0)
        # Level 3 generated 40 days ago, marked as sent.
        invoice = cls.create_invoice(cafe, days_ago(60), 800.0)
        with freeze_time(days_ago(40)):
            cls.cafe = invoice._dunning_create_reminders(level=3)
        # Emailed and delivered, no opening seen.
        cls.send_with_wizard(cls.cafe, use_email=True)
        cls.cafe.mail_message_id.notification_ids.sudo().notification_status = "sent"
        # Level 1 cancelled: the invoice was never reminded, then paid, so the
        # customer owes nothing.
        invoice = cls.create_invoice(pharmacie, days_ago(20), 150.0)
        cls.pharmacie = invoice._dunning_create_reminders(level=1)
        cls.pharmacie.action_cancel()
        cls.register_payment(invoice)
        # Level 2 sent, then closed.
        invoice = cls.create_invoice(dubois, days_ago(35), 500.0)
        cls.dubois = invoice._dunning_create_reminders(level=2)
        # Emailed, delivered and opened, then closed.
        cls.send_with_wizard(cls.dubois, use_email=True)
        cls.dubois.mail_message_id.notification_ids.sudo().notification_status = "sent"
        cls.env["dunning.reminder"]._email_record_opening(cls.dubois.mail_message_id.id)
        cls.dubois.action_close()
        cls.all = cls.leroy | cls.garage | cls.cafe | cls.pharmacie | cls.dubois
        # The customers' answers: Leroy promises to pay, Garage Martin
        # disputes, the café says it paid; Dubois Frères promised, and the
        # morning generation found the promise broken.
        cls.leroy.move_id._dunning_promise_to_pay(fields.Date.add(today, days=10))
        cls.garage.move_id._dunning_open_dispute(
            cls.env.ref("dunning_levels.dunning_dispute_reason_defective")
        )
        cls.cafe.move_id._dunning_announce_payment(today, 800.0, "transfer")
        cls.dubois.move_id._dunning_promise_to_pay(today)
        with freeze_time(fields.Date.add(today, days=5)):
            cls.env.ref(
                "dunning_levels.ir_cron_dunning_generate"
            ).method_direct_trigger()

    def get_search_nodes(self):
        """Return the workspace's filters and search fields, by key: the
        filter's name, or the field's ``name:string``.

        Those of this addon's view only: the addons extending it test theirs.
        """
        arch = etree.fromstring(
            self.env.ref("dunning_levels.dunning_reminder_view_search").arch
        )
        nodes = {}
        for node in arch.xpath("//filter[not(ancestor::group)]"):
            nodes[node.get("name")] = node
        for node in arch.xpath("//field"):
            nodes[f"{node.get('name')}:{node.get('string') or ''}"] = node
        return nodes

    def get_domain(self, node, value):
        """Return the domain the web client searches with for ``node``.

        :param value: for a field, what the user typed or picked (a record
            id for relational fields); for a date filter, the period as a
            ``(start, end)`` pair
        """
        if node.tag == "filter" and node.get("date"):
            start, end = value
            return [(node.get("date"), ">=", start), (node.get("date"), "<=", end)]
        if node.tag == "filter":
            return safe_eval(node.get("domain"))
        if node.get("filter_domain"):
            return safe_eval(node.get("filter_domain"), {"self": value})
        field = self.env["dunning.reminder"]._fields[node.get("name")]
        operator = node.get("operator") or (
            "=" if isinstance(value, int) or field.type == "selection" else "ilike"
        )
        return [(node.get("name"), operator, value)]

    def test_every_filter(self):
        """Each filter of the view finds exactly its reminders; a filter
        added without its case here fails the test."""
        period = (self.days_ago(45), self.days_ago(35))
        cases = {
            # Search fields.
            "partner_id:": (self.leroy.partner_id.id, self.leroy),
            "move_id:Invoice number": (self.garage.move_id.name, self.garage),
            "invoice_user_id:": (self.billing_user.id, self.leroy),
            "partner_category_ids:Customer Tag": (self.tag.id, self.leroy),
            "payment_method_line_id:": (self.payment_method.id, self.leroy),
            "level:": (2, self.garage | self.dubois),
            "days_overdue_now:Days overdue at least": (40, self.garage | self.cafe),
            "partner_overdue_amount:Customer overdue at least": (1000, self.garage),
            "partner_outstanding_amount:Customer outstanding at least": (
                5000,
                self.garage,
            ),
            "partner_outstanding_amount:Customer outstanding at most": (
                400,
                self.leroy | self.pharmacie,
            ),
            "channel:": ("email", self.garage | self.cafe | self.dubois),
            # Status.
            "filter_draft": (None, self.leroy),
            "filter_sent": (None, self.garage | self.cafe),
            "filter_open": (None, self.leroy | self.garage | self.cafe),
            "filter_closed": (None, self.dubois),
            "filter_cancelled": (None, self.pharmacie),
            "filter_email_failed": (None, self.garage),
            "filter_email_opened": (None, self.dubois),
            "filter_email_not_seen": (None, self.cafe),
            # Levels.
            "filter_level_1": (None, self.leroy | self.pharmacie),
            "filter_level_2": (None, self.garage | self.dubois),
            "filter_level_3": (None, self.cafe),
            "filter_never_reminded": (None, self.leroy | self.pharmacie),
            # Customers' answers.
            "filter_pause_promise": (None, self.leroy),
            "filter_promise_broken": (None, self.dubois),
            "filter_pause_dispute": (None, self.garage),
            "filter_pause_payment": (None, self.cafe),
            # Periods.
            "filter_invoice_date": (period, self.dubois),
            "filter_generated_date": (period, self.cafe),
            "filter_date_maturity": (
                (self.days_ago(55), self.days_ago(45)),
                self.garage,
            ),
        }
        nodes = self.get_search_nodes()
        self.assertEqual(sorted(nodes), sorted(cases), "a filter has no test case")
        reminders = self.env["dunning.reminder"].with_user(self.billing_user)
        for key, (value, expected) in cases.items():
            with self.subTest(filter=key):
                domain = self.get_domain(nodes[key], value)
                found = reminders.search(domain + [("id", "in", self.all.ids)])
                self.assertEqual(found.ids, expected.sorted().ids, f"{key}: {domain}")
