# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .dunning_level import DEFAULT_LEVELS


class ResCompany(models.Model):
    _inherit = "res.company"

    dunning_level_ids = fields.One2many(
        comodel_name="dunning.level",
        inverse_name="company_id",
        string="Payment Reminder Levels",
    )
    dunning_min_interval_days = fields.Integer(
        string="Minimum Days Between Reminders",
        default=7,
        help="Minimum number of days between two reminders of the same invoice.",
    )
    dunning_min_amount = fields.Monetary(
        string="Minimum Overdue Amount",
        currency_field="currency_id",
        help="Customers whose total overdue amount is below this amount are not "
        "reminded.",
    )

    dunning_send_background_threshold = fields.Integer(
        string="Send in the Background Above",
        default=200,
        help="A mass sending of more reminders than this runs in the "
        "background, in batches, and notifies you when done. 0: always send "
        "while you wait.",
    )

    dunning_print_mark_sent = fields.Boolean(
        string="Printing a Letter Counts as Sending",
        default=True,
        help="Printing the letter of a reminder still to send asks whether to "
        "mark it as sent by printed letter: the default answer.",
    )
    dunning_responsible_id = fields.Many2one(
        comodel_name="res.users",
        string="Responsible Accountant",
        domain="[('share', '=', False), ('company_ids', 'in', id)]",
        help="The automatic sendings are sent in this user's name, who "
        "receives their summary. Default: the administrator.",
    )
    dunning_auto_send_hour = fields.Float(
        string="Automatic Sending Hour",
        default=9.0,
        help="Time of day, in the responsible accountant's time zone, from "
        "which the reminders of the levels sent automatically are sent, "
        "after the morning generation.",
    )
    dunning_auto_send_date = fields.Date(
        string="Last Automatic Sending",
        readonly=True,
        copy=False,
        help="Day the reminders of the levels sent automatically were last "
        "sent: they are sent once a day.",
    )
    dunning_courtesy_notice = fields.Boolean(
        string="Courtesy Notice",
        help="Email the customers a few days before an invoice falls due. It "
        "is no reminder level: the invoice's level does not change.",
    )
    dunning_courtesy_days = fields.Integer(
        string="Courtesy Notice Days",
        default=3,
        help="Number of days before the due date the courtesy notice is sent.",
    )
    dunning_courtesy_template_id = fields.Many2one(
        comodel_name="mail.template",
        string="Courtesy Notice Template",
        domain=[("model", "=", "account.move")],
        help="Email of the courtesy notice, rendered with the invoice as "
        "'object'. Default: the suite's courtesy notice.",
    )

    dunning_promise_max_days = fields.Integer(
        string="Maximum Promise Horizon",
        default=30,
        help="A customer may promise to pay at most this many days ahead.",
    )
    dunning_promise_grace_days = fields.Integer(
        string="Grace Days after a Promise",
        default=3,
        help="Days the reminders stay paused after a promised date, for the "
        "payment to reach the bank account, before the promise counts as "
        "broken.",
    )
    dunning_payment_pause_days = fields.Integer(
        string="Pause after a Payment Announced",
        default=10,
        help="Days the reminders of invoices a customer says are paid stay "
        "paused, for the payment to arrive.",
    )

    @api.constrains(
        "dunning_promise_max_days",
        "dunning_promise_grace_days",
        "dunning_payment_pause_days",
    )
    def _check_dunning_answer_settings(self):
        for company in self:
            if company.dunning_promise_max_days < 1:
                raise ValidationError(
                    self.env._(
                        "A customer must be able to promise to pay at least "
                        "one day ahead."
                    )
                )
            if company.dunning_promise_grace_days < 0:
                raise ValidationError(
                    self.env._("The grace days after a promise cannot be negative.")
                )
            if company.dunning_payment_pause_days < 1:
                raise ValidationError(
                    self.env._(
                        "The pause after a payment announced lasts at least one day."
                    )
                )

    @api.constrains(
        "dunning_min_interval_days",
        "dunning_min_amount",
        "dunning_send_background_threshold",
        "dunning_auto_send_hour",
        "dunning_courtesy_days",
    )
    def _check_dunning_settings(self):
        for company in self:
            if company.dunning_min_interval_days < 0:
                raise ValidationError(
                    self.env._(
                        "The minimum number of days between two reminders cannot "
                        "be negative."
                    )
                )
            if company.dunning_send_background_threshold < 0:
                raise ValidationError(
                    self.env._(
                        "The number of reminders above which they are sent in "
                        "the background cannot be negative."
                    )
                )
            if company.currency_id.compare_amounts(company.dunning_min_amount, 0) < 0:
                raise ValidationError(
                    self.env._("The minimum overdue amount cannot be negative.")
                )
            if not 0 <= company.dunning_auto_send_hour < 24:
                raise ValidationError(
                    self.env._(
                        "The automatic sending hour must be a time of day, "
                        "from 00:00 to 23:59."
                    )
                )
            if company.dunning_courtesy_days < 1:
                raise ValidationError(
                    self.env._(
                        "The courtesy notice is sent at least one day before "
                        "the due date."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # EXTENDS 'base'
        companies = super().create(vals_list)
        companies._dunning_create_default_levels()
        return companies

    def _dunning_create_default_levels(self):
        """Create the default levels a company lacks, in every installed language.

        Idempotent: a level number that already exists for a company, even
        archived, is left as it is.
        """
        levels_model = self.env["dunning.level"].sudo().with_context(active_test=False)
        existing = {
            (level.company_id.id, level.level)
            for level in levels_model.search([("company_id", "in", self.ids)])
        }
        vals_list = [
            levels_model._prepare_default_level_vals(company, level)
            for company in self
            for level in DEFAULT_LEVELS
            if (company.id, level) not in existing
        ]
        levels = levels_model.with_context(lang="en_US").create(vals_list)
        levels._apply_default_translations()
        return levels

    def _dunning_get_responsible(self):
        """Return the user the automatic sendings of this company are sent
        by, who receives their summary: the responsible accountant, else the
        administrator when active and allowed in the company.

        :return: ``res.users`` record, empty when there is none
        """
        self.ensure_one()
        responsible = self.dunning_responsible_id
        if not responsible:
            admin = self.env.ref("base.user_admin", raise_if_not_found=False)
            if admin and admin.active and self in admin.company_ids:
                responsible = admin
        return responsible

    def _dunning_get_courtesy_template(self):
        """Return the mail template of this company's courtesy notice: the
        one chosen in the settings, else the suite's.

        :return: ``mail.template`` record, possibly empty
        """
        self.ensure_one()
        return self.dunning_courtesy_template_id or self.env.ref(
            "dunning_levels.mail_template_dunning_courtesy",
            raise_if_not_found=False,
        )
