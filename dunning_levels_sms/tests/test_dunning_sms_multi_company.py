# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.tests import new_test_user, tagged

from .common import DunningSmsCommon


@tagged("post_install", "-at_install")
class TestDunningSmsMultiCompany(DunningSmsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.setup_other_company()["company"]
        cls.other_company.write(
            {
                "name": "Atelier Martin",
                "phone": "+33 1 40 00 00 00",
                "country_id": cls.france.id,
            }
        )
        cls.env.user.company_ids |= cls.other_company
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                allowed_company_ids=[cls.company.id, cls.other_company.id],
            )
        )
        cls.customer = cls.create_sms_customer("Gabrielle Dubois")
        cls.invoice = cls.create_overdue_invoice(cls.customer, 20, amount=100.0)
        cls.other_invoice = cls.create_overdue_invoice(
            cls.customer, 21, amount=200.0, company=cls.other_company
        )
        other_level = cls.get_levels(cls.other_company)[0]
        other_level.sms_template_id = cls.env["sms.template"].create(
            {
                "name": "Atelier Martin: level 1",
                "model_id": cls.env.ref("base.model_res_partner").id,
                "body": "{{ object.dunning_company_id.name }} vous rappelle "
                "{{ ', '.join(object.dunning_overdue_move_ids.mapped('name')) }}",
            }
        )

    def test_each_company_its_template_and_invoices(self):
        """Reminders of two companies sent together: each SMS uses its
        company's level, name and invoices, in that company's invoice chatter."""
        reminders = self.generate() | self.generate(company=self.other_company)
        self.assertEqual(len(reminders), 2)
        with self.mock_sms_gateway():
            self.send_wizard(reminders)
            self.process_sms_queue()
        self.assertReminderSmsSent(reminders)
        ours = reminders.filtered(lambda r: r.company_id == self.company)
        theirs = reminders - ours
        self.assertIn("Menuiserie Durand SARL:", ours.sms_message_id.body)
        # Only our invoice: 100.00, not the total of both companies.
        self.assertIn("100,00", ours.sms_message_id.body)
        self.assertEqual(
            theirs.sms_message_id.body,
            f"<p>Atelier Martin vous rappelle {self.other_invoice.name}</p>",
        )
        self.assertEqual(theirs.sms_message_id.res_id, self.other_invoice.id)
        self.assertEqual(self.other_invoice.dunning_level, 1)

    def test_other_company_reminder_sent_while_working_here(self):
        """A user of both companies working in this one sends the other's
        reminder with the default template: the other company's name, its
        reminder page link and total."""
        user = new_test_user(
            self.env,
            login="dunning_sms_both",
            groups="account.group_account_invoice",
            company_id=self.company.id,
            company_ids=[self.company.id, self.other_company.id],
        )
        self.get_levels(self.other_company)[0].sms_template_id = self.env.ref(
            "dunning_levels_sms.sms_template_dunning_level_1"
        )
        reminder = self.generate().filtered(
            lambda r: r.company_id == self.other_company
        )
        with self.mock_sms_gateway():
            self.send_wizard(reminder.with_user(user))
            self.process_sms_queue()
        self.assertReminderSmsSent(reminder)
        body = reminder.sms_message_id.body
        self.assertIn("Atelier Martin: Gabrielle Dubois", body)
        self.assertIn(
            self.env["dunning.access"]
            ._get_access(self.customer, self.other_company)
            ._get_url(),
            body,
        )
        self.assertIn("200,00", body)
        self.assertNotIn("Menuiserie Durand", body)
        self.assertNotIn("100,00", body)
