# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from collections import defaultdict

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, mute_logger

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from ..const import (
    ACTION_CANCELLED,
    ACTION_CLOSED,
    ACTION_FAILED,
    ACTION_GENERATED,
    ACTION_LEVEL_CHANGED,
    OPEN_STATES,
    STATE_DRAFT,
)

# Payment states after which an invoice is never reminded again.
SETTLED_PAYMENT_STATES = ("paid", "in_payment", "reversed")
# Written by the reminders' methods only, each change with its history line.
DUNNING_PROTECTED_FIELDS = ("dunning_level", "dunning_date")
# History of reminders never sent: deleting their invoice deletes it too.
DISPOSABLE_HISTORY_ACTIONS = (
    ACTION_GENERATED,
    ACTION_CANCELLED,
    ACTION_CLOSED,
    ACTION_FAILED,
)


class AccountMove(models.Model):
    _inherit = "account.move"

    dunning_level = fields.Integer(
        string="Reminder Level",
        default=0,
        copy=False,
        readonly=True,
        index=True,
        aggregator="max",
        help="Last reminder level actually sent (0: never reminded).",
    )
    dunning_level_color = fields.Integer(
        string="Reminder Level Colour",
        compute="_compute_dunning_level_color",
        help="Colour of the invoice's reminder level, given to its row in the "
        "invoice list.",
    )

    @api.depends("dunning_level", "company_id")
    def _compute_dunning_level_color(self):
        # Only colours are read: whoever sees the invoice list sees them, and
        # an archived level keeps colouring the invoices it reached.
        levels = (
            self.env["dunning.level"]
            .sudo()
            .with_context(active_test=False)
            .search([("company_id", "in", self.company_id.ids)])
        )
        colors = {(level.company_id, level.level): level.color for level in levels}
        for move in self:
            move.dunning_level_color = colors.get(
                (move.company_id, move.dunning_level), 0
            )

    dunning_date = fields.Date(
        string="Last Reminder",
        copy=False,
        readonly=True,
        help="Date of the last reminder sent.",
    )
    dunning_to_remind = fields.Boolean(
        string="To Be Reminded",
        default=True,
        tracking=True,
        help="Uncheck to never send payment reminders for this invoice.",
    )
    dunning_days_overdue = fields.Integer(
        string="Days Overdue",
        compute="_compute_dunning_overdue",
        search="_search_dunning_days_overdue",
        help="Days since the due date of the oldest unpaid installment.",
    )
    dunning_installment_line_ids = fields.Many2many(
        comodel_name="account.move.line",
        string="Installments",
        compute="_compute_dunning_installment_line_ids",
        help="Receivable lines of the invoice in due date order: its installments.",
    )
    dunning_amount_overdue = fields.Monetary(
        string="Overdue Amount",
        compute="_compute_dunning_overdue",
        help="Unpaid amount of the installments past their due date.",
    )
    dunning_reminder_ids = fields.One2many(
        comodel_name="dunning.reminder",
        inverse_name="move_id",
        string="Payment Reminders",
        readonly=True,
    )
    dunning_history_ids = fields.One2many(
        comodel_name="dunning.history",
        inverse_name="move_id",
        string="Reminder History",
        readonly=True,
    )
    dunning_reminder_count = fields.Integer(compute="_compute_dunning_reminder_count")

    # ------------------------------------------------------------
    # OVERDUE FIGURES
    # ------------------------------------------------------------

    @api.model
    def _get_dunning_overdue_line_domain(self, date):
        """Return the domain of unpaid receivable installments due before ``date``.

        TO OVERRIDE to change what counts as an overdue installment.
        """
        return [
            ("account_type", "=", "asset_receivable"),
            ("parent_state", "=", "posted"),
            ("reconciled", "=", False),
            ("amount_residual", ">", 0),
            ("date_maturity", "<", date),
        ]

    @api.model
    def _dunning_read_overdue(self, move_domain, date):
        """Aggregate the overdue installments of the invoices of ``move_domain``.

        One query whatever the number of invoices. An invoice is overdue from
        its oldest unpaid installment, not only from its last one.

        :param list move_domain: domain on ``account.move``
        :param date: installments due strictly before this date are overdue
        :return: ``{move_id: {"date_maturity": oldest due date,
            "amount": overdue residual in company currency,
            "amount_overdue_currency": same in the invoice currency}}``
        """
        domain = self._get_dunning_overdue_line_domain(date) + [
            (f"move_id.{fname}", operator, value)
            for fname, operator, value in move_domain
        ]
        groups = self.env["account.move.line"]._read_group(
            domain,
            groupby=["move_id"],
            aggregates=[
                "date_maturity:min",
                "amount_residual:sum",
                "amount_residual_currency:sum",
            ],
        )
        return {
            move.id: {
                "date_maturity": date_maturity,
                "amount": amount,
                "amount_overdue_currency": amount_currency,
            }
            for move, date_maturity, amount, amount_currency in groups
        }

    def _get_dunning_installments(self, date=None):
        """Return the installments of these invoices, the overdue ones flagged.

        An invoice's installments are its receivable lines in due date order:
        the second of three is ``2/3`` whether the first was paid or not. One
        query whatever the number of invoices.

        :param date: installments unpaid and due strictly before this date
            are overdue (default: today)
        :return: ``{move_id: [dict]}``, one dict per installment with the keys
            ``line`` (``account.move.line``), ``sequence`` (1-based),
            ``count``, ``date_maturity``, ``amount`` and ``amount_residual``
            (in the invoice currency), ``overdue`` and ``days_overdue``
            (0 when not overdue)
        """
        date = date or fields.Date.context_today(self)
        # Read for all the invoices of the prefetch (a whole sending's).
        installments = {
            move.id: list(move.dunning_installment_line_ids) for move in self
        }
        overdue_lines = self.dunning_installment_line_ids.filtered_domain(
            self._get_dunning_overdue_line_domain(date)
        )
        result = {}
        for move_id, move_lines in installments.items():
            result[move_id] = [
                {
                    "line": line,
                    "sequence": sequence,
                    "count": len(move_lines),
                    "date_maturity": line.date_maturity,
                    "amount": line.amount_currency,
                    "amount_residual": line.amount_residual_currency,
                    "overdue": line in overdue_lines,
                    "days_overdue": (
                        (date - line.date_maturity).days if line in overdue_lines else 0
                    ),
                }
                for sequence, line in enumerate(move_lines, start=1)
            ]
        return result

    def _get_dunning_installment_lines(self, date=None):
        """Return the overdue installments to print under each of these
        invoices.

        An invoice paid in one installment has none: its own line says it
        all. Built on :meth:`_get_dunning_installments`, in one query.

        :param date: installments unpaid and due strictly before this date
            are overdue (default: today)
        :return: ``{move_id: [dict]}``, the overdue installments of each
            invoice in due date order, each dict with the keys of
            :meth:`_get_dunning_installments` and ``label`` (translated
            "Installment 2/3")
        """
        # Most invoices are paid in one installment: none to read for them.
        split = self.filtered(lambda move: len(move.dunning_installment_line_ids) > 1)
        result = {move.id: [] for move in self}
        if not split:
            return result
        for move_id, installments in split._get_dunning_installments(date).items():
            result[move_id] = [
                {
                    **installment,
                    "label": self._get_dunning_installment_label(installment),
                }
                for installment in installments
                if installment["overdue"]
            ]
        return result

    @api.model
    def _get_dunning_installment_label(self, installment):
        """Return how documents name an installment: "Installment 2/3".

        :param dict installment: see :meth:`_get_dunning_installments`
        """
        return self.env._(
            "Installment %(sequence)s/%(count)s",
            sequence=installment["sequence"],
            count=installment["count"],
        )

    @api.model
    def _get_dunning_eligible_domain(self, company):
        """Return the domain of invoices that may be reminded in ``company``.

        TO OVERRIDE to exclude more invoices. Every term must be a plain
        ``(field, operator, value)`` triple: it is also applied to the
        invoices' lines.
        """
        return [
            ("company_id", "=", company.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("dunning_to_remind", "=", True),
            ("commercial_partner_id.dunning_excluded", "=", False),
            ("commercial_partner_id.active", "=", True),
        ]

    @api.depends(
        "line_ids.account_type", "line_ids.display_type", "line_ids.date_maturity"
    )
    def _compute_dunning_installment_line_ids(self):
        ids = [move_id for move_id in self._origin.ids if move_id]
        lines = self.env["account.move.line"].search(
            [
                ("move_id", "in", ids),
                ("account_type", "=", "asset_receivable"),
                ("display_type", "=", "payment_term"),
            ],
            order="move_id, date_maturity, id",
        )
        lines_by_move = defaultdict(list)
        for line in lines:
            lines_by_move[line.move_id.id].append(line.id)
        for move in self:
            move.dunning_installment_line_ids = lines.browse(
                lines_by_move[move._origin.id]
            )

    @api.depends("line_ids.amount_residual", "line_ids.date_maturity", "state")
    def _compute_dunning_overdue(self):
        today = fields.Date.context_today(self)
        invoices = self.filtered(lambda m: m._origin.id and m.is_sale_document())
        overdue = (
            self._dunning_read_overdue([("id", "in", invoices.ids)], today)
            if invoices
            else {}
        )
        for move in self:
            # An invoice edited in a form is a new record: its figures are
            # those of the invoice it stands for.
            data = overdue.get(move._origin.id)
            move.dunning_days_overdue = (
                (today - data["date_maturity"]).days if data else 0
            )
            move.dunning_amount_overdue = (
                data["amount_overdue_currency"] if data else 0.0
            )

    def _search_dunning_days_overdue(self, operator, value):
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = None
        if operator not in (">=", ">", "<", "<=", "=") or value is None:
            raise UserError(
                self.env._("Days overdue can only be compared with a whole number.")
            )
        # "overdue by at least N days" = an unpaid installment due on or before
        # today - N. The other comparisons are derived from it.
        today = fields.Date.context_today(self)
        at_least = {">=": value, ">": value + 1}.get(operator)
        if at_least is not None:
            return self._dunning_overdue_since_domain(today, at_least)
        if operator in ("<", "<="):
            limit = value if operator == "<" else value + 1
            return ["!", *self._dunning_overdue_since_domain(today, limit)]
        return [
            *self._dunning_overdue_since_domain(today, value),
            "!",
            *self._dunning_overdue_since_domain(today, value + 1),
        ]

    @api.model
    def _dunning_overdue_since_domain(self, today, days):
        """Domain of invoices with an unpaid installment due ``days`` days ago
        or earlier (and at least one day overdue)."""
        limit = fields.Date.subtract(today, days=max(days, 1) - 1)
        return [("line_ids", "any", self._get_dunning_overdue_line_domain(limit))]

    @api.depends("dunning_reminder_ids")
    def _compute_dunning_reminder_count(self):
        counts = dict(
            self.env["dunning.reminder"]._read_group(
                [("move_id", "in", self.ids)],
                groupby=["move_id"],
                aggregates=["__count"],
            )
        )
        for move in self:
            move.dunning_reminder_count = counts.get(move, 0)

    # ------------------------------------------------------------
    # CRUD AND WORKFLOW
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # EXTENDS 'account'
        if not self.env.su and any(
            vals.get(fname) for vals in vals_list for fname in DUNNING_PROTECTED_FIELDS
        ):
            self._dunning_raise_protected()
        return super().create(vals_list)

    def write(self, vals):
        # EXTENDS 'account'
        # The level and last reminder date change with a history line only:
        # through the reminders' methods and the "set level" wizard, which
        # write them as superuser (see _dunning_write).
        if not self.env.su and any(fname in vals for fname in DUNNING_PROTECTED_FIELDS):
            self._dunning_raise_protected()
        res = super().write(vals)
        if "dunning_to_remind" in vals and not vals["dunning_to_remind"]:
            self.dunning_reminder_ids._cancel(
                note=self.env._("The invoice is no longer to be reminded.")
            )
        return res

    def _dunning_raise_protected(self):
        raise AccessError(
            self.env._(
                "The reminder level and the date of the last reminder of an "
                "invoice change when a reminder is sent, or with the 'Set "
                "Reminder Level' action, which records it in the history."
            )
        )

    def _dunning_write(self, vals):
        """Write reminder fields (level, last reminder date) of these invoices.

        Users may not write them directly (see :meth:`write`): the methods
        that record the change in the history write them here, where the
        user's write access on the invoices is checked before writing as
        superuser.

        They touch no journal item: the balance check and the line
        synchronisation of ``account.move.write``, costly on many invoices,
        are skipped.

        :raise AccessError: when the user may not write these invoices
        """
        if not self:
            return True
        self.check_access("write")
        return (
            self.sudo()
            .with_context(skip_invoice_sync=True, check_move_validity=False)
            .write(vals)
        )

    def _dunning_log_history(self, action, note=None, level=None):
        """Write one history line per invoice for ``action``, an event of the
        invoice rather than of one of its reminders (level set by hand, for
        instance).

        History lines are written by the models only: the user's write access
        on the invoices is checked, then the lines are created as superuser,
        in the user's name.

        :param str action: a value of ``dunning.history.action``
        :param str note: text of the lines
        :param int level: level recorded; default: each invoice's level
        :return: the new ``dunning.history`` records
        :raise AccessError: when the user may not write these invoices
        """
        history = self.env["dunning.history"]
        if not self:
            return history
        self.check_access("write")
        return (
            history.sudo()
            .create(
                [
                    {
                        "move_id": move.id,
                        "level": move.dunning_level if level is None else level,
                        "action": action,
                        "note": note,
                    }
                    for move in self
                ]
            )
            .with_env(self.env)
        )

    def _dunning_ensure_access_tokens(self):
        """Give these invoices their portal access token, in one query.

        An email posted on an invoice links to its portal page: Odoo writes
        the token when missing, invoice by invoice, through the whole invoice
        ``write`` (journal items synchronised). Sending many reminders sets
        them all beforehand.
        """
        missing = self.filtered(lambda move: not move.access_token)
        if not missing:
            return
        missing.flush_recordset(["access_token"])
        self.env.cr.execute(
            SQL(
                "UPDATE account_move"
                " SET access_token = COALESCE(access_token, gen_random_uuid()::varchar)"
                " WHERE id IN %s RETURNING id, access_token",
                tuple(missing.ids),
            )
        )
        tokens = dict(self.env.cr.fetchall())
        self.env.cache.update(
            missing, self._fields["access_token"], [tokens[id_] for id_ in missing.ids]
        )

    def unlink(self):
        # EXTENDS 'account'
        # An invoice whose reminders were sent keeps them and its history:
        # it cannot be deleted (the database refuses it too, the move_id of
        # reminders and history lines being ondelete="restrict"). Otherwise
        # its reminders, never sent, go with it, and their history.
        uninstalling = self.env.context.get(MODULE_UNINSTALL_FLAG)
        if not uninstalling:
            self._dunning_check_unlink()
        self._dunning_unlink_reminders(everything=uninstalling)
        return super().unlink()

    def _dunning_check_unlink(self):
        """Refuse to delete invoices whose reminders were sent, or whose
        history tells more than the life of reminders never sent.

        :raise UserError: for such an invoice
        """
        for move in self.sudo():
            if (
                move.dunning_reminder_ids._filtered_sent()
                or move.dunning_history_ids.filtered(
                    lambda h: h.action not in DISPOSABLE_HISTORY_ACTIONS
                )
            ):
                raise UserError(
                    self.env._(
                        "%(invoice)s cannot be deleted: payment reminders were "
                        "sent for it and they are part of the customer's history. "
                        "Cancel the invoice instead.",
                        invoice=move._dunning_display_name(),
                    )
                )

    def _dunning_unlink_reminders(self, everything=False):
        """Delete, as superuser, the reminders of these invoices being
        deleted, and their history.

        :param bool everything: also what records a sending (at the
            uninstallation of the module that created the invoices); otherwise
            only what :meth:`_dunning_check_unlink` lets go
        """
        moves = self.sudo()
        history = moves.dunning_history_ids
        reminders = moves.dunning_reminder_ids
        if not everything:
            history = history.filtered(lambda h: h.action in DISPOSABLE_HISTORY_ACTIONS)
            reminders -= reminders._filtered_sent()
        history.unlink()
        reminders.unlink()

    def button_draft(self):
        # EXTENDS 'account'
        res = super().button_draft()
        self.dunning_reminder_ids._cancel(
            note=self.env._("The invoice was reset to draft.")
        )
        return res

    def button_cancel(self):
        # EXTENDS 'account'
        res = super().button_cancel()
        self.dunning_reminder_ids._cancel(note=self.env._("The invoice was cancelled."))
        return res

    def _dunning_close_settled(self):
        """Close the open reminders of the invoices that are paid or reversed."""
        settled = self.filtered(lambda m: m.payment_state in SETTLED_PAYMENT_STATES)
        reminders = settled.dunning_reminder_ids.filtered(
            lambda r: r.state in OPEN_STATES
        )
        return reminders._close(note=self.env._("The invoice is paid."))

    # ------------------------------------------------------------
    # REMINDERS BY HAND
    # ------------------------------------------------------------

    def _dunning_prepare_reminder_vals(self, level=None, allow_resend=False):
        """Return the ``create`` values of a reminder of each invoice, made
        by the generation's own hook (``_prepare_generated_reminder_vals``).

        :raise UserError: when an invoice cannot be reminded at that level
        """
        today = fields.Date.context_today(self)
        overdue = self._dunning_read_overdue([("id", "in", self.ids)], today)
        levels = self.env["dunning.level"].search(
            [("company_id", "in", self.company_id.ids)], order="level"
        )
        reminders = self.env["dunning.reminder"]
        vals_list = []
        for move in self:
            target = (
                level
                or levels.filtered(
                    lambda lvl, m=move: (
                        lvl.company_id == m.company_id and lvl.level > m.dunning_level
                    )
                )[:1].level
            )
            error = move._dunning_check_remindable(target, allow_resend, overdue)
            if error:
                raise UserError(error)
            data = overdue[move.id]
            vals_list.append(
                reminders._prepare_generated_reminder_vals(
                    {
                        "move": move,
                        "level": target,
                        "date_maturity": data["date_maturity"],
                        "days_overdue": (today - data["date_maturity"]).days,
                        "amount_overdue": data["amount_overdue_currency"],
                    },
                    today,
                )
            )
        return vals_list

    def _dunning_create_reminders(self, level=None, allow_resend=False):
        """Create a draft reminder for each invoice, outside the morning run.

        :param int level: level to prepare; default: the next active level
        :param bool allow_resend: allow a level already sent (re-sending the
            formal notice is only possible this way)
        :return: the new ``dunning.reminder`` records
        :raise UserError: when an invoice cannot be reminded at that level
        """
        reminders = self.env["dunning.reminder"]
        vals_list = self._dunning_prepare_reminder_vals(level, allow_resend)
        # Reminders just sent or cancelled must leave the unique index first.
        reminders.flush_model(["state"])
        # Created as superuser (users may not create reminders directly) once
        # the user's right to create them is checked.
        reminders.check_access("create")
        for company in self.company_id:
            if not reminders.with_company(company)._try_lock_generation(shared=True):
                raise UserError(
                    self.env._(
                        "The payment reminders of %(company)s are being generated: "
                        "please try again in a moment.",
                        company=company.display_name,
                    )
                )
        try:
            with self.env.cr.savepoint(flush=False), mute_logger("odoo.sql_db"):
                reminders = reminders.sudo().create(vals_list).with_env(reminders.env)
        except UniqueViolation as error:
            # Generated by another transaction since this one began.
            raise UserError(
                self.env._(
                    "A reminder to send was created meanwhile for %(invoices)s.",
                    invoices=", ".join(self.mapped("display_name")),
                )
            ) from error
        reminders._log_history(
            ACTION_GENERATED,
            note=self.env._("Prepared by hand.") if allow_resend else None,
        )
        return reminders

    def _dunning_display_name(self):
        """Return the invoice's name for messages: its display name, or its
        type and id when it has none (cancelled before being numbered)."""
        self.ensure_one()
        if self.display_name:
            return self.display_name
        types = dict(self._fields["move_type"]._description_selection(self.env))
        return self.env._(
            "%(type)s #%(id)s", type=types.get(self.move_type), id=self.id
        )

    def _dunning_check_remindable(
        self, level, allow_resend, overdue, ignore_draft=False
    ):
        """Return why this invoice cannot get a reminder at ``level``, or None.

        :param dict overdue: result of :meth:`_dunning_read_overdue`
        :param bool ignore_draft: do not object to a reminder to send (the
            caller replaces it)
        """
        self.ensure_one()
        if self.move_type != "out_invoice" or self.state != "posted":
            return self.env._(
                "%(invoice)s is not a posted customer invoice.",
                invoice=self._dunning_display_name(),
            )
        if self.payment_state in SETTLED_PAYMENT_STATES or self.id not in overdue:
            return self.env._(
                "%(invoice)s has nothing overdue.", invoice=self._dunning_display_name()
            )
        if not self.commercial_partner_id.active:
            return self.env._(
                "%(invoice)s: the customer %(customer)s is archived.",
                invoice=self._dunning_display_name(),
                customer=self.commercial_partner_id.display_name,
            )
        paused = self._dunning_get_pause_problem(fields.Date.context_today(self))
        if paused:
            return paused
        if not level:
            return self.env._(
                "%(invoice)s has reached the last reminder level.",
                invoice=self._dunning_display_name(),
            )
        if level <= self.dunning_level and not allow_resend:
            return self.env._(
                "Level %(level)s was already sent for %(invoice)s.",
                level=level,
                invoice=self._dunning_display_name(),
            )
        if not ignore_draft and self.dunning_reminder_ids.filtered(
            lambda r: r.state == STATE_DRAFT
        ):
            return self.env._(
                "%(invoice)s already has a reminder to send.",
                invoice=self._dunning_display_name(),
            )
        return None

    def _dunning_set_level(self, level, note=None):
        """Set the reminder level by hand, logging who changed it from what.

        Reminders not sent yet are cancelled: the next ones are computed from
        the new level.
        """
        if not 0 <= level <= 3:
            raise UserError(self.env._("The reminder level must be between 0 and 3."))
        for move in self.filtered(lambda m: m.dunning_level != level):
            previous = move.dunning_level
            move.dunning_reminder_ids._cancel(
                note=self.env._("The reminder level was changed by hand.")
            )
            move._dunning_write({"dunning_level": level})
            text = self.env._(
                "Reminder level changed by hand from %(previous)s to %(level)s.",
                previous=previous,
                level=level,
            )
            move._dunning_log_history(
                ACTION_LEVEL_CHANGED, note=f"{text}\n{note}" if note else text
            )
            move._message_log(body=text)
        return True

    def action_dunning_set_level(self):
        """Open the wizard setting the reminder level by hand."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Set Reminder Level"),
            "res_model": "dunning.set.level",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": "account.move", "active_ids": self.ids},
        }

    def _dunning_get_invoice_pdf(self):
        """Return a PDF copy of the invoice as an attachment, for reminders.

        The official PDF is reused when the invoice was already sent;
        otherwise the invoice report is rendered.
        """
        self.ensure_one()
        if self.invoice_pdf_report_id:
            return self.invoice_pdf_report_id
        return self.env["dunning.sending"]._render_pdf_attachment(
            "account.account_invoices", self, self._get_invoice_report_filename()
        )
