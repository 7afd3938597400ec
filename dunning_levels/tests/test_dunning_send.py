# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import Form, freeze_time, tagged
from odoo.tools import format_amount

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningSend(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer(
            "Boulangerie Leroy",
            email="compta@leroy.example",
            street="3 rue du Four",
            zip="69002",
            city="Lyon",
            country_id=cls.env.ref("base.fr").id,
            phone="+33 4 78 00 00 01",
        )
        cls.other = cls.create_customer(
            "Garage Dubois",
            email="garage@dubois.example",
            street="8 avenue Jean Jaurès",
            zip="69007",
            city="Lyon",
            lang="fr_FR",
        )
        cls.invoice_1 = cls.create_invoice(cls.customer, "2026-01-01", 1000.0)
        cls.invoice_2 = cls.create_invoice(cls.customer, "2026-01-05", 500.0)
        cls.invoice_3 = cls.create_invoice(cls.other, "2026-01-03", 300.0)

    def _wizard(self, records, **values):
        """Open the sending wizard on ``records`` (as their user) with ``values``."""
        return self.open_send_wizard(records, **values)

    def _generate(self):
        with freeze_time("2026-02-01"):
            return self.generate("2026-02-01")

    def test_email_per_customer(self):
        """One email per customer, in the oldest invoice's chatter."""
        reminders = self._generate()
        self.assertEqual(len(reminders), 3)
        wizard = self._wizard(reminders, use_email=True, grouping="customer")
        self.assertIn("<td>1</td>", wizard.preview_html)
        with freeze_time("2026-02-02 09:00:00"):
            wizard.action_send()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(set(reminders.mapped("state")), {"sent"})
        self.assertEqual(set(reminders.mapped("channel")), {"email"})
        leroy = reminders.filtered(lambda r: r.partner_id == self.customer)
        message = leroy.mail_message_id
        self.assertEqual(len(message), 1)
        self.assertEqual(message.model, "account.move")
        self.assertEqual(message.res_id, self.invoice_1.id)
        self.assertEqual(message.partner_ids, self.customer)
        self.assertIn(self.invoice_1.name, message.body)
        self.assertIn(self.invoice_2.name, message.body)
        self.assertNotIn(self.invoice_3.name, message.body)
        self.assertIn(self.company.name, message.subject)
        self.assertEqual(leroy.mapped("email_status"), ["queued", "queued"])
        dubois = reminders - leroy
        self.assertIn("Madame, Monsieur,", dubois.mail_message_id.body)
        self.assertEqual(self.invoice_1.dunning_level, 1)
        history = self.invoice_2.dunning_history_ids.filtered(
            lambda h: h.action == "sent"
        )
        self.assertEqual(history.channel, "email")
        self.assertIn("3 reminder(s) sent, 0 failure(s)", wizard.summary_html)

    def test_email_links_to_invoice_portal(self):
        """The invoices of a mass sending get their portal access tokens at
        once; a token already given is kept; each email links with it."""
        self.invoice_3._portal_ensure_token()
        known_token = self.invoice_3.access_token
        self.assertFalse(self.invoice_1.access_token)
        reminders = self._generate()
        self._wizard(reminders, use_email=True, grouping="customer").action_send()
        invoices = self.invoice_1 | self.invoice_2 | self.invoice_3
        tokens = invoices.mapped("access_token")
        self.assertTrue(all(tokens))
        self.assertEqual(len(set(tokens)), 3)
        self.assertEqual(self.invoice_3.access_token, known_token)
        for invoice in (self.invoice_1, self.invoice_3):
            message = reminders.filtered(lambda r, i=invoice: r.move_id == i)
            mail = self.env["mail.mail"].search(
                [("mail_message_id", "=", message.mail_message_id.id)]
            )
            self.assertIn(f"access_token={invoice.access_token}", mail.body_html)

    def test_wizard_form_with_same_due_dates(self):
        """The wizard opens on reminders due the same day (new records sorted)."""
        same_day = self.create_invoice(self.other, "2026-01-03", 200.0)
        reminders = self._generate()
        self.assertIn(same_day, reminders.move_id)
        wizard = self._wizard(reminders, use_letter=True, sort_key="category")
        self.assertIn("<td>1</td>", wizard.preview_html)
        wizard.action_send()
        self.assertEqual(len(reminders.filtered(lambda r: r.state == "sent")), 4)

    def test_email_per_invoice(self):
        """One email per invoice when asked."""
        reminders = self._generate()
        self._wizard(reminders, grouping="invoice").action_send()
        self.assertEqual(len(reminders.mail_message_id), 3)

    def test_email_delivery_state(self):
        """The reminder shows its email's delivery state."""
        reminder = self._generate().filtered(lambda r: r.move_id == self.invoice_3)
        self._wizard(reminder).action_send()
        notification = reminder.mail_message_id.notification_ids
        self.assertEqual(notification.res_partner_id, self.other)
        notification.sudo().notification_status = "bounce"
        reminder.invalidate_recordset(["email_status"])
        self.assertEqual(reminder.email_status, "bounce")

    def test_formal_notice_email_attaches_invoices(self):
        """At level 3 the email carries a copy of each invoice."""
        for day in ("2026-02-01", "2026-02-10", "2026-02-20"):
            with freeze_time(day):
                reminder = self.generate(day).filtered(
                    lambda r: r.move_id == self.invoice_3
                )
                if reminder.level < 3:
                    reminder.action_mark_sent()
        self.assertEqual(reminder.level, 3)
        self._wizard(reminder, use_email=True).action_send()
        attachments = reminder.mail_message_id.attachment_ids
        self.assertEqual(len(attachments), 1)
        self.assertIn(self.invoice_3.name.replace("/", "_"), attachments.name)
        self.assertIn("mettons en demeure", reminder.mail_message_id.body)

    def test_failure_does_not_abort_batch(self):
        """A customer without email fails with its reason; the others are sent."""
        self.other.email = False
        reminders = self._generate()
        wizard = self._wizard(reminders)
        self.assertTrue(wizard.has_problems)
        self.assertIn("Garage Dubois has no email address.", wizard.preview_html)
        wizard.action_send()
        failed = reminders.filtered(lambda r: r.partner_id == self.other)
        self.assertEqual(failed.state, "draft")
        self.assertEqual(
            failed.history_ids.filtered(lambda h: h.action == "failed").note,
            "Garage Dubois has no email address.",
        )
        self.assertEqual(set((reminders - failed).mapped("state")), {"sent"})
        self.assertIn("2 reminder(s) sent, 1 failure(s)", wizard.summary_html)
        self.assertIn("Garage Dubois has no email address.", wizard.summary_html)

    def test_email_and_letter_at_once(self):
        """Email and letter together: one PDF for the batch, both in the history."""
        reminders = self._generate()
        wizard = self._wizard(reminders, use_email=True, use_letter=True)
        wizard.action_send()
        self.assertTrue(wizard.letter_attachment_id)
        self.assertEqual(reminders.letter_attachment_id, wizard.letter_attachment_id)
        self.assertEqual(set(reminders.mapped("channel")), {"email"})
        history = self.invoice_1.dunning_history_ids.filtered(
            lambda h: h.action == "sent"
        )
        self.assertEqual(sorted(history.mapped("channel")), ["email", "letter"])
        action = reminders[0].action_print_letter()
        self.assertIn(f"/web/content/{wizard.letter_attachment_id.id}", action["url"])

    def test_letter_refused_without_address(self):
        """A customer without postal address fails the letter, not the batch."""
        self.other.write({"street": False})
        reminders = self._generate()
        wizard = self._wizard(reminders, use_email=False, use_letter=True)
        wizard.action_send()
        self.assertIn("incomplete postal address", wizard.summary_html)
        self.assertEqual(
            reminders.filtered(lambda r: r.partner_id == self.other).state, "draft"
        )
        self.assertEqual(
            set(
                reminders.filtered(lambda r: r.partner_id == self.customer).mapped(
                    "state"
                )
            ),
            {"sent"},
        )

    def test_email_total_in_the_invoices_currency(self):
        """An invoice in another currency than the company's: the email's
        total is in that currency, as its lines are, not converted."""
        euro = self.setup_other_currency("EUR", rates=[("2025-01-01", 2.0)])
        customer = self.create_customer("Hôtel Bellevue", email="hotel@example.com")
        invoice = self.create_invoice(customer, "2026-01-04", 1000.0, post=False)
        invoice.currency_id = euro
        invoice.action_post()
        self.assertEqual(invoice.amount_residual_signed, 500.0)
        reminder = self._generate().filtered(lambda r: r.move_id == invoice)
        self._wizard(reminder).action_send()
        body = str(reminder.mail_message_id.body).replace("&nbsp;", "\xa0")
        total = format_amount(self.env, 1000.0, euro)
        self.assertIn(f"Total overdue: <strong>{total}</strong>", body)
        self.assertNotIn("500.00", body)

    def test_email_with_statement(self):
        """The customer statement can go with the email."""
        reminders = self._generate().filtered(lambda r: r.partner_id == self.customer)
        self._wizard(reminders, attach_statement=True).action_send()
        names = reminders.mail_message_id.attachment_ids.mapped("name")
        self.assertEqual(names, ["Statement Boulangerie Leroy.pdf"])

    def test_phone_list_changes_no_level(self):
        """The call list is produced without changing any level."""
        reminders = self._generate()
        wizard = self._wizard(reminders, use_email=False, use_phone=True)
        wizard.action_send()
        self.assertTrue(wizard.call_list_attachment_id)
        self.assertEqual(set(reminders.mapped("state")), {"draft"})
        self.assertEqual(self.invoice_1.dunning_level, 0)

    def test_preview_figures(self):
        """The preview counts invoices, customers and amounts per level and channel."""
        reminders = self._generate()
        wizard = self._wizard(reminders, use_letter=True)
        preview = wizard.preview_data
        self.assertEqual(preview["problems"], [])
        lines = {(line["level"], line["channel"]): line for line in preview["lines"]}
        self.assertEqual(lines[(1, "email")]["invoices"], 3)
        self.assertEqual(lines[(1, "letter")]["customers"], 2)
        self.assertAlmostEqual(lines[(1, "email")]["amount"], 1800.0)

    def test_preview_queries_do_not_grow_with_reminders(self):
        """The wizard's preview runs as many queries for 30 reminders of 15
        customers as for 3 reminders of 3 customers, for every grouping."""
        customers = [
            self.create_customer(
                f"Client {index}", street="1 rue Neuve", zip="69001", city="Lyon"
            )
            for index in range(18)
        ]
        invoices = [
            self.create_invoice(customers[index % 3], "2026-01-02", 100.0)
            for index in range(3)
        ]
        invoices += [
            self.create_invoice(customers[3 + index % 15], "2026-01-02", 100.0)
            for index in range(30)
        ]
        self._generate()
        reminders = self.env["dunning.reminder"].search(
            [("move_id", "in", [invoice.id for invoice in invoices])]
        )
        first_three = {invoice.id for invoice in invoices[:3]}
        small = reminders.filtered(lambda r: r.move_id.id in first_three)
        large = reminders - small
        self.assertEqual((len(small), len(large)), (3, 30))

        def preview(wizard):
            return wizard.preview_html

        for grouping in ("customer", "invoice"):
            counts = []
            for selection in (small, small, large):
                wizard = (
                    self.env["dunning.send"]
                    .with_context(
                        active_model="dunning.reminder", active_ids=selection.ids
                    )
                    .create(
                        {
                            "use_letter": True,
                            "use_phone": True,
                            "grouping": grouping,
                        }
                    )
                )
                html, count = self.count_queries(preview, wizard)
                self.assertIn(str(len(selection)), html)
                counts.append(count)
            # The first run warms the caches.
            self.assertEqual(counts[2], counts[1], grouping)

    def test_from_invoices_next_level(self):
        """From the invoice list, the next level is prepared and sent."""
        invoices = self.invoice_1 | self.invoice_3
        with freeze_time("2026-02-01"):
            wizard = self._wizard(invoices, generation_rule="next")
            wizard.action_send()
        self.assertEqual(invoices.mapped("dunning_level"), [1, 1])
        self.assertEqual(set(invoices.dunning_reminder_ids.mapped("state")), {"sent"})

    def test_from_invoices_customer_level(self):
        """The level set on the customer is sent."""
        self.customer.dunning_customer_level = "2"
        with freeze_time("2026-02-01"):
            self._wizard(self.invoice_1, generation_rule="customer").action_send()
        self.assertEqual(self.invoice_1.dunning_level, 2)

    def test_from_invoices_chosen_level(self):
        """A level chosen in the wizard is sent."""
        with freeze_time("2026-02-01"):
            self._wizard(
                self.invoice_3, generation_rule="chosen", level="3"
            ).action_send()
        self.assertEqual(self.invoice_3.dunning_level, 3)
        self.assertEqual(
            len(self.invoice_3.dunning_reminder_ids.mail_message_id.attachment_ids), 1
        )

    def test_from_invoices_days_overdue_level(self):
        """The level matching the days overdue is sent (one threshold per level)."""
        with freeze_time("2026-02-05"):  # invoice_1: 35 days, invoice_3: 33 days
            self._wizard(self.invoice_1, generation_rule="days").action_send()
        self.assertEqual(self.invoice_1.dunning_level, 2)
        with freeze_time("2026-02-20"):  # 48 days
            self._wizard(self.invoice_3, generation_rule="days").action_send()
        self.assertEqual(self.invoice_3.dunning_level, 3)

    def test_from_invoices_replaces_draft_at_other_level(self):
        """A generated draft at another level is replaced, and logged."""
        draft = self._generate().filtered(lambda r: r.move_id == self.invoice_1)
        with freeze_time("2026-02-01"):
            self._wizard(
                self.invoice_1, generation_rule="chosen", level="2"
            ).action_send()
        self.assertEqual(draft.state, "cancelled")
        self.assertEqual(self.invoice_1.dunning_level, 2)

    def test_resend_needs_the_option(self):
        """A level already sent is sent again only with the option."""
        with freeze_time("2026-02-01"):
            self._wizard(
                self.invoice_3, generation_rule="chosen", level="1"
            ).action_send()
            wizard = self._wizard(self.invoice_3, generation_rule="chosen", level="1")
            self.assertIn("Level 1 was already sent", wizard.preview_html)
            wizard.action_send()
            self.assertIn("Level 1 was already sent", wizard.summary_html)
            self.assertEqual(len(self.invoice_3.dunning_reminder_ids), 1)
            self._wizard(
                self.invoice_3, generation_rule="chosen", level="1", allow_resend=True
            ).action_send()
        self.assertEqual(len(self.invoice_3.dunning_reminder_ids), 2)
        self.assertEqual(
            set(self.invoice_3.dunning_reminder_ids.mapped("state")), {"sent"}
        )

    def test_billing_user_sends(self):
        """A billing user sends reminders."""
        reminders = self._generate().with_user(self.billing_user)
        wizard = self._wizard(reminders)
        wizard.action_send()
        self.assertEqual(set(reminders.mapped("sent_by_id")), {self.billing_user})

    def test_single_email_through_composer(self):
        """A reminder's email opens in the composer, editable, then is sent."""
        reminder = self._generate().filtered(lambda r: r.move_id == self.invoice_3)
        action = reminder.action_send_email()
        composer = Form(
            self.env["mail.compose.message"].with_context(**action["context"])
        )
        # Garage Dubois reads French.
        self.assertIn("Relance de paiement", composer.subject)
        self.assertIn(self.invoice_3.name, composer.body)
        composer.subject = "Facture en attente"
        composer.save().action_send_mail()
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.channel, "email")
        self.assertEqual(reminder.mail_message_id.subject, "Facture en attente")
        self.assertEqual(reminder.mail_message_id.res_id, self.invoice_3.id)

    def test_log_call(self):
        """Logging a call records the outcome; it can count as the reminder."""
        reminder = self._generate().filtered(lambda r: r.move_id == self.invoice_3)
        action = reminder.action_log_call()
        with freeze_time("2026-02-03 10:00:00"):
            form = Form(self.env["dunning.log.call"].with_context(**action["context"]))
            self.assertEqual(form.partner_id, self.other)
            self.assertEqual(form.reminder_ids[:], reminder)
            form.outcome = "promise"
            form.comment = "Paiement promis pour vendredi"
            form.save().action_log()
        self.assertEqual(reminder.state, "draft")
        call = reminder.history_ids.filtered(lambda h: h.action == "called")
        self.assertEqual(call.channel, "phone")
        self.assertIn("Paiement promis pour vendredi", call.note)
        self.assertIn("Paiement promis pour vendredi", reminder.last_call_note)
        form = Form(self.env["dunning.log.call"].with_context(**action["context"]))
        form.outcome = "reached"
        form.update_level = True
        with freeze_time("2026-02-04"):
            form.save().action_log()
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.channel, "phone")
        self.assertEqual(self.invoice_3.dunning_level, 1)

    def test_call_covers_all_reminders_of_the_customer(self):
        """A call about one invoice covers the customer's other reminders."""
        reminders = self._generate()
        leroy = reminders.filtered(lambda r: r.partner_id == self.customer)
        action = leroy[0].action_log_call()
        wizard = self.env["dunning.log.call"].with_context(**action["context"])
        form = Form(wizard)
        self.assertEqual(form.reminder_ids[:], leroy)

    def test_customer_overdue_search_matches_column(self):
        """Searching on the customer's overdue total counts what the column
        shows: invoices not to be reminded are left out of both."""
        reminders = self._generate()
        leroy = reminders.filtered(lambda r: r.partner_id == self.customer)
        model = self.env["dunning.reminder"]
        with freeze_time("2026-02-03"):
            self.assertEqual(
                model.search([("partner_overdue_amount", ">=", 1200)]), leroy
            )
            self.invoice_2.dunning_to_remind = False
            leroy.invalidate_recordset(["partner_overdue_amount"])
            self.assertEqual(leroy[0].partner_overdue_amount, 1000.0)
            self.assertFalse(model.search([("partner_overdue_amount", ">=", 1200)]))

    def test_workspace_filters(self):
        """Days overdue, customer overdue total and indicators in the list."""
        reminders = self._generate()
        leroy = reminders.filtered(lambda r: r.partner_id == self.customer)
        self.assertEqual(leroy.mapped("partner_overdue_count"), [2, 2])
        model = self.env["dunning.reminder"]
        with freeze_time("2026-02-03"):
            self.assertEqual(
                model.search([("days_overdue_now", ">=", "30")]),
                reminders.filtered(lambda r: r.move_id != self.invoice_2),
            )
            self.assertEqual(
                model.search([("partner_overdue_amount", ">=", "1000")]), leroy
            )
        self.customer.comment = "<p>Payer toujours en retard</p>"
        leroy.invalidate_recordset(["partner_has_comment"])
        self.assertTrue(all(leroy.mapped("partner_has_comment")))
