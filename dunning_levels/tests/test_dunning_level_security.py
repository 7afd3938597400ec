# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DunningCommon


@tagged("post_install", "-at_install")
class TestDunningLevelSecurity(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.setup_other_company()["company"]
        cls.other_levels = cls.get_levels(cls.other_company)

    def test_billing_user_reads_but_cannot_edit(self):
        """Billing users see the levels but cannot change them."""
        levels = self.env["dunning.level"].with_user(self.billing_user).search([])
        self.assertEqual(levels, self.levels)
        self.assertEqual(levels.mapped("delay_days"), [15, 30, 45])
        with self.assertRaises(AccessError):
            levels[0].delay_days = 20
        with self.assertRaises(AccessError):
            self.env["dunning.level"].with_user(self.billing_user).create(
                {"name": "Extra", "level": 2, "delay_days": 20}
            )

    def test_manager_edits(self):
        """Accounting managers change delays and texts."""
        level = self.levels[0].with_user(self.manager_user)
        level.write({"delay_days": 10, "letter_title": "Gentle reminder"})
        self.assertEqual(self.levels[0].delay_days, 10)
        self.assertEqual(self.levels[0].letter_title, "Gentle reminder")

    def test_user_without_accounting_rights_has_no_access(self):
        """Employees without accounting rights cannot read the levels."""
        employee = new_test_user(
            self.env, login="dunning_employee", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            self.env["dunning.level"].with_user(employee).search([])

    def test_multi_company_isolation(self):
        """Each company only sees and edits its own levels."""
        self.assertEqual(len(self.other_levels), 3)
        manager = self.manager_user
        visible = self.env["dunning.level"].with_user(manager).search([])
        self.assertEqual(visible, self.levels)
        with self.assertRaises(AccessError):
            self.other_levels[0].with_user(manager).read(["delay_days"])
        with self.assertRaises(AccessError):
            self.other_levels[0].with_user(manager).write({"delay_days": 1})

    def test_multi_company_user_sees_allowed_companies(self):
        """A user allowed in both companies sees the levels of the active ones."""
        manager = new_test_user(
            self.env,
            login="dunning_manager_both",
            groups="account.group_account_manager",
            company_id=self.company.id,
            company_ids=[self.company.id, self.other_company.id],
        )
        levels = self.env["dunning.level"].with_user(manager)
        one = levels.with_context(allowed_company_ids=[self.company.id]).search([])
        self.assertEqual(one, self.levels)
        both = levels.with_context(
            allowed_company_ids=[self.company.id, self.other_company.id]
        ).search([])
        self.assertEqual(both, self.levels | self.other_levels)

    def test_companies_have_independent_settings(self):
        """Changing a level of one company leaves the other company's alone."""
        self.levels[0].delay_days = 5
        self.other_levels[1].active = False
        self.assertEqual(self.other_levels[0].delay_days, 15)
        self.assertTrue(self.levels[1].active)
