# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging
import unicodedata
from datetime import timedelta

from markupsafe import Markup
from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_datetime, is_html_empty, mute_logger

from ..tools import insert_records
from .account_move import SETTLED_PAYMENT_STATES

_logger = logging.getLogger(__name__)

# Reminders created per call of the generation cron; the cron framework calls
# it again (and commits in between) while there is work left.
CRON_BATCH_SIZE = 10000
# First key of the PostgreSQL advisory lock taken while generating reminders
# (the second key is the company id). Any constant unlikely to clash.
GENERATION_LOCK_KEY = 0x44554E4E
# When the scheduled generation finds a company's lock taken, it runs again
# after this delay.
GENERATION_RETRY_DELAY = timedelta(minutes=1)
# Email state of a reminder for each status of its email notifications (one
# per recipient), the first found winning: one recipient not reached is
# enough for the email to count as failed.
EMAIL_STATUS_PRECEDENCE = (
    ("exception", "exception"),
    ("bounce", "bounce"),
    ("canceled", "canceled"),
    ("ready", "queued"),
    ("process", "queued"),
    ("pending", "queued"),
    ("sent", "sent"),
)
# Email states meaning the customer did not get the email.
EMAIL_FAILED_STATES = ("exception", "bounce", "canceled")


class DunningReminder(models.Model):
    """A payment reminder of one invoice at one level, and what became of it.

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
            ("draft", "To Send"),
            ("sent", "Sent"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        copy=False,
    )
    channel = fields.Selection(
        selection=[
            ("email", "Email"),
            ("letter", "Printed letter"),
            ("phone", "Phone call"),
            ("manual", "Other means"),
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
                " ON dunning_reminder (move_id) WHERE state = 'draft'"
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
            [("move_id", "in", self.move_id.ids), ("action", "=", "called")],
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
        return self.filtered(lambda r: r.sent_datetime or r.state == "sent")

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
            not self.env.su and self.filtered(lambda r: r.state != "draft")
        ):
            raise UserError(
                self.env._(
                    "Only reminders still to send can be deleted: sent, closed and "
                    "cancelled reminders are part of the customer's history."
                )
            )

    # ------------------------------------------------------------
    # GENERATION
    # ------------------------------------------------------------

    @api.model
    def generate_reminders(self, date=None):
        """Generate the reminders due on ``date`` for the current companies.

        Nothing is sent. Running it twice on the same date creates nothing new.

        :param date: generation date (default: today)
        :return: the new ``dunning.reminder`` records
        :raise AccessError: when the user may not create reminders, even if
            there is nothing to generate
        """
        # Checked first: a user who cannot generate must not even take the
        # generation lock (and learn nothing from an empty result).
        self.check_access("create")
        date = date or fields.Date.context_today(self)
        reminders = self.browse()
        for company in self.env.companies:
            candidates = self.with_company(company)._get_reminders_to_generate(
                company, date
            )
            reminders |= self.with_company(company)._create_generated_reminders(
                candidates, date
            )
        return reminders

    @api.model
    def action_generate_reminders(self):
        """Generate today's reminders now (button of the reminder list).

        The morning cron does the same; running both creates nothing twice.
        """
        reminders = self.generate_reminders()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if reminders else "info",
                "message": self.env._(
                    "%(count)s new payment reminder(s) to send.", count=len(reminders)
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _cron_generate_reminders(self, batch_size=CRON_BATCH_SIZE):
        """Scheduled morning generation for every company.

        Creates at most ``batch_size`` reminders per call and reports its
        progress: the cron framework commits and calls again while reminders
        remain to generate.
        """
        date = fields.Date.context_today(self)
        done = remaining = busy = 0
        companies = self.env["res.company"].search([("dunning_level_ids", "!=", False)])
        for company in companies:
            reminders = self.with_company(company)
            budget = max(batch_size - done, 0)
            # One company's error (a broken configuration, a bad invoice) must
            # not cost the other companies their reminders.
            try:
                with self.env.cr.savepoint():
                    candidates = reminders._get_reminders_to_generate(company, date)
                    if candidates and not reminders._try_lock_generation():
                        # Reminders are being created by hand: this company's
                        # turn comes at the next run.
                        busy += len(candidates)
                        continue
                    created = reminders._create_generated_reminders(
                        candidates[:budget], date
                    )
            except Exception:
                _logger.exception(
                    "Payment reminders of company %s (%s) not generated",
                    company.id,
                    company.name,
                )
                continue
            done += len(created)
            remaining += len(candidates[budget:])
        _logger.info(
            "Generated %s payment reminders, %s remaining, %s waiting for a lock",
            done,
            remaining,
            busy,
        )
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining + busy)
        if busy:
            self.env.ref("dunning_levels.ir_cron_dunning_generate").sudo()._trigger(
                at=fields.Datetime.now() + GENERATION_RETRY_DELAY
            )

    @api.model
    def _get_reminders_to_generate(self, company, date):
        """Return what must be generated for ``company`` on ``date``.

        Queries do not depend on the number of invoices: one aggregate over
        the overdue receivable lines, one read of the invoices, one search of
        the open reminders (and one aggregate of credits when a minimum amount
        is set).

        :return: list of dicts with the keys ``move``, ``level``,
            ``date_maturity``, ``days_overdue`` and ``amount_overdue``, sorted
            by customer then invoice
        """
        levels = self.env["dunning.level"].search(
            [("company_id", "=", company.id)], order="level"
        )
        if not levels:
            return []
        moves_model = self.env["account.move"]
        overdue = moves_model._dunning_read_overdue(
            moves_model._get_dunning_eligible_domain(company), date
        )
        if not overdue:
            return []
        moves = moves_model.browse(list(overdue))
        moves.fetch(
            ["commercial_partner_id", "currency_id", "dunning_level", "dunning_date"]
        )
        open_moves = {
            move.id
            for [move] in self._read_group(
                [("move_id", "in", moves.ids), ("state", "=", "draft")],
                groupby=["move_id"],
            )
        }
        allowed_partners = self._get_partners_above_minimum(company, moves, overdue)
        allowed_ids = None if allowed_partners is None else set(allowed_partners.ids)
        # The next level after each level already sent (0: none sent yet).
        next_levels = {
            sent: levels.filtered(lambda lvl, s=sent: lvl.level > s)[:1]
            for sent in range(max(levels.mapped("level")) + 1)
        }
        min_interval = company.dunning_min_interval_days
        candidates = []
        for move in moves:
            if move.id in open_moves or (
                allowed_ids is not None
                and move.commercial_partner_id.id not in allowed_ids
            ):
                continue
            next_level = next_levels.get(move.dunning_level, levels.browse())
            data = overdue[move.id]
            days = (date - data["date_maturity"]).days
            if not next_level or days < next_level.delay_days:
                continue
            if move.dunning_date and (date - move.dunning_date).days < min_interval:
                continue
            candidates.append(
                {
                    "move": move,
                    "level": next_level.level,
                    "date_maturity": data["date_maturity"],
                    "days_overdue": days,
                    "amount_overdue": data["amount_overdue_currency"],
                }
            )
        candidates.sort(
            key=lambda c: (c["move"].commercial_partner_id.id, c["move"].id)
        )
        return candidates

    @api.model
    def _get_partners_above_minimum(self, company, moves, overdue):
        """Return the customers owing at least the company's minimum amount.

        A customer's due is the total of its overdue installments less its
        unreconciled credits (credit notes, payments not yet matched), in the
        company currency.

        :return: ``res.partner`` commercial partners, or ``None`` when the
            company sets no minimum
        """
        minimum = company.dunning_min_amount
        if company.currency_id.compare_amounts(minimum, 0) <= 0:
            return None
        totals = {}
        for move in moves:
            partner = move.commercial_partner_id
            totals[partner] = totals.get(partner, 0.0) + overdue[move.id]["amount"]
        credits = self.env["account.move.line"]._read_group(
            [
                ("company_id", "=", company.id),
                ("parent_state", "=", "posted"),
                ("account_type", "=", "asset_receivable"),
                ("reconciled", "=", False),
                ("amount_residual", "<", 0),
                (
                    "partner_id.commercial_partner_id",
                    "in",
                    list({p.id for p in totals}),
                ),
            ],
            groupby=["partner_id"],
            aggregates=["amount_residual:sum"],
        )
        for partner, amount in credits:
            commercial = partner.commercial_partner_id
            totals[commercial] = totals.get(commercial, 0.0) + amount
        return self.env["res.partner"].union(
            *(
                partner
                for partner, total in totals.items()
                if company.currency_id.compare_amounts(total, minimum) >= 0
            )
        )

    @api.model
    def _prepare_generated_reminder_vals(self, candidate, date):
        """Return the ``create`` values of a reminder generated on ``date``.

        TO OVERRIDE to store more information on generated reminders.
        """
        return {
            "move_id": candidate["move"].id,
            "currency_id": candidate["move"].currency_id.id,
            "level": candidate["level"],
            "generated_date": date,
            "date_maturity": candidate["date_maturity"],
            "days_overdue": candidate["days_overdue"],
            "amount_overdue": candidate["amount_overdue"],
        }

    @api.model
    def _create_generated_reminders(self, candidates, date):
        """Create the draft reminders of ``candidates`` and their history.

        Reminders and history lines are inserted in SQL, thousands per query
        (see :func:`~odoo.addons.dunning_levels.tools.insert_records`). The
        unique index on draft reminders may reject a batch when another
        generation committed reminders for the same invoices after this
        transaction began: the batch is then inserted one reminder at a time,
        so that what the other run created is skipped and nothing else is
        lost.
        """
        if not candidates:
            return self.browse()
        vals_list = [
            self._prepare_generated_reminder_vals(candidate, date)
            for candidate in candidates
        ]
        if not self._try_lock_generation():
            _logger.info(
                "Another generation of payment reminders is running for company "
                "%s: skipped.",
                self.env.company.id,
            )
            return self.browse()
        # Reminders just sent or cancelled must leave the unique index first.
        self.flush_model(["state"])
        # A rejected insert is expected here, not a server error worth logging.
        with mute_logger("odoo.sql_db"):
            try:
                with self.env.cr.savepoint(flush=False):
                    reminders = insert_records(self, vals_list)
            except UniqueViolation:
                reminders = self.browse()
                for vals in vals_list:
                    try:
                        with self.env.cr.savepoint(flush=False):
                            reminders |= insert_records(self, [vals])
                    except UniqueViolation:
                        _logger.info(
                            "Invoice %s already has a reminder to send: skipped.",
                            vals["move_id"],
                        )
        reminders._log_history("generated")
        return reminders

    @api.model
    def _try_lock_generation(self, shared=False):
        """Take the company's generation lock for the current transaction.

        The generation takes it alone; reminders created by hand take it
        shared (several users may create some at once, not while the
        generation runs).

        :param bool shared: take it shared with other creations by hand
        :return: whether the lock was obtained (False when another transaction
            is generating the same company's reminders, or creating some by
            hand while this one generates)
        """
        function = (
            "pg_try_advisory_xact_lock_shared"
            if shared
            else "pg_try_advisory_xact_lock"
        )
        self.env.cr.execute(
            SQL(
                "SELECT %s(%s, %s)",
                SQL.identifier(function),
                GENERATION_LOCK_KEY,
                self.env.company.id,
            )
        )
        return self.env.cr.fetchone()[0]

    # ------------------------------------------------------------
    # STATE CHANGES
    # ------------------------------------------------------------

    def _lock_for_sending(self):
        """Lock these reminders until the end of the transaction, so that
        two users sending them at the same time do not both send them.

        Waits for a transaction sending them to end; PostgreSQL then refuses
        the lock (the rows changed since this transaction began), Odoo's
        request handling retries the request, and the retry finds them sent
        and sends nothing.
        """
        if not self:
            return
        self.env.cr.execute(
            SQL(
                "SELECT id FROM dunning_reminder WHERE id IN %s FOR NO KEY UPDATE",
                tuple(self.ids),
            ),
            log_exceptions=False,
        )

    def _get_obsolete_reasons(self):
        """Return which of these reminders must not be sent any more, and why.

        Checked at sending time by every channel, in the user's sending as in
        the background: since its generation, the invoice may have been paid
        (possibly while the generation ran), the overdue installment settled,
        or the customer archived.

        TO OVERRIDE to add reasons: call ``super()`` and add entries.

        :return: ``{reminder: reason code}``, codes among
            :meth:`_get_obsolete_reason_labels`
        """
        if not self:
            return {}
        today = fields.Date.context_today(self)
        overdue = self.env["account.move"]._dunning_read_overdue(
            [("id", "in", self.move_id.ids)], today
        )
        reasons = {}
        for reminder in self:
            move = reminder.move_id
            if move.payment_state in SETTLED_PAYMENT_STATES:
                reasons[reminder] = "paid"
            elif move.id not in overdue:
                reasons[reminder] = "not_overdue"
            elif not reminder.partner_id.active:
                reasons[reminder] = "archived"
        return reasons

    def _get_obsolete_reason_labels(self):
        """Return the translated text of each reason code of
        :meth:`_get_obsolete_reasons`.

        :return: ``{code: text}``
        """
        return {
            "paid": self.env._("The invoice is paid."),
            "not_overdue": self.env._("The invoice is no longer overdue."),
            "archived": self.env._("The customer is archived."),
        }

    def _close_obsolete(self):
        """Close, without sending them, the reminders that must not be sent
        any more (see :meth:`_get_obsolete_reasons`), with the reason in their
        history.

        :return: ``{reason code: closed reminders}``
        """
        labels = self._get_obsolete_reason_labels()
        by_reason = {}
        for reminder, code in self._get_obsolete_reasons().items():
            by_reason[code] = by_reason.get(code, self.browse()) | reminder
        for code, reminders in by_reason.items():
            reminders._close(note=labels.get(code, code))
        return by_reason

    def _mark_sent(self, channel, action="sent", note=None):
        """Record that these reminders were sent through ``channel``.

        Channels call this once their sending succeeded. Each invoice takes
        the level of its reminder and today's date as last reminder; the
        history and the invoice's chatter record it.

        :param str channel: a value of the ``channel`` selection
        :param str action: ``sent`` or ``marked_sent`` (sent by other means)
        :param str note: optional text stored in the history
        """
        to_send = self.filtered(lambda r: r.state == "draft")
        if not to_send:
            return to_send
        now = fields.Datetime.now()
        to_send._write_evidence(
            {
                "state": "sent",
                "channel": channel,
                "sent_datetime": now,
                "sent_by_id": self.env.user.id,
            }
        )
        today = fields.Date.context_today(self)
        for level in set(to_send.mapped("level")):
            to_send.filtered(
                lambda r, lvl=level: r.level == lvl
            ).move_id._dunning_write({"dunning_level": level, "dunning_date": today})
        to_send._log_history(action, note=note)
        channel_label = dict(self._fields["channel"]._description_selection(self.env))
        to_send.move_id._message_log_batch(
            bodies={
                reminder.move_id.id: Markup("%s")
                % self.env._(
                    "Payment reminder level %(level)s sent (%(channel)s).",
                    level=reminder.level,
                    channel=channel_label.get(channel, channel),
                )
                for reminder in to_send
            }
        )
        return to_send

    def action_mark_sent(self):
        """Mark reminders as sent by other means (by hand, outside Odoo)."""
        if any(reminder.state != "draft" for reminder in self):
            raise UserError(self.env._("Only reminders to send can be marked as sent."))
        self._mark_sent("manual", action="marked_sent")
        return True

    def action_close(self):
        """Close reminders: nothing more is expected from them."""
        self._close()
        return True

    def _close(self, note=None):
        to_close = self.filtered(lambda r: r.state in ("draft", "sent"))
        to_close._write_evidence({"state": "closed"})
        to_close._log_history("closed", note=note)
        return to_close

    def action_cancel(self):
        """Cancel reminders not sent yet."""
        if any(reminder.state != "draft" for reminder in self):
            raise UserError(self.env._("Only reminders to send can be cancelled."))
        self._cancel()
        return True

    def _cancel(self, note=None):
        to_cancel = self.filtered(lambda r: r.state == "draft")
        to_cancel._write_evidence({"state": "cancelled"})
        to_cancel._log_history("cancelled", note=note)
        return to_cancel

    def action_resend(self):
        """Prepare the same level again for these sent reminders' invoices.

        The only way to remind an invoice twice at the same level: after the
        formal notice, nothing is generated automatically any more.
        """
        if any(reminder.state != "sent" for reminder in self):
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

    # ------------------------------------------------------------
    # ROW ACTIONS
    # ------------------------------------------------------------

    def action_open_invoice(self):
        """Open the reminded invoice."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "views": [(False, "form")],
        }

    def action_open_partner(self):
        """Open the customer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_id.id,
            "views": [(False, "form")],
        }

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

    def action_send_email(self):
        """Open the email of this reminder in the composer, ready to edit.

        The email is posted in the invoice's chatter (replies come back
        there); sending it marks the reminder as sent.
        """
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("Only reminders to send can be emailed."))
        values = self._prepare_email_values()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send Payment Reminder"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": "account.move",
                "default_res_ids": values["move"].ids,
                "default_composition_mode": "comment",
                "default_subject": values["subject"],
                "default_body": values["body"],
                "default_partner_ids": values["recipients"].ids,
                "default_attachment_ids": values["attachments"].ids,
                "default_email_from": values["email_from"],
                "dunning_reminder_ids": self.ids,
            },
        }

    def action_print_letter(self):
        """Download the letter: as printed if it was, else rendered now with
        the invoice copy (letter, customer address, then the invoice)."""
        self.ensure_one()
        if self.letter_attachment_id:
            return {
                "type": "ir.actions.act_url",
                "url": f"/web/content/{self.letter_attachment_id.id}?download=true",
                "target": "download",
            }
        return self.env.ref(
            "dunning_levels.action_report_dunning_letter"
        ).report_action(
            self,
            data={
                "grouping": "invoice",
                "sort_key": "partner",
                "attach_invoices": True,
            },
            config=False,
        )

    # ------------------------------------------------------------
    # PROOFS OF SENDING
    # ------------------------------------------------------------

    def _get_proof_attachments(self):
        """Return the proofs of sending of these reminders: deposit and
        delivery proofs, acknowledgements of receipt.

        TO OVERRIDE by channels that keep their proofs elsewhere. Default:
        the documents attached to the reminders, their letters excepted.

        :return: ``ir.attachment`` recordset
        """
        return self.env["ir.attachment"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("id", "not in", self.letter_attachment_id.ids),
            ],
            order="id",
        )

    def _get_proof_reference(self):
        """Return how the sending of this reminder can be proven, e.g. the
        registered letter's number and its delivery state.

        TO OVERRIDE by channels that give such references.

        :return: translated text, empty when the channel gives none
        """
        self.ensure_one()
        return ""

    # ------------------------------------------------------------
    # EMAIL
    # ------------------------------------------------------------

    def _get_email_recipients(self):
        """Return who receives the email of this communication.

        TO OVERRIDE to add contacts. Default: the invoice contacts having an
        email, else the customer.
        """
        recipients = self.move_id.partner_id.filtered("email")
        return recipients or self.partner_id.filtered("email")

    def _get_email_attachments(self, level, with_statement=False):
        """Return the attachments of the email of this communication: the
        invoice PDFs when the level asks for them, the customer statement on
        demand."""
        attachments = self.env["ir.attachment"]
        if level.attach_invoice:
            for invoice in self.move_id:
                attachments |= invoice._dunning_get_invoice_pdf()
        if with_statement:
            partner = self.partner_id[:1]
            reports = self.env["ir.actions.report"].with_company(self.company_id[:1])
            pdf, __ = reports._render_qweb_pdf(
                "dunning_levels.action_report_dunning_statement", partner.ids
            )
            attachments |= self.env["ir.attachment"].create(
                {
                    "name": self.env._(
                        "Statement %(customer)s.pdf", customer=partner.name
                    ),
                    "raw": pdf,
                    "mimetype": "application/pdf",
                    # Pending, as the composer's uploads: posting the email
                    # attaches it to the invoice. Billing users may not write
                    # on customers, so not to the customer.
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        return attachments

    def _get_communication_level(self):
        """Return the ``dunning.level`` of one communication covering these
        reminders: the configuration of the highest of their levels."""
        # Iterating keeps the prefetch: the levels of every communication
        # being sent are read at once.
        top = max(self, key=lambda reminder: reminder.level, default=self.browse())
        return top.level_id

    def _prepare_email_values(self, with_statement=False):
        """Render the email of this communication (one customer's reminders).

        :return: dict with ``move`` (the invoice whose chatter carries it),
            ``level``, ``subject``, ``body``, ``email_from``, ``recipients``,
            ``attachments``
        :raise UserError: when the email cannot be sent (no template, no
            address)
        """
        level = self._get_communication_level()
        template = level.mail_template_id
        if not template:
            raise UserError(
                self.env._(
                    "Level %(level)s has no email template.", level=level.display_name
                )
            )
        recipients = self._get_email_recipients()
        if not recipients:
            raise UserError(
                self.env._(
                    "%(customer)s has no email address.",
                    customer=self.partner_id[:1].display_name,
                )
            )
        partner = self.partner_id[:1]
        # Rendered in the reminders' company, whichever company the user works
        # in: its name, address, bank account and invoices.
        rendered = (
            template.with_company(self.company_id[:1])
            .with_context(
                dunning_move_ids=tuple(self.move_id.ids),
                **level._get_render_context(),
            )
            ._generate_template(partner.ids, ["subject", "body_html", "email_from"])[
                partner.id
            ]
        )
        return {
            "move": self.move_id.sorted(lambda m: (m.invoice_date_due, m.id))[:1],
            "level": level,
            "subject": rendered.get("subject"),
            "body": rendered.get("body_html"),
            "email_from": rendered.get("email_from"),
            "recipients": recipients,
            "attachments": self._get_email_attachments(level, with_statement),
        }

    def _send_email(self, with_statement=False):
        """Email this communication through the invoice's chatter.

        The mail is queued (sent by the mail queue), the message kept on the
        reminders to follow its delivery.

        :return: the posted ``mail.message``
        """
        values = self._prepare_email_values(with_statement=with_statement)
        message = (
            values["move"]
            .with_context(mail_notify_force_send=False)
            .message_post(
                body=values["body"],
                subject=values["subject"],
                email_from=values["email_from"] or None,
                partner_ids=values["recipients"].ids,
                attachment_ids=values["attachments"].ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        )
        # Queued: the mail queue reports what becomes of it (see
        # _email_update_status).
        self._write_evidence(
            {
                "mail_message_id": message.id,
                "email_status": "queued",
                "email_failure_reason": False,
            }
        )
        return message

    def _get_email_failure_reason(self, notification):
        """Return the translated reason why the email of ``notification``
        did not reach its recipient.

        :param notification: ``mail.notification`` of type ``email``
        """
        labels = dict(
            notification._fields["failure_type"]._description_selection(self.env)
        )
        if notification.notification_status == "canceled":
            reason = self.env._("email cancelled")
        else:
            reason = labels.get(notification.failure_type) or self.env._(
                "unknown error"
            )
        # A refused connection is told on the mail, not on its notifications.
        detail = notification.failure_reason or notification.mail_mail_id.failure_reason
        if detail:
            reason = f"{reason} ({detail})"
        return self.env._(
            "Email to %(recipient)s not delivered: %(reason)s",
            recipient=notification.res_partner_id.email or "",
            reason=reason,
        )

    def _email_update_status(self):
        """Bring ``email_status`` in line with the email's notifications and
        act on the change.

        Called when the email is queued and whenever Odoo changes the status
        of one of its notifications: the mail queue sending it (or failing
        to), a bounce coming back, a resend or a cancellation from the
        chatter. Idempotent: only a change of status acts.

        A reminder sent by email counts as sent once its email is queued. An
        email that fails afterwards leaves the reminder sent, shows the
        reason and writes one ``failed`` history line, in the name of the
        user who sent it: :meth:`action_email_failed_resend` sends it again
        by email or as a letter.
        """
        for reminder in self.filtered("mail_message_id"):
            notifications = reminder.mail_message_id.sudo().notification_ids.filtered(
                lambda n: n.notification_type == "email"
            )
            statuses = set(notifications.mapped("notification_status"))
            status = next(
                (state for key, state in EMAIL_STATUS_PRECEDENCE if key in statuses),
                False,
            )
            previous = reminder.email_status
            if status == previous:
                continue
            if status not in EMAIL_FAILED_STATES:
                reminder._write_evidence(
                    {"email_status": status, "email_failure_reason": False}
                )
                continue
            failed = notifications.filtered(
                lambda n, s=status: n.notification_status == s
            )[:1]
            reason = reminder._get_email_failure_reason(failed)
            reminder._write_evidence(
                {"email_status": status, "email_failure_reason": reason}
            )
            if previous not in EMAIL_FAILED_STATES:
                sender = reminder.mail_message_id.create_uid or self.env.user
                reminder.with_user(sender).sudo()._log_history(
                    "failed", note=reason, channel="email"
                )

    def action_email_failed_resend(self):
        """Send again the communications whose email failed, by email (once
        the address is fixed) or as a letter.

        The same level is prepared again for each invoice of the failed
        emails and the sending wizard opens on the new reminders, the channel
        left to choose; the failed reminders are closed, their history saying
        why.

        :return: action opening the sending wizard
        :raise UserError: when a reminder is not a sent one whose email
            failed, or its invoice cannot be reminded again
        """
        failed = self.filtered(
            lambda r: r.state == "sent" and r.email_status in EMAIL_FAILED_STATES
        )
        if not self or failed != self:
            raise UserError(
                self.env._(
                    "Only sent reminders whose email failed can be sent again this way."
                )
            )
        # The whole communication: every reminder its email covered.
        failed |= self.search(
            [
                ("mail_message_id", "in", failed.mail_message_id.ids),
                ("state", "=", "sent"),
            ]
        )
        new = self.browse()
        for reminder in failed:
            new |= reminder.move_id._dunning_create_reminders(
                level=reminder.level, allow_resend=True
            )
        failed._close(
            note=self.env._("Email failed: the reminder is prepared again to send.")
        )
        return new._open_wizard("dunning.send", self.env._("Send Again"))

    # ------------------------------------------------------------
    # GROUPING FOR SENDING
    # ------------------------------------------------------------

    def _get_sort_key_function(self, sort_key):
        """Return the key sorting groups of reminders for ``sort_key``.

        TO OVERRIDE to add sort keys (``_selection_sort_key`` of the sending
        wizard lists them).

        :param str sort_key: ``partner``, ``salesperson`` or ``category``
        :return: function taking a group of reminders, returning a sort key
        """

        def text(value):
            # "Ébénisterie" sorts with the E, not after Z.
            decomposed = unicodedata.normalize("NFKD", value or "")
            return "".join(
                c for c in decomposed if not unicodedata.combining(c)
            ).lower()

        if sort_key == "salesperson":
            return lambda group: (
                text(group.invoice_user_id[:1].name),
                text(group.partner_id.name),
            )
        if sort_key == "category":
            return lambda group: (
                text(group.partner_id.category_id[:1].name),
                text(group.partner_id.name),
            )
        return lambda group: (text(group.partner_id.name), group.partner_id.id)

    def _group_for_sending(self, grouping="customer", sort_key="partner"):
        """Split these reminders into communications, in sending order.

        :param str grouping: ``customer`` (one communication per customer and
            currency, covering all its reminders, written at the highest of
            their levels) or ``invoice`` (one per reminder)
        :param str sort_key: see :meth:`_get_sort_key_function`
        :return: list of ``dunning.reminder`` recordsets, one per communication
        """
        if grouping == "invoice":
            groups = list(self.sorted(lambda r: r.move_id.name or ""))
        else:
            ids_by_key = {}
            # _origin: in the wizard's form, reminders are new records.
            for reminder in self.sorted(
                lambda r: (r.date_maturity or r.generated_date, r._origin.id)
            ):
                key = (reminder.partner_id, reminder.company_id, reminder.currency_id)
                ids_by_key.setdefault(key, []).append(reminder.id)
            # Groups share the prefetch of all the reminders: a field read on
            # one group is read for every group at once.
            groups = [
                self.browse(ids).with_prefetch(self._prefetch_ids)
                for ids in ids_by_key.values()
            ]
        return sorted(groups, key=self._get_sort_key_function(sort_key))

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
