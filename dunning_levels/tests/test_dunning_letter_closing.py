# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import importlib.util

from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common import DunningCommon

CLOSING_EN = "<p>Yours faithfully,</p>"
CLOSING_FR = (
    "<p>Veuillez agréer, Madame, Monsieur, l'expression de nos salutations "
    "distinguées.</p>"
)


def load_migration(version, name):
    """Import the migration script ``name`` of ``version`` of dunning_levels."""
    path = file_path(f"dunning_levels/migrations/{version}/{name}.py")
    spec = importlib.util.spec_from_file_location(f"{name}_{version}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestDunningLetterClosing(DunningCommon):
    def test_default_closing_after_the_body(self):
        """The default levels end their letter with a closing formula of its
        own, in English and French, no longer at the end of the body."""
        for level in self.levels:
            for lang, closing in (("en_US", CLOSING_EN), ("fr_FR", CLOSING_FR)):
                level_in_lang = level.with_context(lang=lang)
                self.assertEqual(level_in_lang.letter_closing, closing)
                self.assertNotIn(closing, level_in_lang.letter_body)

    def test_letter_prints_closing_after_the_invoices(self):
        """The letter's HTML has the body, the invoices, the payment
        instructions, the closing formula and the signature, in this order;
        the closing's merge fields are rendered."""
        level = self.levels[0]
        level.letter_closing = '<p>Best regards to <t t-out="object.name"/>,</p>'
        customer = self.create_customer("Boulangerie Leroy")
        reminder = self.create_invoice_at_level(customer, 1)
        self.company.partner_id.bank_ids = [
            (0, 0, {"acc_number": "FR76 3000 6000 0112 3456 7890 189"})
        ]
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "dunning_levels.action_report_dunning_letter", reminder.ids
            )[0]
            .decode()
        )
        positions = [
            html.index(marker)
            for marker in (
                'id="letter_body"',
                reminder.move_id.name,
                'id="payment_instructions"',
                "Best regards to Boulangerie Leroy,",
                'id="signature"',
            )
        ]
        self.assertEqual(positions, sorted(positions))

    def test_migration_moves_default_closing(self):
        """Updating from 18.0.1.0.0 moves a body's last paragraph to the
        closing where it is the default closing, in each language; a text
        the user wrote otherwise stays as it is."""
        first, second, third = self.levels
        body_en = str(first.with_context(lang="en_US").letter_body)
        body_fr = str(first.with_context(lang="fr_FR").letter_body)
        own_ending = "<p>Thanks for your business.</p>"
        # As 18.0.1.0.0 left them: the closing at the end of the body, the
        # second level's English rewritten by the user.
        self.env.cr.execute(
            "UPDATE dunning_level SET letter_closing = NULL, letter_body = "
            "jsonb_build_object('en_US', %s::text, 'fr_FR', %s::text) "
            "WHERE id IN %s",
            (body_en + CLOSING_EN, body_fr + CLOSING_FR, (first.id, third.id)),
        )
        self.env.cr.execute(
            "UPDATE dunning_level SET letter_closing = NULL, letter_body = "
            "jsonb_build_object('en_US', %s::text, 'fr_FR', %s::text) "
            "WHERE id = %s",
            (body_en + own_ending, body_fr + CLOSING_FR, second.id),
        )
        self.env.invalidate_all()
        load_migration("18.0.1.1.0", "post-migration").migrate(
            self.env.cr, "18.0.1.0.0"
        )
        for level in first | third:
            self.assertEqual(level.with_context(lang="en_US").letter_body, body_en)
            self.assertEqual(level.with_context(lang="fr_FR").letter_body, body_fr)
            self.assertEqual(
                level.with_context(lang="en_US").letter_closing, CLOSING_EN
            )
            self.assertEqual(
                level.with_context(lang="fr_FR").letter_closing, CLOSING_FR
            )
        self.assertEqual(
            second.with_context(lang="en_US").letter_body, body_en + own_ending
        )
        self.assertFalse(second.with_context(lang="en_US").letter_closing)
        self.assertEqual(second.with_context(lang="fr_FR").letter_body, body_fr)
        self.assertEqual(second.with_context(lang="fr_FR").letter_closing, CLOSING_FR)

    def test_migration_fixes_untouched_paper_format(self):
        """The letter's former paper format gets the taller header band; one
        the user tuned is left alone."""
        paperformat = self.env.ref("dunning_levels.paperformat_dunning_letter")
        migration = load_migration("18.0.1.1.0", "post-migration")
        paperformat.write({"margin_top": 42, "header_spacing": 36})
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.assertEqual(
            (paperformat.margin_top, paperformat.header_spacing), (52.0, 52.0)
        )
        paperformat.write({"margin_top": 45, "header_spacing": 36})
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.assertEqual(
            (paperformat.margin_top, paperformat.header_spacing), (45.0, 36.0)
        )
