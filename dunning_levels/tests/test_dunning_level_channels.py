# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from lxml import html as lxml_html

from odoo.tests import Form, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningLevelChannels(DunningCommon):
    """Each level names its default channels; the sending wizard starts from
    those of the selected reminders' levels, and the user may change them or
    add the invoice copies for one sending."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.create_customer(
            "Boulangerie Leroy", street="3 rue du Four", zip="69002", city="Lyon"
        )
        cls.first = cls.create_invoice_at_level(cls.customer, 1)
        cls.second = cls.create_invoice_at_level(cls.customer, 2)

    def letter_invoice_copies(self, attachment):
        """Return the ids of the invoices printed with the letters of
        ``attachment`` (rendered as HTML in tests)."""
        return [
            int(node.get("data-oe-id"))
            for node in lxml_html.fromstring(attachment.raw).xpath(
                "//div[@data-oe-model='account.move']"
            )
        ]

    def test_new_company_levels_have_default_channels(self):
        """A new company's first reminder goes by email, its second by email
        and letter, its formal notice by post only."""
        company = self.env["res.company"].create({"name": "Fournil du Rhône"})
        first, second, third = self.get_levels(company)
        self.assertEqual(first._get_default_channels(), ["email"])
        self.assertEqual(second._get_default_channels(), ["email", "letter"])
        self.assertFalse(third.send_email)
        self.assertTrue(third._get_default_channels())

    def test_level_created_by_hand_keeps_the_email(self):
        """A level set up by hand is sent by email by default, as every level
        was before levels had channels."""
        form = Form(self.env["dunning.level"])
        self.assertTrue(form.send_email)
        self.assertFalse(form.send_letter)
        self.assertFalse(form.auto_send)

    def test_wizard_starts_from_the_union_of_the_levels_channels(self):
        """Reminders of levels 1 and 2 selected: email (both levels) and
        letter (level 2) are checked; level 1 alone: email only."""
        form = self.send_wizard_form(self.first | self.second)
        self.assertTrue(form.use_email)
        self.assertTrue(form.use_letter)
        form = self.send_wizard_form(self.first)
        self.assertTrue(form.use_email)
        self.assertFalse(form.use_letter)

    def test_wizard_follows_the_level_configuration(self):
        """A level set to the letter only opens the wizard on the letter."""
        with Form(self.levels[0]) as level:
            level.send_email = False
            level.send_letter = True
        form = self.send_wizard_form(self.first)
        self.assertFalse(form.use_email)
        self.assertTrue(form.use_letter)

    def test_user_changes_the_channels_of_one_sending(self):
        """The channels chosen in the wizard are those used, whatever the
        levels say: a level 2 reminder sent by letter only."""
        wizard = self.send_with_wizard(self.second, use_email=False)
        self.assertEqual(self.second.state, "sent")
        self.assertEqual(self.second.channel, "letter")
        self.assertFalse(self.second.mail_message_id)
        self.assertTrue(wizard.letter_attachment_id)
        # The level keeps its channels for the next sending.
        self.assertTrue(self.levels[1].send_email)

    def test_wizard_from_invoices_starts_from_the_next_level(self):
        """From invoices, the channels are those of the level each invoice
        would get: the next level of an invoice already at level 1 is 2."""
        self.first.action_mark_sent()
        self.assertEqual(self.first.move_id.dunning_level, 1)
        form = self.send_wizard_form(self.first.move_id)
        self.assertTrue(form.use_email)
        self.assertTrue(form.use_letter)

    def test_invoice_copies_offered_with_a_letter_or_an_email(self):
        """The invoice copies option shows only with the email or a letter."""
        form = self.send_wizard_form(self.first)
        self.assertTrue(form.show_attach_invoices)
        form.use_email = False
        self.assertFalse(form.show_attach_invoices)
        form.use_letter = True
        self.assertTrue(form.show_attach_invoices)

    def test_invoice_copies_added_to_a_first_reminder_email(self):
        """At level 1, whose level carries no copy, the email carries the
        invoice PDF when the sending asks for the copies, and only then."""
        other = self.create_invoice_at_level(self.customer, 1)
        self.assertFalse(self.levels[0].attach_invoice)
        self.send_with_wizard(other, attach_invoices=False)
        self.assertFalse(other.mail_message_id.attachment_ids)
        self.send_with_wizard(self.first, attach_invoices=True)
        attachments = self.first.mail_message_id.attachment_ids
        self.assertEqual(len(attachments), 1)
        self.assertEqual(attachments.mimetype, "application/pdf")
        self.assertIn(self.first.move_id.name.replace("/", "_"), attachments.name)

    def test_invoice_copies_added_to_a_second_reminder_letter(self):
        """At level 2, the letters carry the invoice copies when the sending
        asks for them, and only then."""
        wizard = self.send_with_wizard(
            self.second, use_email=False, use_letter=True, attach_invoices=True
        )
        self.assertEqual(
            self.letter_invoice_copies(wizard.letter_attachment_id),
            self.second.move_id.ids,
        )
        other = self.create_invoice_at_level(self.customer, 2)
        wizard = self.send_with_wizard(other, use_email=False, use_letter=True)
        self.assertEqual(self.letter_invoice_copies(wizard.letter_attachment_id), [])
