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
    maileva_submitted_count = fields.Integer(readonly=True)
    maileva_pending_count = fields.Integer(readonly=True)

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
        """Post one letter per communication through Maileva (EXTENDS
        'dunning_levels').

        The reminders of a letter are marked as sent by the sending itself
        once Maileva accepted it (see ``maileva.sending._set_submitted``), so
        no group is returned as sent. A letter Maileva refused is returned
        among the failures; one waiting for a transient error to pass is
        neither: the scheduled action resumes it.
        """
        if channel not in MAILEVA_CHANNELS:
            return super()._send_channel(channel, groups)
        failures = []
        for group in groups:
            problem = self._get_channel_problems(channel, group)
            if problem:
                failures.append((group, problem))
                continue
            try:
                with self.env.cr.savepoint():
                    pdf = self._render_maileva_letter(group)
                    sending = group._create_maileva_sending(channel, pdf)
            except UserError as error:
                failures.append((group, str(error)))
                continue
            sending.with_context(maileva_failure_reported=True)._process()
            if sending.state == "error":
                failures.append((group, sending.error_message))
            elif sending.state in ("draft", "created", "uploaded", "recipient_added"):
                self.maileva_pending_count += len(group)
            else:
                self.maileva_submitted_count += len(group)
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
        if self.maileva_submitted_count:
            html += Markup("<p>%s</p>") % self.env._(
                "%(count)s reminder(s) posted through Maileva.",
                count=self.maileva_submitted_count,
            )
        if self.maileva_pending_count:
            html += Markup("<p>%s</p>") % self.env._(
                "%(count)s reminder(s) waiting for Maileva to answer: they are "
                "sent automatically, and marked as sent once Maileva accepts "
                "the letter.",
                count=self.maileva_pending_count,
            )
        return html
