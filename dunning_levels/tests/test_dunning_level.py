# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningLevel(DunningCommon):
    def test_default_levels_created_for_existing_company(self):
        """A company existing at install time has the three default levels."""
        self.assertEqual(self.levels.mapped("level"), [1, 2, 3])
        self.assertEqual(self.levels.mapped("delay_days"), [15, 30, 45])
        self.assertEqual(self.levels.mapped("attach_invoice"), [False, False, True])
        self.assertTrue(all(self.levels.mapped("active")))
        self.assertEqual(
            self.levels.mapped("mail_template_id"),
            self.env.ref("dunning_levels.mail_template_dunning_level_1")
            | self.env.ref("dunning_levels.mail_template_dunning_level_2")
            | self.env.ref("dunning_levels.mail_template_dunning_level_3"),
        )
        self.assertEqual(
            self.levels.with_context(lang="en_US").mapped("name"),
            ["First reminder", "Second reminder", "Formal notice"],
        )

    def test_default_levels_created_for_new_company(self):
        """A new company gets its own three levels, in English and French."""
        company = self.env["res.company"].create({"name": "Atelier Martin"})
        levels = self.get_levels(company)
        self.assertEqual(levels.mapped("level"), [1, 2, 3])
        self.assertFalse(levels & self.levels)
        self.assertEqual(
            levels.with_context(lang="fr_FR").mapped("name"),
            ["Première relance", "Deuxième relance", "Mise en demeure"],
        )
        formal_notice = levels[2].with_context(lang="fr_FR")
        self.assertEqual(formal_notice.letter_title, "Mise en demeure de payer")
        self.assertIn("Madame, Monsieur,", formal_notice.letter_body)
        self.assertIn('t-out="object.name"', formal_notice.letter_body)

    def test_default_levels_not_duplicated(self):
        """Creating the default levels again adds nothing."""
        created = self.company._dunning_create_default_levels()
        self.assertFalse(created)
        self.assertEqual(len(self.get_levels(self.company)), 3)

    def test_formal_notice_requires_invoice_copy(self):
        """Unchecking the invoice copy on level 3 warns in the form and is refused."""
        formal_notice = self.levels[2]
        with Form(formal_notice) as form:
            self.assertFalse(form.show_attach_invoice_warning)
            form.attach_invoice = False
            self.assertTrue(form.show_attach_invoice_warning)
            form.attach_invoice = True
        with (
            self.assertRaisesRegex(ValidationError, "copy of the invoices"),
            self.env.cr.savepoint(),
        ):
            formal_notice.attach_invoice = False
        formal_notice.invalidate_recordset()
        self.assertTrue(formal_notice.attach_invoice)

    def test_invoice_copy_optional_below_formal_notice(self):
        """Levels 1 and 2 may or may not attach the invoice copy."""
        first, second = self.levels[:2]
        first.attach_invoice = True
        second.attach_invoice = False
        self.assertTrue(first.attach_invoice)
        self.assertFalse(first.show_attach_invoice_warning)

    def test_delays_must_grow_with_level(self):
        """A level's delay must exceed the delay of the level below it."""
        second = self.levels[1]
        with self.assertRaisesRegex(ValidationError, "Delays must grow"):
            second.delay_days = 10
        with self.assertRaisesRegex(ValidationError, "Delays must grow"):
            second.delay_days = 15
        with self.assertRaisesRegex(ValidationError, "Delays must grow"):
            second.delay_days = 45
        second.delay_days = 20
        self.assertEqual(self.levels.mapped("delay_days"), [15, 20, 45])

    def test_delay_order_includes_archived_levels(self):
        """An archived level keeps its place in the delay order."""
        second = self.levels[1]
        second.active = False
        with self.assertRaisesRegex(ValidationError, "Delays must grow"):
            self.levels[2].delay_days = 25

    def test_negative_delay_refused(self):
        """A negative delay is refused with a clear message."""
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.levels[0].delay_days = -1

    def test_payment_deadline(self):
        """Only the formal notice gives a deadline by default (8 days); it
        cannot be negative nor removed from the formal notice."""
        self.assertEqual(self.levels.mapped("payment_deadline_days"), [0, 0, 8])
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.levels[0].payment_deadline_days = -3
        with self.assertRaisesRegex(ValidationError, "must give the customer"):
            self.levels[2].payment_deadline_days = 0
        self.levels[1].payment_deadline_days = 15
        self.assertEqual(self.levels[1].payment_deadline_days, 15)

    def test_no_fourth_level(self):
        """A level outside 1..3 is refused by the database."""
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["dunning.level"].create(
                {"name": "Fourth", "level": 4, "delay_days": 60}
            )

    def test_level_unique_per_company(self):
        """A company cannot define the same level twice."""
        self.levels[0].active = False
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["dunning.level"].create(
                {"name": "Another first", "level": 1, "delay_days": 5}
            )

    def test_disable_level(self):
        """A level can be archived; the company keeps at least one active level."""
        self.levels[1].active = False
        self.assertEqual(
            self.env["dunning.level"]
            .search([("company_id", "=", self.company.id)])
            .mapped("level"),
            [1, 3],
        )
        self.levels[0].active = False
        with self.assertRaisesRegex(ValidationError, "at least one active"):
            self.levels[2].active = False

    def test_level_cannot_be_deleted(self):
        """Deleting a level is refused: archiving is the way."""
        with self.assertRaisesRegex(UserError, "Archive the level instead"):
            self.levels[0].unlink()

    def test_display_name(self):
        """Levels show their rank before their name."""
        self.assertEqual(
            self.levels[0].with_context(lang="en_US").display_name,
            "1. First reminder",
        )
