# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging
from datetime import timedelta

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.tools import SQL, mute_logger

from ..const import ACTION_GENERATED, STATE_DRAFT
from ..tools import insert_records

# Logged under the reminder model's name, whichever of its files logs (log
# filters and alerts name it).
_logger = logging.getLogger(f"{__package__}.dunning_reminder")

# Reminders created per call of the generation cron; the cron framework calls
# it again (and commits in between) while there is work left.
CRON_BATCH_SIZE = 10000
# First key of the PostgreSQL advisory lock taken while generating reminders
# (the second key is the company id). Any constant unlikely to clash.
GENERATION_LOCK_KEY = 0x44554E4E
# When the scheduled generation finds a company's lock taken, it runs again
# after this delay.
GENERATION_RETRY_DELAY = timedelta(minutes=1)


class DunningReminder(models.Model):
    """The generation of payment reminders: each morning (scheduled action)
    or on demand, every overdue invoice that reached its next level gets a
    reminder to send. Nothing is sent here."""

    _inherit = "dunning.reminder"

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
            self.env["dunning.answer"]._expire_answers(company, date)
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
                    self.env["dunning.answer"]._expire_answers(company, date)
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
                [("move_id", "in", moves.ids), ("state", "=", STATE_DRAFT)],
                groupby=["move_id"],
            )
        }
        allowed_partners = self._get_partners_above_minimum(company, moves, overdue)
        if allowed_partners is not None:
            allowed_ids = set(allowed_partners.ids)
            moves = moves.filtered(lambda m: m.commercial_partner_id.id in allowed_ids)
        candidates = self._get_due_candidates(
            company,
            levels,
            # An invoice the customer answered about waits for its pause to end.
            moves.filtered(
                lambda m: m.id not in open_moves and not m._dunning_is_paused(date)
            ),
            overdue,
            date,
        )
        candidates.sort(
            key=lambda c: (c["move"].commercial_partner_id.id, c["move"].id)
        )
        return candidates

    @api.model
    def _get_due_candidates(self, company, levels, moves, overdue, date):
        """Return the candidates among ``moves`` whose next level is due on
        ``date`` (see :meth:`_get_reminders_to_generate`).

        :param levels: the company's active levels, ordered
        :param dict overdue: see ``account.move._dunning_read_overdue``
        """
        # The next level after each level already sent (0: none sent yet).
        next_levels = {
            sent: levels.filtered(lambda lvl, s=sent: lvl.level > s)[:1]
            for sent in range(max(levels.mapped("level")) + 1)
        }
        min_interval = company.dunning_min_interval_days
        candidates = []
        for move in moves:
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
        reminders._log_history(ACTION_GENERATED)
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
