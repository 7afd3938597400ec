# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_date, format_datetime, is_html_empty

from ..const import (
    ACTION_CALLED,
    ACTION_CANCELLED,
    ACTION_CLOSED,
    ACTION_MARKED_SENT,
    CHANNEL_EMAIL,
    CHANNEL_LETTER,
    CHANNEL_MANUAL,
    CHANNEL_PHONE,
    OPEN_STATES,
    STATE_CANCELLED,
    STATE_CLOSED,
    STATE_DRAFT,
    STATE_SENT,
)
from ..tools import insert_records


class DunningReminder(models.Model):
    """A payment reminder of one invoice at one level, and what became of it.

    This file holds the reminder itself: its fields, its evidence and its
    state changes; ``dunning_reminder_generation.py`` its generation, and
    ``dunning_reminder_sending.py`` the helpers of its sending (email,
    grouping, proofs), which the sending service ``dunning.sending`` drives.

    A reminder is evidence of what was sent to the customer, when, how and by
    whom: users write its note only. Its other fields are written by the
    model's own methods (generation, sending, channels), which check the
    user's rights on the reminders and then write as superuser; ``create``
    and ``write`` refuse them to anyone else (see :meth:`write`).
    """

    _name = "dunning.reminder"
    _description = "Payment Reminder"
    _order = "generated_date desc, partner_id, move_id, id desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Invoice",
        required=True,
        readonly=True,
        index=True,
        # Not "cascade": the database would delete the evidence behind the
        # ORM's back; account.move.unlink deletes what may go.
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        related="move_id.commercial_partner_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="move_id.company_id",
        store=True,
        index=True,
    )
    invoice_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Salesperson",
        related="move_id.invoice_user_id",
        store=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        required=True,
        readonly=True,
        help="Currency of the invoice.",
    )
    level = fields.Integer(required=True, readonly=True, aggregator=False)
    level_id = fields.Many2one(
        comodel_name="dunning.level",
        string="Reminder Level",
        compute="_compute_level_id",
        help="Configuration (letter, email) of this reminder's level.",
    )
    state = fields.Selection(
        selection=[
            (STATE_DRAFT, "To Send"),
            (STATE_SENT, "Sent"),
            (STATE_CLOSED, "Closed"),
            (STATE_CANCELLED, "Cancelled"),
        ],
        default=STATE_DRAFT,
        required=True,
        readonly=True,
        index=True,
        copy=False,
    )
    channel = fields.Selection(
        selection=[
            (CHANNEL_EMAIL, "Email"),
            (CHANNEL_LETTER, "Printed letter"),
            (CHANNEL_PHONE, "Phone call"),
            (CHANNEL_MANUAL, "Other means"),
        ],
        readonly=True,
        copy=False,
        help="How the reminder was sent.",
    )
    generated_date = fields.Date(
        required=True,
        readonly=True,
        default=fields.Date.context_today,
        index=True,
    )
    sent_datetime = fields.Datetime(string="Sent On", readonly=True, copy=False)
    sent_by_id = fields.Many2one(comodel_name="res.users", readonly=True, copy=False)
    date_maturity = fields.Date(
        string="Oldest Due Date",
        readonly=True,
        help="Due date of the oldest unpaid installment at generation.",
    )
    days_overdue = fields.Integer(
        readonly=True,
        aggregator="max",
        help="Days past the oldest unpaid due date at generation.",
    )
    amount_overdue = fields.Monetary(
        readonly=True,
        help="Unpaid amount of the overdue installments at generation, in the "
        "invoice currency.",
    )
    amount_residual = fields.Monetary(
        string="Amount Due",
        related="move_id.amount_residual",
        help="What the customer still owes on the invoice today.",
    )
    history_ids = fields.One2many(
        comodel_name="dunning.history", inverse_name="reminder_id", readonly=True
    )
    note = fields.Text()

    # Workspace: what the accountant needs on each row.
    partner_phone = fields.Char(related="partner_id.phone", string="Phone")
    partner_mobile = fields.Char(related="partner_id.mobile", string="Mobile")
    partner_email = fields.Char(related="partner_id.email", string="Email Address")
    partner_category_ids = fields.Many2many(
        related="partner_id.category_id",
        string="Customer Tags",
        help="Tags of the customer, such as a pupil's class.",
    )
    partner_has_comment = fields.Boolean(
        compute="_compute_partner_info",
        string="Customer Note",
        help="The customer form has an internal note.",
    )
    partner_overdue_count = fields.Integer(
        compute="_compute_partner_info",
        string="Overdue Invoices",
        help="Number of overdue invoices of the customer in this company.",
    )
    partner_overdue_amount = fields.Monetary(
        compute="_compute_partner_info",
        search="_search_partner_overdue_amount",
        currency_field="company_currency_id",
        string="Customer Overdue",
        help="Total overdue amount of the customer in this company.",
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    invoice_date = fields.Date(related="move_id.invoice_date", store=True)
    invoice_date_due = fields.Date(
        related="move_id.invoice_date_due", string="Due Date", store=True
    )
    payment_method_line_id = fields.Many2one(
        related="move_id.preferred_payment_method_line_id",
        string="Payment Method",
        store=True,
    )
    move_dunning_level = fields.Integer(
        related="move_id.dunning_level", string="Invoice Level"
    )
    last_reminder_date = fields.Date(
        related="move_id.dunning_date", string="Last Reminder"
    )
    days_overdue_now = fields.Integer(
        related="move_id.dunning_days_overdue", string="Days Overdue Today"
    )
    mail_message_id = fields.Many2one(
        comodel_name="mail.message",
        string="Email",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    email_status = fields.Selection(
        selection=[
            ("queued", "Queued"),
            ("sent", "Delivered"),
            ("bounce", "Bounced"),
            ("exception", "Error"),
            ("canceled", "Cancelled"),
        ],
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Delivery state of the reminder's email, as Odoo's mail queue and "
        "the bounces report it. Queued: waiting in the mail queue. Delivered: "
        "accepted by the outgoing mail server. Bounced, Error, Cancelled: the "
        "email did not reach the customer, see the reason.",
    )
    email_failure_reason = fields.Char(readonly=True, copy=False)
    letter_attachment_id = fields.Many2one(
        comodel_name="ir.attachment",
        string="Letter",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="PDF of the letter as printed, kept for reprint.",
    )
    last_call_note = fields.Char(
        compute="_compute_last_call_note",
        string="Last Call",
        help="Outcome and comment of the last call logged for the invoice.",
    )

    # Workspace: installments, colour, customer figures and dates. Computed
    # for the displayed rows together, never stored.
    installment_label = fields.Char(
        string="Installment",
        compute="_compute_installment",
        help="Oldest overdue installment of an invoice paid in several "
        "installments: its number out of the invoice's installments and its due "
        "date. Empty for an invoice due at once.",
    )
    installment_several_overdue = fields.Boolean(
        string="Several Installments Overdue",
        compute="_compute_installment",
        help="More than one installment of the invoice is overdue.",
    )
    dunning_level_color = fields.Integer(
        compute="_compute_dunning_level_color",
        string="Level Colour",
        help="Colour of the reminder's level, given to its whole row.",
    )
    partner_ref = fields.Char(related="partner_id.ref", string="Customer Reference")
    partner_outstanding_amount = fields.Monetary(
        compute="_compute_partner_outstanding_amount",
        search="_search_partner_outstanding_amount",
        currency_field="company_currency_id",
        string="Customer Outstanding",
        help="Balance of the customer's receivable account in this company: "
        "everything it owes, due or not, less its unreconciled payments and "
        "credit notes.",
    )
    date_next_level = fields.Date(
        string="Next Level On",
        compute="_compute_date_next_level",
        help="Date from which the invoice can reach its next reminder level: "
        "its oldest due date plus the delay of the next active level. Empty "
        "when the invoice is at the last level.",
    )

    @api.depends("move_id")
    def _compute_installment(self):
        installments = self.move_id._get_dunning_installment_lines()
        for reminder in self:
            overdue = installments.get(reminder.move_id.id, [])
            reminder.installment_label = (
                f"{overdue[0]['sequence']}/{overdue[0]['count']} – "
                f"{format_date(self.env, overdue[0]['date_maturity'])}"
                if overdue
                else False
            )
            reminder.installment_several_overdue = len(overdue) > 1

    @api.depends("level", "company_id")
    def _compute_dunning_level_color(self):
        for reminder in self:
            reminder.dunning_level_color = reminder.level_id.color

    @api.model
    def _read_outstanding_by_customer(self, companies, partners=None):
        """Return the balance of each customer's receivable account.

        One query. Counts every posted, unreconciled receivable line of
        ``companies`` (invoices due or not, credit notes, payments not
        matched yet), in the company currency, per commercial partner.

        :param companies: ``res.company`` records
        :param partners: restrict to these commercial partners (default: all)
        :return: ``{commercial partner: amount}``
        """
        domain = [
            ("company_id", "in", companies.ids),
            ("account_type", "=", "asset_receivable"),
            ("parent_state", "=", "posted"),
            ("reconciled", "=", False),
        ]
        if partners is not None:
            domain.append(("partner_id.commercial_partner_id", "in", partners.ids))
        totals = {}
        for partner, amount in self.env["account.move.line"]._read_group(
            domain, groupby=["partner_id"], aggregates=["amount_residual:sum"]
        ):
            commercial = partner.commercial_partner_id
            totals[commercial] = totals.get(commercial, 0.0) + amount
        return totals

    @api.depends("partner_id", "company_id")
    def _compute_partner_outstanding_amount(self):
        for company in self.company_id:
            reminders = self.filtered(lambda r, c=company: r.company_id == c)
            totals = self._read_outstanding_by_customer(company, reminders.partner_id)
            for reminder in reminders:
                reminder.partner_outstanding_amount = totals.get(
                    reminder.partner_id, 0.0
                )
        (self - self.filtered("company_id")).partner_outstanding_amount = 0.0

    def _search_partner_outstanding_amount(self, operator, value):
        try:
            value = float(value)
        except (TypeError, ValueError) as error:
            raise UserError(
                self.env._("The customer's outstanding amount must be a number.")
            ) from error
        compare = {
            ">=": lambda amount: amount >= value,
            ">": lambda amount: amount > value,
            "<": lambda amount: amount < value,
            "<=": lambda amount: amount <= value,
            "=": lambda amount: amount == value,
        }.get(operator)
        if not compare:
            raise UserError(self.env._("Unsupported comparison: %(op)s", op=operator))
        totals = self._read_outstanding_by_customer(self.env.companies)
        # Customers without any open receivable owe 0: they are not in totals.
        if compare(0.0):
            failing = [p.id for p, amount in totals.items() if not compare(amount)]
            return [("partner_id", "not in", failing)]
        matching = [p.id for p, amount in totals.items() if compare(amount)]
        return [("partner_id", "in", matching)]

    @api.depends("move_id.dunning_level", "date_maturity", "company_id")
    def _compute_date_next_level(self):
        levels = self.env["dunning.level"].search(
            [("company_id", "in", self.company_id.ids)], order="level"
        )
        for reminder in self:
            next_level = levels.filtered(
                lambda lvl, r=reminder: (
                    lvl.company_id == r.company_id and lvl.level > r.move_dunning_level
                )
            )[:1]
            due = reminder.date_maturity or reminder.invoice_date_due
            reminder.date_next_level = (
                fields.Date.add(due, days=next_level.delay_days)
                if next_level and due
                else False
            )

    def action_open_customer(self):
        """Open the reminded customer's form."""
        self.ensure_one()
        return self.partner_id._get_records_action(context={})

    def action_open_payer_history(self):
        """Open the payer history of the reminded customer: what it was
        invoiced, what it paid, and when each invoice was reminded."""
        self.ensure_one()
        return self.env.ref(
            "dunning_levels.action_report_dunning_payer_history"
        ).report_action(self.partner_id)

    @api.model
    def action_print_table(self, domain=None, group_by=None, ids=None):
        """Print the workspace as displayed: the reminders of its search
        (``domain``), grouped as it is (``group_by``), limited to the
        selected rows when there are some (``ids``).

        Called by the workspace's "Print Table" button. The reminders are read
        again, with the user's rights, when the report is rendered.

        :param list domain: the list's domain
        :param list group_by: the list's grouping, e.g.
            ``["partner_id", "invoice_date:month"]``
        :param list ids: the selected reminders' ids (default: all)
        :return: the report action
        """
        return self.env.ref(
            "dunning_levels.action_report_dunning_reminder_table"
        ).report_action(
            None,
            data={
                "domain": domain or [],
                "group_by": group_by or [],
                "ids": ids or [],
            },
        )

    # ------------------------------------------------------------
    # INIT, COMPUTE
    # ------------------------------------------------------------

    def init(self):
        res = super().init()
        # At most one reminder to send per invoice, whatever runs concurrently
        # (cron, users, several workers). A partial unique index cannot be
        # expressed with _sql_constraints.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS dunning_reminder_one_draft_per_move"
                " ON dunning_reminder (move_id) WHERE state = %s",
                STATE_DRAFT,
            )
        )
        return res

    @api.depends("company_id", "level")
    def _compute_level_id(self):
        levels = (
            self.env["dunning.level"]
            .with_context(active_test=False)
            .search([("company_id", "in", self.company_id.ids)])
        )
        by_key = {(level.company_id, level.level): level for level in levels}
        for reminder in self:
            reminder.level_id = by_key.get((reminder.company_id, reminder.level))

    @api.depends("partner_id")
    def _compute_partner_info(self):
        for company in self.company_id:
            reminders = self.filtered(lambda r, c=company: r.company_id == c)
            # Read through one recordset: its figures are computed together.
            partners = {
                partner.id: partner
                for partner in reminders.partner_id.with_company(company)
            }
            for reminder in reminders:
                partner = partners[reminder.partner_id.id]
                reminder.partner_has_comment = not is_html_empty(partner.comment)
                reminder.partner_overdue_count = len(partner.dunning_overdue_move_ids)
                reminder.partner_overdue_amount = partner.dunning_overdue_amount
        (self - self.filtered("company_id")).update(
            {
                "partner_has_comment": False,
                "partner_overdue_count": 0,
                "partner_overdue_amount": 0.0,
            }
        )

    def _search_partner_overdue_amount(self, operator, value):
        try:
            value = float(value)
        except (TypeError, ValueError) as error:
            raise UserError(
                self.env._("The customer's overdue amount must be a number.")
            ) from error
        if operator not in (">=", ">", "<", "<=", "="):
            raise UserError(self.env._("Unsupported comparison: %(op)s", op=operator))
        overdue = self.env["res.partner"]._dunning_read_overdue_by_customer(
            self.env.companies
        )
        totals = {partner: amount for partner, (__, amount) in overdue.items()}
        compare = {
            ">=": lambda amount: amount >= value,
            ">": lambda amount: amount > value,
            "<": lambda amount: amount < value,
            "<=": lambda amount: amount <= value,
            "=": lambda amount: amount == value,
        }[operator]
        partner_ids = [
            partner.id for partner, amount in totals.items() if compare(amount)
        ]
        return [("partner_id", "in", partner_ids)]

    def _compute_last_call_note(self):
        calls = self.env["dunning.history"].search(
            [("move_id", "in", self.move_id.ids), ("action", "=", ACTION_CALLED)],
            order="date desc, id desc",
        )
        last_by_move = {}
        for call in calls:
            last_by_move.setdefault(call.move_id, call)
        for reminder in self:
            call = last_by_move.get(reminder.move_id)
            when = call and format_datetime(self.env, call.date, dt_format="short")
            reminder.last_call_note = f"{when}: {call.note}" if call else False

    @api.depends("move_id", "level")
    def _compute_display_name(self):
        for reminder in self:
            reminder.display_name = self.env._(
                "%(invoice)s, level %(level)s",
                invoice=reminder.move_id.name or "",
                level=reminder.level,
            )

    # ------------------------------------------------------------
    # CRUD: EVIDENCE WRITTEN BY THE MODEL ONLY
    # ------------------------------------------------------------

    def _get_user_writable_fields(self):
        """Return the fields users may write directly on reminders.

        The others record what happened to the reminder (its invoice and
        figures at generation, its state, level, sending, email, letter):
        only the model's methods write them, through
        :meth:`_write_evidence`.

        TO OVERRIDE to let users edit a field added by an extension.

        :return: set of field names
        """
        return {"note"}

    @api.model_create_multi
    def create(self, vals_list):
        # EXTENDS 'base'
        # Reminders are created by the generation and from the invoices
        # (account.move._dunning_create_reminders), as superuser once the
        # user's right to create them is checked.
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "Payment reminders are created by their generation or from "
                    "the invoices, not directly."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        # EXTENDS 'base'
        # The evidence is written as superuser by the model's methods only,
        # once they checked the user's rights: the superuser flag cannot come
        # from a client, unlike a context key, which any RPC call may set.
        protected = set(vals) - self._get_user_writable_fields()
        if protected and not self.env.su:
            raise AccessError(
                self.env._(
                    "The state, level and sending of a payment reminder are "
                    "recorded by its actions (send, mark as sent, close, "
                    "cancel), not written directly: %(fields)s.",
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in sorted(protected)
                        if name in self._fields
                    ),
                )
            )
        return super().write(vals)

    def _filtered_sent(self):
        """Return those of these reminders that were sent, closed since or
        not (a letter Maileva rejected reopens its reminder: not sent)."""
        return self.filtered(lambda r: r.sent_datetime or r.state == STATE_SENT)

    def _write_evidence(self, vals):
        """Write ``vals`` (fields users may not write, see
        :meth:`_get_user_writable_fields`) for the model's own methods.

        The user's write access on these reminders is checked, then they are
        written as superuser.

        :raise AccessError: when the user may not act on these reminders
        """
        if not self:
            return True
        self.check_access("write")
        return self.sudo().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        # A reminder once sent is part of the customer's history, whoever
        # asks. A closed or cancelled one too for users; the model deletes
        # those never sent with their invoice (account.move.unlink).
        if self._filtered_sent() or (
            not self.env.su and self.filtered(lambda r: r.state != STATE_DRAFT)
        ):
            raise UserError(
                self.env._(
                    "Only reminders still to send can be deleted: sent, closed and "
                    "cancelled reminders are part of the customer's history."
                )
            )

    # ------------------------------------------------------------
    # STATE CHANGES
    # ------------------------------------------------------------

    def action_mark_sent(self):
        """Mark reminders as sent by other means (by hand, outside Odoo)."""
        if any(reminder.state != STATE_DRAFT for reminder in self):
            raise UserError(self.env._("Only reminders to send can be marked as sent."))
        self._mark_sent(CHANNEL_MANUAL, action=ACTION_MARKED_SENT)
        return True

    def action_close(self):
        """Close reminders: nothing more is expected from them."""
        self._close()
        return True

    def _close(self, note=None):
        to_close = self.filtered(lambda r: r.state in OPEN_STATES)
        to_close._write_evidence({"state": STATE_CLOSED})
        to_close._log_history(ACTION_CLOSED, note=note)
        return to_close

    def action_cancel(self):
        """Cancel reminders not sent yet."""
        if any(reminder.state != STATE_DRAFT for reminder in self):
            raise UserError(self.env._("Only reminders to send can be cancelled."))
        self._cancel()
        return True

    def _cancel(self, note=None):
        to_cancel = self.filtered(lambda r: r.state == STATE_DRAFT)
        to_cancel._write_evidence({"state": STATE_CANCELLED})
        to_cancel._log_history(ACTION_CANCELLED, note=note)
        return to_cancel

    def action_resend(self):
        """Prepare the same level again for these sent reminders' invoices.

        The only way to remind an invoice twice at the same level: after the
        formal notice, nothing is generated automatically any more.
        """
        if any(reminder.state != STATE_SENT for reminder in self):
            raise UserError(self.env._("Only sent reminders can be sent again."))
        new = self.browse()
        for reminder in self:
            new |= reminder.move_id._dunning_create_reminders(
                level=reminder.level, allow_resend=True
            )
        return new._get_action()

    def _get_action(self):
        """Return the window action listing these reminders."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "dunning_levels.dunning_reminder_action"
        )
        action["domain"] = [("id", "in", self.ids)]
        action["context"] = {}
        if len(self) == 1:
            action.update(res_id=self.id, view_mode="form", views=[(False, "form")])
        return action

    @api.model
    def _get_channel_labels(self):
        """Return the translated label of each channel of the ``channel``
        selection (the channel addons' included).

        :return: ``{channel code: label}``
        """
        return dict(self._fields["channel"]._description_selection(self.env))

    # ------------------------------------------------------------
    # ROW ACTIONS
    # ------------------------------------------------------------

    def action_open_invoice(self):
        """Open the reminded invoice."""
        self.ensure_one()
        return self.move_id._get_records_action(context={})

    def action_register_payment(self):
        """Register a payment of the invoices with Odoo's payment wizard."""
        return self.move_id.action_register_payment()

    def action_log_call(self):
        """Log a phone call about these reminders' invoices."""
        return self._open_wizard("dunning.log.call", self.env._("Log a Call"))

    def action_set_level(self):
        """Set the invoices' reminder level by hand."""
        return self.move_id.action_dunning_set_level()

    def action_send(self):
        """Open the sending wizard on these reminders."""
        return self._open_wizard("dunning.send", self.env._("Send Payment Reminders"))

    def _open_wizard(self, model, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def _log_history(self, action, note=None, channel=None):
        """Write one history line per reminder for ``action``.

        History lines are written by the models only: the user's write access
        on these reminders is checked, then the lines are created as
        superuser, in the user's name.

        :param str channel: channel of the event; default: the reminder's
        :return: the new ``dunning.history`` records
        :raise AccessError: when the user may not act on these reminders
        """
        history = self.env["dunning.history"]
        if not self:
            return history
        self.check_access("write")
        return insert_records(
            history.sudo(),
            [
                {
                    "move_id": reminder.move_id.id,
                    "partner_id": reminder.partner_id.id,
                    "reminder_id": reminder.id,
                    "level": reminder.level,
                    "channel": channel or reminder.channel,
                    "action": action,
                    "note": note,
                }
                for reminder in self
            ],
        ).with_env(self.env)
