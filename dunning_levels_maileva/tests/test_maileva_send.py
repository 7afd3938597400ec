# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DunningMailevaCommon


@tagged("post_install", "-at_install")
class TestMailevaSend(DunningMailevaCommon):
    def test_letter_handed_over_then_posted_by_the_scheduled_action(self):
        """The user's sending only hands the letter over: its sending is
        created with the letter's PDF, the reminder stays to send, Maileva is
        not called and the scheduled action is woken up. The scheduled action
        then posts it."""
        cron = self.env.ref("dunning_levels_maileva.ir_cron_maileva_process")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        reminder = self.create_reminder()
        wizard = self.send_wizard(reminder, process=False)
        sending = self.sending_of(reminder)
        self.assertEqual(sending.state, "draft")
        self.assertTrue(sending.attachment_id.raw.startswith(b"%PDF"))
        self.assertEqual(reminder.state, "draft")
        self.assertEqual(reminder.move_id.dunning_level, 0)
        self.assertFalse(self.fake.requests)
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]) - triggers
        )
        self.assertIn("1 reminder(s) handed to Maileva", wizard.summary_html)
        self.run_cron()
        self.assertEqual(sending.state, "submitted")
        self.assertMailevaReceived("mail/v2")
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.move_id.dunning_level, 1)

    def test_simple_letter_submitted_once_and_reminder_sent(self):
        """A level 1 reminder goes as one simple letter: one sending, one PDF,
        one recipient, submitted once; the reminder is sent by Maileva."""
        reminder = self.create_reminder()
        wizard = self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.assertEqual(sending.state, "submitted")
        self.assertEqual(sending.product, "mail")
        submitted = self.assertMailevaReceived("mail/v2")
        self.assertEqual(sending.maileva_sending_id, submitted[0]["id"])
        recipient = next(iter(submitted[0]["_recipients"].values()))
        self.assertEqual(recipient["address_line_1"], "Boulangerie Leroy")
        self.assertNotIn("address_line_2", recipient, "a company has no person")
        self.assertEqual(recipient["address_line_4"], "12 rue des Lilas")
        self.assertEqual(recipient["address_line_6"], "69003 Lyon")
        self.assertEqual(recipient["country_code"], "FR")
        self.assertEqual(submitted[0]["custom_id"], sending.custom_id)
        self.assertEqual(submitted[0]["postage_type"], "FAST")
        self.assertTrue(submitted[0]["optional_address_sheet"])
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.channel, "maileva")
        self.assertEqual(reminder.move_id.dunning_level, 1)
        self.assertEqual(
            reminder.history_ids.filtered(lambda h: h.action == "sent").channel,
            "maileva",
        )
        self.assertTrue(reminder.letter_attachment_id)
        self.assertIn(reminder.move_id.name, "".join(map(str, self.letter_bodies)))
        self.assertEqual(reminder.move_id.maileva_sending_ids, sending)
        self.assertIn("handed to Maileva", wizard.summary_html)

    def test_email_and_letter_each_in_the_history(self):
        """Sent by email and through Maileva at once: the email marks the
        reminder sent in the user's sending, and the letter gets its own
        history line once Maileva accepted it."""
        customer = self.create_postal_customer(
            "Garage Dubois", email="compta@dubois.example"
        )
        reminder = self.create_reminder(customer)
        self.send_wizard(reminder, use_email=True, process=False)
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.channel, "email")
        self.assertTrue(reminder.mail_message_id)
        sent = reminder.history_ids.filtered(lambda h: h.action == "sent")
        self.assertEqual(sent.mapped("channel"), ["email"])
        self.run_cron()
        self.assertMailevaReceived("mail/v2")
        self.assertEqual(reminder.state, "sent")
        sent = reminder.history_ids.filtered(lambda h: h.action == "sent")
        self.assertEqual(sorted(sent.mapped("channel")), ["email", "maileva"])

    def test_level_3_goes_registered(self):
        """A formal notice sent as a Maileva letter goes registered with
        acknowledgement of receipt, as the company asks by default."""
        reminder = self.create_reminder(level=3)
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.assertEqual(sending.product, "registered")
        submitted = self.assertMailevaReceived("registered_mail/v4")
        self.assertTrue(submitted[0]["acknowledgement_of_receipt"])
        self.assertEqual(submitted[0]["archiving_duration"], 3)
        self.assertNotIn("envelope_windows_type", submitted[0])
        self.assertEqual(reminder.channel, "maileva_registered")
        self.assertFalse(self.fake.submitted("mail/v2"))

    def test_level_3_simple_when_company_says_so(self):
        """Without the company option, a formal notice goes as a simple
        letter."""
        self.company.maileva_registered_level3 = False
        reminder = self.create_reminder(level=3)
        self.send_wizard(reminder)
        self.assertEqual(self.sending_of(reminder).product, "mail")
        self.assertMailevaReceived("mail/v2")

    def test_one_letter_per_customer(self):
        """Two invoices of one customer make one letter."""
        reminders = self.create_reminder() | self.create_reminder()
        self.send_wizard(reminders)
        self.assertEqual(len(reminders.maileva_sending_ids), 1)
        self.assertMailevaReceived("mail/v2")
        self.assertEqual(set(reminders.mapped("state")), {"sent"})

    def test_address_checked_before_any_call(self):
        """Invalid addresses fail with a clear reason and Maileva is never
        called: long lines, French line 6, missing street, registered letter
        abroad."""
        cases = [
            ("Menuiserie " + "x" * 40, {}, "longer than 38"),
            ("Client", {"zip": "6903"}, "NNNNN City"),
            ("Client", {"street": False}, "street is missing"),
            ("Client", {"city": False, "zip": False}, "postcode and city are missing"),
        ]
        for name, values, reason in cases:
            customer = self.create_postal_customer(name, **values)
            reminder = self.create_reminder(customer)
            wizard = self.send_wizard(reminder)
            self.assertEqual(reminder.state, "draft")
            failed = reminder.history_ids.filtered(lambda h: h.action == "failed")
            self.assertIn(reason, failed.note)
            self.assertEqual(failed.channel, "maileva")
            self.assertIn(reason, wizard.summary_html)
            self.assertFalse(reminder.maileva_sending_ids)
        belgian = self.create_postal_customer(
            "Brasserie",
            zip="1000",
            city="Bruxelles",
            country_id=self.env.ref("base.be").id,
        )
        reminder = self.create_reminder(belgian)
        self.send_wizard(reminder, registered=True)
        failed = reminder.history_ids.filtered(lambda h: h.action == "failed")
        self.assertIn("registered letters go only to France", failed.note)
        self.assertEqual(self.fake.requests, [])

    def test_simple_letter_abroad_is_accepted(self):
        """Simple letters go abroad (mail/v2 takes every country)."""
        belgian = self.create_postal_customer(
            "Brasserie",
            zip="1000",
            city="Bruxelles",
            country_id=self.env.ref("base.be").id,
        )
        reminder = self.create_reminder(belgian)
        self.send_wizard(reminder)
        self.assertEqual(reminder.state, "sent")
        self.assertMailevaReceived("mail/v2")

    def test_missing_credentials(self):
        """Without credentials, the preview and the sending say Maileva is not
        configured."""
        self.company.maileva_password = False
        reminder = self.create_reminder()
        wizard = self.send_wizard(reminder)
        self.assertIn("Maileva is not configured", wizard.summary_html)
        self.assertEqual(reminder.state, "draft")
        self.assertEqual(self.fake.requests, [])

    def test_maileva_refusal_fails_the_letter(self):
        """A 4xx answer fails the sending with Maileva's code and a translated
        message, deletes the draft, leaves the reminder to send, and tells
        the user who sent it."""
        self.fake.inject(
            400,
            path="/recipients",
            method="POST",
            body={"errors": [{"code": "INVALID_ADDRESS_LINE_6", "message": "bad"}]},
        )
        reminder = self.create_reminder()
        self.send_wizard(reminder, user=self.billing_user)
        sending = self.sending_of(reminder)
        self.assertEqual(sending.state, "error")
        self.assertEqual(sending.error_code, "INVALID_ADDRESS_LINE_6")
        self.assertIn("must read 'NNNNN City'", sending.error_message)
        self.assertFalse(sending.maileva_sending_id)
        self.assertEqual(len(self.fake.calls("DELETE", r"/sendings/[^/]+$")), 1)
        self.assertFalse(self.fake.submitted())
        self.assertEqual(reminder.state, "draft")
        failed = reminder.history_ids.filtered(lambda h: h.action == "failed")
        self.assertEqual(len(failed), 1)
        self.assertIn("INVALID_ADDRESS_LINE_6", failed.note)
        told = sending.message_ids.filtered(
            lambda m: self.billing_user.partner_id in m.partner_ids
        )
        self.assertEqual(len(told), 1)
        self.assertIn("INVALID_ADDRESS_LINE_6", told.body)

    def test_retry_after_error_sends_once(self):
        """Retrying a sending in error posts the letter, once."""
        self.fake.inject(400, path="/documents", method="POST")
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        sending = self.sending_of(reminder)
        self.assertEqual(sending.state, "error")
        sending.action_retry()
        self.assertEqual(sending.state, "draft")
        self.run_cron()
        self.assertEqual(sending.state, "submitted")
        self.assertMailevaReceived("mail/v2")
        self.assertEqual(reminder.state, "sent")

    def test_retry_refused_once_another_letter_went(self):
        """A letter in error is not sent again once another letter of its
        reminders went: that would post the same reminder twice."""
        self.fake.inject(400, path="/documents", method="POST")
        reminder = self.create_reminder()
        self.send_wizard(reminder)
        failed = self.sending_of(reminder)
        self.assertEqual(failed.state, "error")
        self.send_wizard(reminder)
        self.assertEqual(reminder.state, "sent")
        with self.assertRaises(UserError):
            failed.action_retry()
        self.run_cron()
        self.assertEqual(failed.state, "error")
        self.assertMailevaReceived("mail/v2")

    def recipient_of(self, reminder):
        """Return the recipient Maileva received for ``reminder``'s letter."""
        sending_id = self.sending_of(reminder).maileva_sending_id
        product, sending = self.fake._find_sending(sending_id)
        self.assertEqual(product, "mail/v2")
        recipients = list(sending["_recipients"].values())
        self.assertEqual(len(recipients), 1)
        return recipients[0]

    def test_private_person_on_address_line_2(self):
        """A private person (no company) goes on line 2 with their title, in
        their language; line 1, which Maileva reserves for a company, is left
        out."""
        person = self.create_postal_customer(
            "Jean Dupont",
            is_company=False,
            title=self.env.ref("base.res_partner_title_mister").id,
        )
        reminder = self.create_reminder(person)
        self.send_wizard(reminder)
        self.assertEqual(reminder.state, "sent")
        self.assertMailevaReceived("mail/v2")
        recipient = self.recipient_of(reminder)
        self.assertNotIn("address_line_1", recipient)
        self.assertEqual(recipient["address_line_2"], "M. Jean Dupont")
        self.assertEqual(recipient["address_line_4"], "12 rue des Lilas")
        self.assertEqual(recipient["address_line_6"], "69003 Lyon")
        sending = self.sending_of(reminder)
        self.assertFalse(sending.address_line_1)
        self.assertEqual(sending.address_line_2, "M. Jean Dupont")

    def test_contact_of_company_on_lines_1_and_2(self):
        """A letter to a contact of a company: the company on line 1, the
        contact's title and name on line 2 (contract A8 and A15)."""
        contact = self.env["res.partner"].create(
            {
                "name": "Claire Martin",
                "parent_id": self.customer.id,
                "type": "contact",
                "title": self.env.ref("base.res_partner_title_madam").id,
                "lang": "fr_FR",
            }
        )
        reminder = self.create_reminder(contact)
        self.send_wizard(reminder)
        self.assertEqual(reminder.state, "sent")
        self.assertMailevaReceived("mail/v2")
        recipient = self.recipient_of(reminder)
        self.assertEqual(recipient["address_line_1"], "Boulangerie Leroy")
        self.assertEqual(recipient["address_line_2"], "Mme Claire Martin")
        self.assertEqual(recipient["address_line_6"], "69003 Lyon")

    def test_person_line_never_too_long_nor_missing(self):
        """A title that would make line 2 longer than 38 characters is left
        out; an address with neither a company nor a person is refused
        before any call."""
        sendings = self.env["maileva.sending"]
        person = self.create_postal_customer(
            "Jean-Christophe Dupont de la Fontaine",
            is_company=False,
            title=self.env.ref("base.res_partner_title_mister").id,
        )
        address = sendings._prepare_address_vals(person)
        self.assertEqual(address["address_line_1"], "")
        self.assertEqual(
            address["address_line_2"], "Jean-Christophe Dupont de la Fontaine"
        )
        self.assertFalse(sendings._get_address_problems(address, "mail"))
        address.update(address_line_1="", address_line_2="")
        self.assertIn(
            "the recipient's name is missing",
            sendings._get_address_problems(address, "mail"),
        )
