# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.pdf import PdfReadError

MAILEVA_CHANNELS = ("maileva", "maileva_registered")


class DunningSend(models.TransientModel):
    _inherit = "dunning.send"

    use_maileva = fields.Boolean(
        string="Maileva Letter",
        help="One letter per communication, printed and posted by Maileva (La "
        "Poste). At level 3 it goes registered if the company asks for it.",
    )
    use_maileva_registered = fields.Boolean(
        string="Maileva Registered Letter",
        help="One registered letter with acknowledgement of receipt per "
        "communication, posted by Maileva.",
    )
    maileva_pending_count = fields.Integer(
        readonly=True, help="Reminders whose letters were handed to Maileva."
    )

    def _get_selected_channels(self):
        # EXTENDS 'dunning_levels'
        channels = super()._get_selected_channels()
        if self.use_maileva:
            channels.append("maileva")
        if self.use_maileva_registered:
            channels.append("maileva_registered")
        return channels

    def _get_channel_problems(self, channel, group):
        # EXTENDS 'dunning_levels'
        if channel in MAILEVA_CHANNELS:
            return group._get_maileva_problem(channel)
        return super()._get_channel_problems(channel, group)

    @api.depends("use_maileva", "use_maileva_registered")
    def _compute_preview(self):
        # EXTENDS 'dunning_levels'
        return super()._compute_preview()

    def _send_channel(self, channel, groups):
        """Hand one letter per communication to Maileva (EXTENDS
        'dunning_levels').

        In the user's transaction, each letter is rendered and stored with its
        Maileva sending, still to create at Maileva; the scheduled action,
        woken up at once, talks to Maileva in the background. Its reminders
        are marked as sent when Maileva accepts the letter (see
        ``maileva.sending._set_submitted``), so no group is returned as sent.
        A letter that cannot be handed over (Maileva not configured, an
        address Maileva would refuse, a render that is not a PDF, a letter
        already on its way) is returned among the failures.
        """
        if channel not in MAILEVA_CHANNELS:
            return super()._send_channel(channel, groups)
        failures = []
        sendings = self.env["maileva.sending"]
        for group in groups:
            problem = self._get_channel_problems(channel, group)
            if problem:
                failures.append((group, problem))
                continue
            try:
                with self.env.cr.savepoint():
                    pdf = self._render_maileva_letter(group)
                    sendings |= group._create_maileva_sending(channel, pdf)
            except UserError as error:
                failures.append((group, str(error)))
                continue
            self.maileva_pending_count += len(group)
        if sendings:
            sendings._trigger_cron()
        return [], failures

    def _render_maileva_letter(self, group):
        """Render the letter of one communication for Maileva.

        A PDF engine that wrote nothing readable makes Odoo fail while it
        splits the PDF of several invoices: that is the same broken render as
        an empty one, reported as such by ``_create_maileva_sending``.

        :param group: ``dunning.reminder`` of one communication
        :return: the render (checked by ``_create_maileva_sending``)
        """
        try:
            pdf, __ = self.env["ir.actions.report"]._render_qweb_pdf(
                "dunning_levels.action_report_dunning_letter",
                group.ids,
                data={"grouping": self.grouping, "sort_key": self.sort_key},
            )
        except PdfReadError:
            return b""
        return pdf

    def _render_summary(self, sent, failures):
        # EXTENDS 'dunning_levels'
        html = super()._render_summary(sent, failures)
        if self.maileva_pending_count:
            html += Markup("<p>%s</p>") % self.env._(
                "%(count)s reminder(s) handed to Maileva: their letters are "
                "posted in the background, and the reminders marked as sent once "
                "Maileva accepts them. A letter that cannot be posted is reported "
                "to you and in the reminders' history.",
                count=self.maileva_pending_count,
            )
        return html
