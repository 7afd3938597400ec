# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging

from odoo import api, fields, models
from odoo.tools import convert

_logger = logging.getLogger(__name__)

# The demo story of the main company: its invoices, dated relative to today,
# then their payments and past reminders (see _dunning_load_demo_data).
DEMO_STORY_FILE = "demo/account_move_demo.xml"


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _dunning_load_demo_data(self):
        """Build the payment reminder demo story of the main company.

        Loads :data:`DEMO_STORY_FILE`: customer invoices overdue from 0 to 120
        days (some not due yet, partly or fully paid, one in installments, one
        not to be reminded, two of an excluded customer), then their payments
        and past reminders, so that the morning generation proposes reminders
        at every level.

        Called by the demo data file. The story is not in the manifest's demo
        files: invoices need a chart of accounts, which a database where
        ``account`` is installed together with this module gets only once
        every module is loaded. Skipped when the main company has no chart of
        accounts, or already has the story's invoices.

        :return: the posted invoices (empty when skipped)
        """
        company = self.env.ref("base.main_company")
        if not company.chart_template:
            _logger.info(
                "Company %s has no chart of accounts: no payment reminder demo "
                "invoices.",
                company.name,
            )
            return self.env["account.move"]
        if self._dunning_demo_invoices():
            _logger.info("The payment reminder demo invoices already exist.")
            return self.env["account.move"]
        # Demo data is loaded before the post-init hook that creates the
        # levels of existing companies: the past reminders need them now.
        company._dunning_create_default_levels()
        # The administrator plays the story: chatter messages and reminder
        # history are theirs, in their language.
        admin = self.env.ref("base.user_admin")
        self._dunning_demo_load_translations()
        story = (
            self.with_user(admin)
            .with_company(company)
            .with_context(lang=admin.lang, tz=admin.tz)
        )
        convert.convert_file(
            story.env,
            "dunning_levels",
            DEMO_STORY_FILE,
            None,
            mode="init",
            noupdate=True,
            kind="demo",
        )
        invoices = self._dunning_demo_invoices()
        _logger.info("Created %s payment reminder demo invoices.", len(invoices))
        return invoices

    @api.model
    def _dunning_demo_invoices(self):
        """Return the invoices of the demo story (the invoices of this
        module's data)."""
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search([("module", "=", "dunning_levels"), ("model", "=", "account.move")])
        )
        return self.env["account.move"].browse(data.mapped("res_id")).exists()

    @api.model
    def _dunning_demo_load_translations(self):
        """Load this module's translations now, for every installed language.

        Odoo loads a module's translations after its demo data: without this,
        the chatter lines of the demo story would name the channels (labels
        of a selection field) in English.
        """
        langs = [
            code for code, __ in self.env["res.lang"].get_installed() if code != "en_US"
        ]
        if langs:
            self.env["ir.module.module"]._load_module_terms(["dunning_levels"], langs)
            self.env.registry.clear_cache()

    # ------------------------------------------------------------
    # STEPS OF THE STORY (called by its data file)
    # ------------------------------------------------------------

    @api.model
    def _dunning_demo_post_invoices(self):
        """Post the draft invoices of the demo story, oldest first, so that
        invoice numbers follow invoice dates.

        :return: the posted ``account.move`` records
        """
        invoices = self._dunning_demo_invoices().filtered(
            lambda move: move.state == "draft"
        )
        invoices = invoices.sorted(lambda move: (move.invoice_date, move.id))
        invoices.action_post()
        return invoices

    @api.model
    def _dunning_demo_register_payment(self, invoice_id, payment_date, amount=None):
        """Pay an invoice through the payment wizard, as a user would.

        :param int invoice_id: id of the posted ``account.move``
        :param str payment_date: date of the payment
        :param float amount: amount paid; default: what remains due
        :return: the new ``account.payment``
        """
        invoice = self.env["account.move"].browse(invoice_id)
        vals = {"payment_date": payment_date}
        if amount is not None:
            vals["amount"] = amount
        wizard = (
            self.env["account.payment.register"]
            .with_company(invoice.company_id)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(vals)
        )
        return wizard._create_payments()

    @api.model
    def _dunning_demo_send_reminders(self, invoice_id, channels, last_date):
        """Send one reminder of an invoice per level through ``channels``
        (level 1 first), 15 days apart, then date the last one ``last_date``.

        Sending stamps the reminders and the invoice with today's date; moving
        them back in the past lets the morning generation propose the next
        level. Their dates are written as the model's own methods write them.

        :param int invoice_id: id of the posted ``account.move``
        :param list channels: channel of each reminder, level 1 first
        :param str last_date: date the last reminder was sent
        :return: the sent ``dunning.reminder`` records
        """
        invoice = self.env["account.move"].browse(invoice_id)
        invoice = invoice.with_company(invoice.company_id)
        last_date = fields.Date.to_date(last_date)
        reminders = self.env["dunning.reminder"]
        for rank, channel in enumerate(channels):
            reminder = invoice._dunning_create_reminders()._mark_sent(channel)
            sent_on = fields.Date.subtract(
                last_date, days=15 * (len(channels) - 1 - rank)
            )
            sent_at = fields.Datetime.to_datetime(sent_on).replace(hour=9)
            reminder._write_evidence(
                {"generated_date": sent_on, "sent_datetime": sent_at}
            )
            reminder.history_ids.sudo().write({"date": sent_at})
            reminders |= reminder
        invoice._dunning_write({"dunning_date": last_date})
        return reminders
