# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from unittest.mock import patch

from odoo import api, fields
from odoo.tests import Form, tagged

from .common import DunningTourCommon


@tagged("post_install", "-at_install")
class TestDunningWorkspaceTour(DunningTourCommon):
    """The workspace in Chromium: its rows' colours and indicators, and its
    "Print Table" button (tour ``dunning_levels_workspace``)."""

    def test_workspace(self):
        """Rows coloured by level with their indicators; "Print Table" sends
        the list's search, grouping and selection to the report."""
        leroy = self.create_customer("Boulangerie Leroy")
        garage = self.create_customer("Garage Martin")
        thirds = self.create_installment_term(0, 30, 60, name="Thirds")
        today = fields.Date.context_today(self.env.user)
        invoice = self.create_invoice(
            leroy, fields.Date.subtract(today, days=45), 900.0, thirds
        )
        leroy_reminder = invoice._dunning_create_reminders(level=1)
        self.create_invoice_at_level(garage, 2)
        with Form(
            self.env["dunning.log.call"].with_context(
                active_model=leroy_reminder._name, active_ids=leroy_reminder.ids
            )
        ) as form:
            form.outcome = "promise"
            form.comment = "Pays on Friday"
        form.record.action_log()
        # The button's call is recorded, then runs as it is.
        calls = []
        reminder_class = type(self.env["dunning.reminder"])
        print_table = reminder_class.action_print_table

        @api.model
        def record_print_table(records, *args, **kwargs):
            calls.append(kwargs)
            return print_table(records, *args, **kwargs)

        with patch.object(reminder_class, "action_print_table", record_print_table):
            self.start_tour(
                "/odoo/action-dunning_levels.dunning_reminder_action",
                "dunning_levels_workspace",
                login=self.billing_user.login,
            )
        (kwargs,) = calls
        self.assertEqual(kwargs["group_by"], ["partner_id"])
        self.assertEqual(kwargs["ids"], leroy_reminder.ids)
        self.assertIn(["state", "=", "draft"], kwargs["domain"])
