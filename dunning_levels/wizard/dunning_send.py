# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class DunningSend(models.TransientModel):
    """Send payment reminders in mass, through one or several channels.

    Channel addons add a boolean ``use_<channel>`` and extend
    :meth:`_get_selected_channels`, :meth:`_get_channel_problems` and
    :meth:`_send_channel`.
    """

    _name = "dunning.send"
    _description = "Send Payment Reminders"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    state = fields.Selection(
        selection=[("draft", "Preview"), ("done", "Summary")], default="draft"
    )
    company_id = fields.Many2one(
        comodel_name="res.company", default=lambda self: self.env.company
    )
    reminder_ids = fields.Many2many(comodel_name="dunning.reminder", string="Reminders")
    move_ids = fields.Many2many(comodel_name="account.move", string="Invoices")
    from_invoices = fields.Boolean(compute="_compute_from_invoices")
    generation_rule = fields.Selection(
        selection=[
            ("next", "Next level"),
            ("customer", "Level set on the customer"),
            ("chosen", "Level chosen here"),
            ("days", "Level matching the days overdue"),
        ],
        default="next",
        required=True,
        help="How the level of each invoice's reminder is chosen. 'Days "
        "overdue' takes the highest active level whose delay is reached.",
    )
    level = fields.Selection(
        selection=[("1", "1"), ("2", "2"), ("3", "3")],
        string="Level to Send",
        default="1",
    )
    allow_resend = fields.Boolean(
        string="Allow Re-sending a Level Already Sent",
        help="Send a level again even if it was already sent for the invoice.",
    )
    use_email = fields.Boolean(string="Email", default=True)
    use_letter = fields.Boolean(string="Printed Letter")
    use_phone = fields.Boolean(
        string="Phone Call List",
        help="A list of customers to call; it changes no level.",
    )
    attach_statement = fields.Boolean(
        string="Attach Customer Statement",
        help="Attach the customer's statement of account to the email.",
    )
    grouping = fields.Selection(
        selection=[
            ("customer", "One per customer"),
            ("invoice", "One per invoice"),
        ],
        default="customer",
        required=True,
        help="One communication per customer covering all its selected "
        "invoices (statement style), or one per invoice.",
    )
    sort_key = fields.Selection(
        selection=[
            ("partner", "Customer"),
            ("salesperson", "Salesperson"),
            ("category", "Customer tag"),
        ],
        string="Sort Letters By",
        default="partner",
        required=True,
    )
    preview_html = fields.Html(
        compute="_compute_preview", sanitize=False, string="Preview"
    )
    has_problems = fields.Boolean(compute="_compute_preview")
    summary_html = fields.Html(readonly=True, sanitize=False, string="Summary")
    letter_attachment_id = fields.Many2one(
        comodel_name="ir.attachment", string="Letters", readonly=True
    )
    call_list_attachment_id = fields.Many2one(
        comodel_name="ir.attachment", string="Call List", readonly=True
    )
    # Reminders closed instead of sent, by reason (see
    # dunning.reminder._get_obsolete_reasons); summed by background sendings.
    closed_paid_count = fields.Integer(readonly=True)
    closed_not_overdue_count = fields.Integer(readonly=True)
    closed_archived_count = fields.Integer(readonly=True)

    # ------------------------------------------------------------
    # DEFAULTS AND COMPUTE
    # ------------------------------------------------------------

    @api.model
    def default_get(self, fields_list):
        # EXTENDS 'base'
        values = super().default_get(fields_list)
        active_model = self.env.context.get("active_model")
        active_ids = self.env.context.get("active_ids") or []
        if active_model == "dunning.reminder":
            values["reminder_ids"] = [fields.Command.set(active_ids)]
        elif active_model == "account.move":
            values["move_ids"] = [fields.Command.set(active_ids)]
        return values

    @api.depends("move_ids")
    def _compute_from_invoices(self):
        for wizard in self:
            wizard.from_invoices = bool(wizard.move_ids)

    def _get_selected_channels(self):
        """Return the channels ticked in the wizard, in sending order.

        TO OVERRIDE by channel addons: append ``"<channel>"`` when their
        ``use_<channel>`` box is ticked. The phone list comes last.
        """
        self.ensure_one()
        channels = []
        if self.use_email:
            channels.append("email")
        if self.use_letter:
            channels.append("letter")
        return channels

    def _get_channel_problems(self, channel, group):
        """Return why ``group`` cannot be sent through ``channel``, or None.

        TO OVERRIDE by channel addons for their channel (call super for the
        others). Checked before sending and shown in the preview.
        """
        partner = group.partner_id[:1]
        if channel == "email" and not group._get_email_recipients():
            return self.env._(
                "%(customer)s has no email address.", customer=partner.name
            )
        if channel == "letter":
            address = group.move_id.partner_id[:1] or partner
            if not (address.street and address.zip and address.city):
                return self.env._(
                    "%(customer)s has an incomplete postal address.",
                    customer=partner.name,
                )
        return None

    @api.depends(
        "reminder_ids",
        "move_ids",
        "generation_rule",
        "level",
        "allow_resend",
        "use_email",
        "use_letter",
        "use_phone",
        "grouping",
    )
    def _compute_preview(self):
        for wizard in self:
            lines, problems = wizard._get_preview()
            wizard.preview_html = wizard._render_preview(lines, problems)
            wizard.has_problems = bool(problems)
            if wizard._must_send_in_background():
                wizard.preview_html += Markup("<p class='text-info'>%s</p>") % (
                    self.env._(
                        "More than %(threshold)s reminders: they will be sent in "
                        "the background, in batches. You will be notified with "
                        "the summary when it is done.",
                        threshold=wizard.company_id.dunning_send_background_threshold,
                    )
                )

    def _get_preview(self):
        """Figures of what will be sent, without changing anything.

        :return: (``{(level, channel): [reminders, customers, amount]}``,
            list of problem texts)
        """
        self.ensure_one()
        problems = []
        if self.from_invoices:
            plan, problems_by_move = self._plan_invoice_levels()
            problems = list(problems_by_move.values())
            groups = [
                {"level": level, "partner": move.commercial_partner_id, "moves": move}
                for move, level in plan
            ]
            if self.grouping == "customer":
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
        else:
            reminders = self.reminder_ids.filtered(lambda r: r.state == "draft")
            skipped = self.reminder_ids - reminders
            if skipped:
                problems.append(
                    self.env._(
                        "%(count)s selected reminder(s) are not to send any more.",
                        count=len(skipped),
                    )
                )
            obsolete = reminders._get_obsolete_reasons()
            labels = reminders._get_obsolete_reason_labels()
            for code in dict.fromkeys(obsolete.values()):
                problems.append(
                    self.env._(
                        "%(count)s reminder(s) will be closed without sending: "
                        "%(reason)s",
                        count=list(obsolete.values()).count(code),
                        reason=labels.get(code, code),
                    )
                )
            reminders -= self.env["dunning.reminder"].union(*obsolete)
            groups = [
                {
                    "level": max(group.mapped("level")),
                    "partner": group.partner_id[:1],
                    "moves": group.move_id,
                    "reminders": group,
                }
                for group in reminders._group_for_sending(self.grouping, self.sort_key)
            ]
        lines = {}
        channels = self._get_selected_channels() + (["phone"] if self.use_phone else [])
        if not channels:
            problems.append(self.env._("Choose at least one channel."))
        for group in groups:
            for channel in channels:
                entry = lines.setdefault((group["level"], channel), [0, set(), 0.0])
                entry[0] += len(group["moves"])
                entry[1].add(group["partner"].id)
                entry[2] += sum(group["moves"].mapped("amount_residual_signed"))
                reminders = group.get("reminders")
                if reminders and channel != "phone":
                    problem = self._get_channel_problems(channel, reminders)
                    if problem:
                        problems.append(problem)
        return lines, problems

    def _render_preview(self, lines, problems):
        channel_labels = dict(
            self.env["dunning.reminder"]
            ._fields["channel"]
            ._description_selection(self.env)
        )
        channel_labels["phone"] = self.env._("Phone call list")
        rows = Markup("").join(
            Markup(
                "<tr><td>%s</td><td>%s</td><td class='text-end'>%s</td>"
                "<td class='text-end'>%s</td><td class='text-end'>%s</td></tr>"
            )
            % (
                level,
                channel_labels.get(channel, channel),
                count,
                len(partners),
                self.env["ir.qweb.field.monetary"].value_to_html(
                    amount, {"display_currency": self.company_id.currency_id}
                ),
            )
            for (level, channel), (count, partners, amount) in sorted(lines.items())
        )
        html = Markup(
            "<table class='table table-sm'><thead><tr><th>%s</th><th>%s</th>"
            "<th class='text-end'>%s</th><th class='text-end'>%s</th>"
            "<th class='text-end'>%s</th></tr></thead><tbody>%s</tbody></table>"
        ) % (
            self.env._("Level"),
            self.env._("Channel"),
            self.env._("Invoices"),
            self.env._("Customers"),
            self.env._("Amount due"),
            rows,
        )
        if problems:
            html += Markup(
                "<div class='alert alert-warning' role='alert'><ul>%s</ul></div>"
            ) % Markup("").join(Markup("<li>%s</li>") % problem for problem in problems)
        return html

    # ------------------------------------------------------------
    # LEVELS WHEN STARTING FROM INVOICES
    # ------------------------------------------------------------

    def _get_target_level(self, move, levels):
        """Return the level to send for ``move`` under the generation rule.

        :param levels: the company's active levels, ordered
        :return: int level, or 0 when none applies
        """
        if self.generation_rule == "chosen":
            return int(self.level or 0)
        if self.generation_rule == "customer":
            return int(move.commercial_partner_id.dunning_customer_level or 0)
        if self.generation_rule == "days":
            reached = levels.filtered(
                lambda lvl: lvl.delay_days <= move.dunning_days_overdue
            )
            return reached[-1:].level or 0
        return (
            levels.filtered(lambda lvl: lvl.level > move.dunning_level)[:1].level or 0
        )

    def _plan_invoice_levels(self):
        """Decide the level of each selected invoice.

        :return: (list of (move, level) to remind, ``{move: problem text}``)
        """
        plan, problems = [], {}
        today = fields.Date.context_today(self)
        overdue = self.move_ids._dunning_read_overdue(
            [("id", "in", self.move_ids.ids)], today
        )
        levels = self.env["dunning.level"].search(
            [("company_id", "in", self.move_ids.company_id.ids)], order="level"
        )
        for move in self.move_ids:
            company_levels = levels.filtered(
                lambda lvl, m=move: lvl.company_id == m.company_id
            )
            level = self._get_target_level(move, company_levels)
            draft = move.dunning_reminder_ids.filtered(lambda r: r.state == "draft")
            if draft and draft.level == level:
                plan.append((move, level))
                continue
            error = move._dunning_check_remindable(
                level, self.allow_resend, overdue, ignore_draft=True
            )
            if error:
                problems[move] = error
            else:
                plan.append((move, level))
        return plan, problems

    def _prepare_reminders_from_invoices(self):
        """Create (or reuse) the draft reminders of the selected invoices.

        A draft at another level than the one chosen is cancelled and
        replaced.

        :return: (``dunning.reminder`` records, ``{move: error text}``)
        """
        reminders = self.env["dunning.reminder"]
        plan, errors = self._plan_invoice_levels()
        for move, level in plan:
            draft = move.dunning_reminder_ids.filtered(lambda r: r.state == "draft")
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
                        level=level, allow_resend=self.allow_resend
                    )
            except UserError as error:
                errors[move] = str(error)
        return reminders, errors

    # ------------------------------------------------------------
    # SENDING
    # ------------------------------------------------------------

    def action_send(self):
        """Send the reminders through the chosen channels.

        Each communication is sent on its own: a failure is recorded (history
        and summary) and the others go on. Above the company's threshold, a
        background job (``dunning.send.job``) sends them in batches instead.
        """
        self.ensure_one()
        channels = self._get_selected_channels()
        if not channels and not self.use_phone:
            raise UserError(self.env._("Choose at least one channel."))
        if self._must_send_in_background():
            return self._action_send_in_background()
        sent, failures = self._send()
        self.write(
            {
                "state": "done",
                "summary_html": self._render_summary(sent, failures),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Payment Reminders Sent"),
        }

    def _must_send_in_background(self):
        """Whether this sending is too large to run while the user waits.

        Above the company's threshold (0: never), a background job sends the
        reminders; a job's own batches are never sent in the background.
        """
        threshold = self.company_id.dunning_send_background_threshold
        if not threshold or self.env.context.get("dunning_send_job_id"):
            return False
        if self.from_invoices:
            return len(self.move_ids) > threshold
        return len(self.reminder_ids.filtered(lambda r: r.state == "draft")) > threshold

    def _action_send_in_background(self):
        """Record a background job sending the reminders in batches, and
        show its progress.

        Starting from invoices, their reminders are prepared now: the job
        only sends reminders, so that a batch run twice never moves an
        invoice to a further level.
        """
        failures = []
        if self.from_invoices:
            reminders, errors = self._prepare_reminders_from_invoices()
            failures = [
                [move.display_name, "", error] for move, error in errors.items()
            ]
        else:
            reminders = self.reminder_ids.filtered(lambda r: r.state == "draft")
        job = self.env["dunning.send.job"]._create_from_wizard(
            self, reminders, failures
        )
        return job._get_action()

    def _get_job_options(self):
        """Return the options a background job replays for each batch: the
        wizard's boxes and choices (those of the channel addons included).

        :return: dict of field values by field name
        """
        return {
            name: self[name]
            for name, field in self._fields.items()
            if field.type in ("boolean", "selection")
            and field.store
            and not field.compute
            and not field.related
            and name != "state"
        }

    def _get_job_counters(self):
        """Return the counters a sending left on the wizard (such as the
        channel addons' ``*_count`` fields), summed by a background job over
        its batches.

        :return: dict of integers by field name
        """
        return {
            name: self[name]
            for name, field in self._fields.items()
            if field.type == "integer"
            and field.store
            and not field.compute
            and name != "id"
        }

    def _send(self):
        """Send the selected reminders (or the selected invoices' reminders).

        :return: (``{group: [channels sent]}``, list of (customer or invoice
            name, channel, reason) not sent)
        """
        channels = self._get_selected_channels()
        failures = []
        if self.from_invoices:
            reminders, errors = self._prepare_reminders_from_invoices()
            failures += [
                (move._dunning_display_name(), "", error)
                for move, error in errors.items()
            ]
        else:
            self.reminder_ids._lock_for_sending()
            reminders = self.reminder_ids.filtered(lambda r: r.state == "draft")
        # Checked now, not at generation: an invoice paid since, even while
        # the generation ran, gets no reminder.
        for code, closed in reminders._close_obsolete().items():
            counter = self._get_closed_counter(code)
            if counter:
                self[counter] += len(closed)
            reminders -= closed
        groups = reminders._group_for_sending(self.grouping, self.sort_key)
        sent = {}
        for channel in channels:
            ok_groups, channel_failures = self._send_channel(channel, groups)
            for group in ok_groups:
                sent.setdefault(group, []).append(channel)
            for group, reason in channel_failures:
                group._log_history("failed", note=reason, channel=channel)
                failures.append((group.partner_id[:1].display_name, channel, reason))
        # Recorded in one go per channel, not communication by communication.
        first_channel, other_channels = {}, {}
        for group, group_channels in sent.items():
            first_channel.setdefault(group_channels[0], []).append(group)
            for channel in group_channels[1:]:
                other_channels.setdefault(channel, []).append(group)
        reminders_model = self.env["dunning.reminder"]
        for channel, channel_groups in first_channel.items():
            channel_reminders = reminders_model.union(*channel_groups)
            marked = channel_reminders._mark_sent(channel)
            # An asynchronous channel (a postal service) may have marked them
            # sent already in this run: the first channel still gets its line.
            (channel_reminders - marked)._log_history("sent", channel=channel)
        for channel, channel_groups in other_channels.items():
            reminders_model.union(*channel_groups)._log_history("sent", channel=channel)
        if self.use_phone and groups:
            self.call_list_attachment_id = self._render_attachment(
                "dunning_levels.action_report_dunning_call_list",
                reminders,
                self.env._("Call list.pdf"),
            )
        return sent, failures

    def _get_closed_counter(self, code):
        """Return the name of the field counting the reminders closed
        without sending for reason ``code``, or None when there is none.

        :param str code: see ``dunning.reminder._get_obsolete_reasons``
        """
        name = f"closed_{code}_count"
        return name if name in self._fields else None

    def _send_channel(self, channel, groups):
        """Send ``groups`` (communications) through ``channel``.

        TO OVERRIDE by channel addons for their channel; call super for the
        others. Must never raise for one communication: return it among the
        failures with a reason instead.

        :param list groups: ``dunning.reminder`` recordsets
        :return: (list of groups sent, list of (group, reason))
        """
        sent, failures = [], []
        valid = []
        for group in groups:
            problem = self._get_channel_problems(channel, group)
            if problem:
                failures.append((group, problem))
            else:
                valid.append(group)
        if channel == "email":
            self.env["dunning.reminder"].union(
                *valid
            ).move_id._dunning_ensure_access_tokens()
            for group in valid:
                try:
                    with self.env.cr.savepoint():
                        group._send_email(with_statement=self.attach_statement)
                    sent.append(group)
                except UserError as error:
                    failures.append((group, str(error)))
        elif channel == "letter" and valid:
            letters = self.env["dunning.reminder"].union(*valid)
            attachment = self._render_attachment(
                "dunning_levels.action_report_dunning_letter",
                letters,
                self.env._("Payment reminder letters.pdf"),
                data={"grouping": self.grouping, "sort_key": self.sort_key},
            )
            letters._write_evidence({"letter_attachment_id": attachment.id})
            self.letter_attachment_id = attachment
            sent += valid
        return sent, failures

    def _render_attachment(self, report_ref, reminders, name, data=None):
        pdf, __ = self.env["ir.actions.report"]._render_qweb_pdf(
            report_ref, reminders.ids, data=data
        )
        return self.env["ir.attachment"].create(
            {
                "name": name,
                "raw": pdf,
                "mimetype": "application/pdf",
                "res_model": "dunning.reminder",
                "res_id": reminders[:1].id,
            }
        )

    def _render_summary(self, sent, failures):
        channel_labels = dict(
            self.env["dunning.reminder"]
            ._fields["channel"]
            ._description_selection(self.env)
        )
        counts = {}
        for group, group_channels in sent.items():
            for channel in group_channels:
                counts[channel] = counts.get(channel, 0) + len(group)
        html = Markup("<p>%s</p>") % self.env._(
            "%(count)s reminder(s) sent, %(failed)s failure(s).",
            count=sum(len(group) for group in sent),
            failed=len(failures),
        )
        if counts:
            html += Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s: %s</li>")
                % (channel_labels.get(channel, channel), count)
                for channel, count in counts.items()
            )
        labels = self.env["dunning.reminder"]._get_obsolete_reason_labels()
        for code, reason in labels.items():
            counter = self._get_closed_counter(code)
            count = self[counter] if counter else 0
            if count:
                html += Markup("<p>%s</p>") % self.env._(
                    "%(count)s reminder(s) closed without sending: %(reason)s",
                    count=count,
                    reason=reason,
                )
        if failures:
            html += Markup(
                "<div class='alert alert-danger' role='alert'>"
                "<strong>%s</strong><ul>%s</ul></div>"
            ) % (
                self.env._("Not sent:"),
                Markup("").join(
                    Markup("<li>%s%s: %s</li>")
                    % (
                        name,
                        f" ({channel_labels.get(channel, channel)})" if channel else "",
                        reason,
                    )
                    for name, channel, reason in failures
                ),
            )
        return html

    def action_download_letters(self):
        """Download the PDF of the letters printed by this sending."""
        self.ensure_one()
        return self._download(self.letter_attachment_id)

    def action_download_call_list(self):
        """Download the phone call list."""
        self.ensure_one()
        return self._download(self.call_list_attachment_id)

    def _download(self, attachment):
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "download",
        }
