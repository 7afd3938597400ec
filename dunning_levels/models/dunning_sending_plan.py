# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..const import CHANNEL_PHONE, STATE_DRAFT


class DunningSending(models.AbstractModel):
    """The planning of a sending (the level of each invoice when sending
    from invoices), its preview, and the rendering of the preview and of the
    result for users (QWeb templates of ``views/dunning_sending_templates.xml``).
    """

    _inherit = "dunning.sending"

    # ------------------------------------------------------------
    # PLANNING
    # ------------------------------------------------------------

    @api.model
    def _get_target_level(self, move, levels, options):
        """Return the level to send for ``move`` under the generation rule
        of ``options``.

        :param levels: the company's active levels, ordered
        :return: int level, or 0 when none applies
        """
        rule = options["generation_rule"]
        if rule == "chosen":
            return int(options["level"] or 0)
        if rule == "customer":
            return int(move.commercial_partner_id.dunning_customer_level or 0)
        if rule == "days":
            reached = levels.filtered(
                lambda lvl: lvl.delay_days <= move.dunning_days_overdue
            )
            return reached[-1:].level or 0
        return (
            levels.filtered(lambda lvl: lvl.level > move.dunning_level)[:1].level or 0
        )

    @api.model
    def _plan_invoice_levels(self, moves, options):
        """Decide the level of each invoice of ``moves``.

        :return: (list of (move, level) to remind, ``{move: problem}``)
        """
        options = self._get_options(options)
        plan, problems = [], {}
        today = fields.Date.context_today(self)
        overdue = moves._dunning_read_overdue([("id", "in", moves.ids)], today)
        levels = self.env["dunning.level"].search(
            [("company_id", "in", moves.company_id.ids)], order="level"
        )
        for move in moves:
            company_levels = levels.filtered(
                lambda lvl, m=move: lvl.company_id == m.company_id
            )
            level = self._get_target_level(move, company_levels, options)
            draft = move.dunning_reminder_ids.filtered(lambda r: r.state == STATE_DRAFT)
            if draft and draft.level == level:
                plan.append((move, level))
                continue
            error = move._dunning_check_remindable(
                level, options["allow_resend"], overdue, ignore_draft=True
            )
            if error:
                problems[move] = self._problem("not_remindable", error)
            else:
                plan.append((move, level))
        return plan, problems

    @api.model
    def _prepare_reminders_from_invoices(self, moves, options):
        """Create (or reuse) the draft reminders of ``moves``.

        A draft at another level than the one chosen is cancelled and
        replaced.

        :return: (``dunning.reminder`` records, ``{move: problem}``)
        """
        options = self._get_options(options)
        reminders = self.env["dunning.reminder"]
        plan, problems = self._plan_invoice_levels(moves, options)
        for move, level in plan:
            draft = move.dunning_reminder_ids.filtered(lambda r: r.state == STATE_DRAFT)
            if draft.level == level:
                reminders |= draft
                continue
            draft._cancel(
                note=self.env._(
                    "Replaced by a reminder at level %(level)s.", level=level
                )
            )
            try:
                with self.env.cr.savepoint():
                    reminders |= move._dunning_create_reminders(
                        level=level, allow_resend=options["allow_resend"]
                    )
            except UserError as error:
                problems[move] = self._problem("not_remindable", str(error))
        return reminders, problems

    # ------------------------------------------------------------
    # PREVIEW
    # ------------------------------------------------------------

    @api.model
    def _get_preview(self, options, reminders=None, moves=None):
        """Return what a sending would do, without changing anything.

        :param reminders: the reminders to send, or
        :param moves: the invoices whose reminders to send
        :return: dict with ``lines`` (``[{"level", "channel", "invoices",
            "customers", "amount"}]`` in company currency, by level then
            channel) and ``problems`` (list of problems, see
            :meth:`_problem`)
        """
        options = self._get_options(options)
        problems = []
        if moves:
            groups, problems = self._get_invoice_preview_groups(moves, options)
        else:
            groups, problems = self._get_reminder_preview_groups(reminders, options)
        channels = self._sorted_channels(options["channels"])
        if options["call_list"]:
            channels.append(CHANNEL_PHONE)
        if not channels:
            problems.append(
                self._problem("no_channel", self.env._("Choose at least one channel."))
            )
        known = self._get_channels()
        checks = {
            channel: getattr(self, known[channel]["check"])
            for channel in channels
            if channel in known
        }
        lines = {}
        for group in groups:
            for channel in channels:
                entry = lines.setdefault(
                    (group["level"], channel),
                    {"invoices": 0, "customers": set(), "amount": 0.0},
                )
                entry["invoices"] += len(group["moves"])
                entry["customers"].add(group["partner"].id)
                entry["amount"] += sum(group["moves"].mapped("amount_residual_signed"))
                reminders = group.get("reminders")
                if reminders and channel in checks:
                    problem = checks[channel](channel, reminders, options)
                    if problem:
                        problems.append(problem)
        return {
            "lines": [
                {
                    "level": level,
                    "channel": channel,
                    "invoices": entry["invoices"],
                    "customers": len(entry["customers"]),
                    "amount": entry["amount"],
                }
                for (level, channel), entry in sorted(lines.items())
            ],
            "problems": problems,
        }

    @api.model
    def _get_invoice_preview_groups(self, moves, options):
        plan, problems_by_move = self._plan_invoice_levels(moves, options)
        groups = [
            {"level": level, "partner": move.commercial_partner_id, "moves": move}
            for move, level in plan
        ]
        if options["grouping"] == "customer":
            merged = {}
            for group in groups:
                entry = merged.setdefault(
                    group["partner"],
                    {
                        "level": 0,
                        "partner": group["partner"],
                        "moves": self.env["account.move"],
                    },
                )
                entry["level"] = max(entry["level"], group["level"])
                entry["moves"] |= group["moves"]
            groups = list(merged.values())
        return groups, list(problems_by_move.values())

    @api.model
    def _get_reminder_preview_groups(self, reminders, options):
        problems = []
        to_send = reminders.filtered(lambda r: r.state == STATE_DRAFT)
        skipped = reminders - to_send
        if skipped:
            problems.append(
                self._problem(
                    "not_to_send",
                    self.env._(
                        "%(count)s selected reminder(s) are not to send any more.",
                        count=len(skipped),
                    ),
                )
            )
        obsolete = to_send._get_obsolete_reasons()
        labels = to_send._get_obsolete_reason_labels()
        codes = list(obsolete.values())
        for code in dict.fromkeys(codes):
            problems.append(
                self._problem(
                    code,
                    self.env._(
                        "%(count)s reminder(s) will be closed without sending: "
                        "%(reason)s",
                        count=codes.count(code),
                        reason=labels.get(code, code),
                    ),
                )
            )
        to_send -= self.env["dunning.reminder"].union(*obsolete)
        paused = to_send._get_pause_reasons()
        reasons = list(paused.values())
        for reason in dict.fromkeys(reasons):
            problems.append(
                self._problem(
                    "paused",
                    self.env._(
                        "%(count)s reminder(s) paused, kept to send later: %(reason)s",
                        count=reasons.count(reason),
                        reason=reason,
                    ),
                )
            )
        to_send -= self.env["dunning.reminder"].union(*paused)
        groups = [
            {
                "level": max(group.mapped("level")),
                "partner": group.partner_id[:1],
                "moves": group.move_id,
                "reminders": group,
            }
            for group in to_send._group_for_sending(
                options["grouping"], options["sort_key"]
            )
        ]
        return groups, problems

    # ------------------------------------------------------------
    # RENDERING (preview and summary)
    # ------------------------------------------------------------

    @api.model
    def _render_preview_html(self, preview, company, background_threshold=0):
        """Render ``preview`` (see :meth:`_get_preview`) for the wizard.

        :param int background_threshold: when set, the sending goes to the
            background above this number of reminders: say so
        """
        background_note = background_threshold and self.env._(
            "More than %(threshold)s reminders: they will be sent in the "
            "background, in batches. You will be notified with the summary "
            "when it is done.",
            threshold=background_threshold,
        )
        return self.env["ir.qweb"]._render(
            "dunning_levels.dunning_sending_preview",
            {
                "preview": preview,
                "channel_labels": self._get_channel_labels(),
                "currency": company.currency_id,
                "background_note": background_note,
                "format_amount": self._format_amount,
            },
        )

    @api.model
    def _format_amount(self, amount, currency):
        return self.env["ir.qweb.field.monetary"].value_to_html(
            amount, {"display_currency": currency}
        )

    @api.model
    def _get_summary_lines(self, result):
        """Return the sentences of the summary of ``result``, after the
        counts: the reminders handed to asynchronous channels, and those
        closed without sending.

        :return: list of translated texts
        """
        lines = []
        channels = self._get_channels()
        for channel, count in result.get("queued", {}).items():
            method = channels.get(channel, {}).get("queued_message")
            if count and method:
                lines.append(getattr(self, method)(count))
        labels = self.env["dunning.reminder"]._get_obsolete_reason_labels()
        for code, count in result.get("closed", {}).items():
            if count:
                lines.append(
                    self.env._(
                        "%(count)s reminder(s) closed without sending: %(reason)s",
                        count=count,
                        reason=labels.get(code, code),
                    )
                )
        for reason, count in result.get("paused", {}).items():
            if count:
                lines.append(
                    self.env._(
                        "%(count)s reminder(s) paused, kept to send later: %(reason)s",
                        count=count,
                        reason=reason,
                    )
                )
        return lines

    @api.model
    def _render_summary_html(self, result, notes=()):
        """Render the summary of ``result`` (see :meth:`_new_result`).

        :param notes: sentences to add at the end (a background sending's
            skipped reminders, its stop)
        """
        result = {**self._new_result(), **(result or {})}
        return self.env["ir.qweb"]._render(
            "dunning_levels.dunning_sending_summary",
            {
                "result": result,
                "headline": self.env._(
                    "%(count)s reminder(s) sent, %(failed)s failure(s).",
                    count=result["sent_count"],
                    failed=len(result["failures"]),
                ),
                "lines": self._get_summary_lines(result),
                "notes": list(notes),
                "channel_labels": self._get_channel_labels(),
            },
        )
