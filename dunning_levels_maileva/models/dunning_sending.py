# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, models
from odoo.tools.pdf import PdfReadError

from ..tools.maileva_codes import CHANNEL_MAILEVA, CHANNEL_MAILEVA_REGISTERED


class DunningSending(models.AbstractModel):
    """The Maileva channels of the sending service: one letter per
    communication, printed and posted by Maileva (La Poste), registered or
    not."""

    _inherit = "dunning.sending"

    @api.model
    def _get_channels(self):
        # EXTENDS 'dunning_levels'
        channels = super()._get_channels()
        for sequence, channel in (
            (40, CHANNEL_MAILEVA),
            (50, CHANNEL_MAILEVA_REGISTERED),
        ):
            channels[channel] = {
                "sequence": sequence,
                "check": "_check_maileva",
                "send": "_send_maileva",
                "queued_message": "_get_maileva_queued_message",
            }
        return channels

    @api.model
    def _check_maileva(self, channel, group, options):
        problem = group._get_maileva_problem(channel)
        return problem and self._problem(*problem)

    @api.model
    def _send_maileva(self, channel, groups, options, result):
        """Hand one letter per communication to Maileva.

        In the user's transaction, each letter is rendered and stored with its
        Maileva sending, still to create at Maileva; the scheduled action,
        woken up at once, talks to Maileva in the background. Its reminders
        are marked as sent when Maileva accepts the letter (see
        ``maileva.sending._set_submitted``), so no group is returned as sent
        but they are counted in ``result["queued"]``. A letter that cannot be
        handed over (a render that is not a PDF, a letter already on its way)
        is returned among the failures.
        """
        sendings = self.env["maileva.sending"]

        def hand_over(group):
            nonlocal sendings
            pdf = self._render_maileva_letter(group, options)
            sendings |= group._create_maileva_sending(channel, pdf)

        queued, failures = self._send_each(groups, hand_over)
        if queued:
            self._add_queued(result, channel, queued)
        if sendings:
            sendings._trigger_cron()
        return [], failures

    @api.model
    def _render_maileva_letter(self, group, options):
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
                data=self._get_letter_data(options),
            )
        except PdfReadError:
            return b""
        return pdf

    @api.model
    def _get_maileva_queued_message(self, count):
        return self.env._(
            "%(count)s reminder(s) handed to Maileva: their letters are "
            "posted in the background, and the reminders marked as sent once "
            "Maileva accepts them. A letter that cannot be posted is reported "
            "to you and in the reminders' history.",
            count=count,
        )
