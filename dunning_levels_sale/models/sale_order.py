# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.tools import format_amount

# Order states in which confirming is still to come.
QUOTATION_STATES = ("draft", "sent")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dunning_max_level = fields.Integer(
        string="Customer Reminder Level",
        compute="_compute_dunning_warning",
        help="Highest level of the customer's open payment reminders in the "
        "order's company; 0 when it has none.",
    )
    dunning_overdue_count = fields.Integer(
        string="Customer Overdue Invoices",
        compute="_compute_dunning_warning",
    )
    dunning_overdue_amount = fields.Monetary(
        string="Customer Overdue Amount",
        currency_field="dunning_currency_id",
        compute="_compute_dunning_warning",
        help="What the customer owes past due in the order's company, in the "
        "company currency.",
    )
    dunning_currency_id = fields.Many2one(
        comodel_name="res.currency",
        string="Overdue Amount Currency",
        compute="_compute_dunning_warning",
    )
    dunning_warning = fields.Char(
        string="Payment Reminder Warning",
        compute="_compute_dunning_warning",
    )
    dunning_confirm_blocked = fields.Boolean(
        string="Confirmation Blocked by Reminders",
        compute="_compute_dunning_warning",
        help="The customer's reminders reached the level from which the company "
        "blocks confirming its orders.",
    )
    dunning_block_message = fields.Char(
        string="Confirmation Block Message",
        compute="_compute_dunning_warning",
    )
    dunning_override = fields.Boolean(
        string="Confirm despite payment reminders",
        compute="_compute_dunning_override",
        store=True,
        readonly=False,
        copy=False,
        tracking=True,
        help="Tick to confirm this order although the customer's payment "
        "reminders reached the level from which the company blocks orders. "
        "Who ticked it, and the confirmation, are logged on the order.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("partner_id", "company_id.dunning_sale_block_level", "state")
    def _compute_dunning_warning(self):
        for order_company, orders in self.grouped("company_id").items():
            company = order_company or self.env.company
            summaries = orders.partner_id._dunning_get_reminder_summaries(company)
            block_level = company._dunning_get_sale_block_level()
            for order in orders:
                customer = order.partner_id.commercial_partner_id._origin
                summary = summaries.get(customer.id, {})
                blocked = order.state in QUOTATION_STATES and self._dunning_blocks(
                    summary, block_level
                )
                order.dunning_max_level = summary.get("level", 0)
                order.dunning_overdue_count = len(summary.get("overdue_moves", ()))
                order.dunning_overdue_amount = summary.get("overdue_amount", 0.0)
                order.dunning_currency_id = summary.get("currency", company.currency_id)
                order.dunning_warning = summary.get("warning", False)
                order.dunning_confirm_blocked = blocked
                order.dunning_block_message = blocked and self.env._(
                    "This company blocks the orders of customers reminded at level "
                    "%(level)s or above: only an accounting manager can confirm "
                    "this order, unless you tick the override below, which is "
                    "logged.",
                    level=block_level,
                )

    @api.depends("partner_id", "company_id")
    def _compute_dunning_override(self):
        # Another customer or company calls for a decision of its own.
        self.dunning_override = False

    # ------------------------------------------------------------
    # CONFIRMATION BLOCK
    # ------------------------------------------------------------

    @api.model
    def _dunning_blocks(self, summary, block_level):
        """Return whether a customer's reminders block confirming its orders.

        TO OVERRIDE to change the blocking rule.

        :param dict summary: the customer's summary from
            ``res.partner._dunning_get_reminder_summaries`` (empty when it has
            no open reminder)
        :param int block_level: the company's block level (0: never block)
        """
        return bool(block_level) and summary.get("level", 0) >= block_level

    def _dunning_get_block_summary(self):
        """Return the reminder summary of the customer when it blocks this order.

        Read afresh (not from the computed fields), so that reminders created
        or closed since the order was loaded count.

        :return: the summary (see ``res.partner._dunning_get_reminder_summaries``),
            or None when the customer's reminders do not block the order
        """
        self.ensure_one()
        company = self.company_id
        block_level = company._dunning_get_sale_block_level()
        if not block_level:
            return None
        summary = self.partner_id._dunning_get_reminder_summaries(company).get(
            self.partner_id.commercial_partner_id.id, {}
        )
        return summary if self._dunning_blocks(summary, block_level) else None

    def _dunning_can_bypass_block(self):
        """Return whether the current user may confirm orders the reminders block.

        TO OVERRIDE to let more users through. Accounting managers decide on
        customer credit. The superuser mode is how Odoo confirms an order on
        the customer's behalf (portal signature, online payment): refusing
        there would fail the customer's payment or show them an internal
        message, so the block is left to the company's users.

        :return: True when the block does not apply to the current user
        """
        return self.env.su or self.env.user.has_group("account.group_account_manager")

    def _confirmation_error_message(self):
        # EXTENDS 'sale'
        error = super()._confirmation_error_message()
        if error or self.dunning_override or self._dunning_can_bypass_block():
            return error
        summary = self._dunning_get_block_summary()
        if not summary:
            return error
        return self.env._(
            "%(customer)s has open payment reminders up to level %(level)s "
            "(%(level_name)s) and %(amount)s overdue in %(company)s, which blocks "
            "confirming %(order)s from level %(block_level)s. Ask an accounting "
            "manager to confirm it, or tick “Confirm despite payment reminders” "
            "on the order.",
            customer=self.partner_id.commercial_partner_id.name,
            level=summary["level"],
            level_name=summary["level_name"],
            amount=format_amount(
                self.env, summary["overdue_amount"], summary["currency"]
            ),
            company=self.company_id.name,
            order=self.name,
            block_level=self.company_id._dunning_get_sale_block_level(),
        )

    def action_confirm(self):
        # EXTENDS 'sale'
        # Read before confirming: orders let through despite the block are
        # logged once confirmed (super() raises for the others).
        forced = []
        for order in self.filtered(lambda o: o.state in QUOTATION_STATES):
            summary = order._dunning_get_block_summary()
            if summary:
                forced.append((order, summary))
        res = super().action_confirm()
        for order, summary in forced:
            order._dunning_log_forced_confirmation(summary)
        return res

    def _dunning_log_forced_confirmation(self, summary):
        """Log in the chatter that this order was confirmed although blocked,
        and why it was allowed.

        :param dict summary: the customer's reminder summary at confirmation
        :return: the logged ``mail.message``
        """
        self.ensure_one()
        level = summary["level"]
        amount = format_amount(self.env, summary["overdue_amount"], summary["currency"])
        if self.dunning_override:
            body = self.env._(
                "Confirmed despite payment reminders (level %(level)s, %(amount)s "
                "overdue): the override was ticked.",
                level=level,
                amount=amount,
            )
        elif self.env.user.has_group("account.group_account_manager"):
            body = self.env._(
                "Confirmed despite payment reminders (level %(level)s, %(amount)s "
                "overdue) by an accounting manager.",
                level=level,
                amount=amount,
            )
        else:
            body = self.env._(
                "Confirmed despite payment reminders (level %(level)s, %(amount)s "
                "overdue) by the customer online or by an automated process.",
                level=level,
                amount=amount,
            )
        return self._message_log(body=body)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_dunning_view_overdue_invoices(self):
        """Open the customer's overdue invoices in the order's company."""
        self.ensure_one()
        return self.partner_id.with_company(
            self.company_id
        ).action_dunning_view_overdue_invoices()

    def action_dunning_view_reminders(self):
        """Open the customer's open reminders in the order's company."""
        self.ensure_one()
        action = self.partner_id.action_dunning_view_reminders()
        action["domain"] = [*action["domain"], ("company_id", "=", self.company_id.id)]
        return action
