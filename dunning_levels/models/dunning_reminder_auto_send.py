# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
import logging

import pytz

from odoo import Command, api, fields, models

from ..const import STATE_DRAFT

# Logged under the reminder model's name, whichever of its files logs (log
# filters and alerts name it).
_logger = logging.getLogger(f"{__package__}.dunning_reminder")


class DunningReminder(models.Model):
    """The automatic sending of payment reminders: once a day, at the
    company's sending hour, the reminders of the levels set to send
    automatically that the morning generation created are handed to the
    background sending (``dunning.send.job``) through their level's default
    channels, in the name of the company's responsible accountant, who
    receives the summary. Off by default: the generation alone sends
    nothing."""

    _inherit = "dunning.reminder"

    @api.model
    def _cron_send_automatically(self):
        """Scheduled action (hourly): start the day's automatic sending of
        each company whose sending hour has come.

        One company's error is logged and spares the others.
        """
        now = fields.Datetime.now()
        companies = (
            self.env["dunning.level"]
            .sudo()
            .search([("auto_send", "=", True)])
            .company_id
        )
        for company in companies:
            try:
                with self.env.cr.savepoint():
                    self.with_company(company)._send_automatically(company, now)
            except Exception:
                _logger.exception(
                    "Automatic sending of the payment reminders of company %s "
                    "(%s) not started",
                    company.id,
                    company.name,
                )

    @api.model
    def _send_automatically(self, company, now):
        """Start the automatic sending of ``company`` for the day of ``now``
        if its sending hour has come and it did not run that day.

        :param company: ``res.company`` record
        :param datetime now: the current time (UTC)
        :return: the ``dunning.send.job`` records created
        """
        jobs = self.env["dunning.send.job"]
        responsible = company._dunning_get_responsible()
        local_now = pytz.utc.localize(now).astimezone(
            pytz.timezone(responsible.tz or "UTC")
        )
        day = local_now.date()
        hour = local_now.hour + local_now.minute / 60
        if hour < company.dunning_auto_send_hour or (
            company.dunning_auto_send_date and company.dunning_auto_send_date >= day
        ):
            return jobs
        company.sudo().dunning_auto_send_date = day
        if not responsible:
            _logger.warning(
                "Payment reminders of company %s (%s) not sent automatically: "
                "no responsible accountant, and no active administrator.",
                company.id,
                company.name,
            )
            return jobs
        reminders = self.sudo().search(self._get_auto_send_domain(company, day))
        for channels, level_reminders in self._split_by_channels(reminders).items():
            jobs |= self._create_auto_send_job(
                company, responsible, level_reminders, list(channels)
            )
        if jobs:
            jobs[:1]._trigger_cron()
        return jobs

    @api.model
    def _get_auto_send_domain(self, company, day):
        """Return the domain of the reminders the automatic sending of
        ``company`` sends on ``day``: those to send, generated that day, of
        the levels set to send automatically.

        TO OVERRIDE to send more or fewer reminders automatically.
        """
        levels = (
            self.env["dunning.level"]
            .sudo()
            .search([("company_id", "=", company.id), ("auto_send", "=", True)])
        )
        return [
            ("company_id", "=", company.id),
            ("state", "=", STATE_DRAFT),
            ("generated_date", "=", day),
            ("level", "in", levels.mapped("level")),
        ]

    @api.model
    def _split_by_channels(self, reminders):
        """Split ``reminders`` by the default channels of their level.

        :return: ``{tuple of channel codes: reminders}``, reminders whose
            level has no channel left out
        """
        by_channels = {}
        for level in reminders.level_id:
            channels = tuple(level._get_default_channels())
            if channels:
                by_channels[channels] = by_channels.get(
                    channels, self.browse()
                ) | reminders.filtered(lambda r, lvl=level: r.level_id == lvl)
        return by_channels

    @api.model
    def _create_auto_send_job(self, company, responsible, reminders, channels):
        """Record the background sending of ``reminders`` through
        ``channels``, in the name of ``responsible``, who receives its
        summary.

        :return: the ``dunning.send.job`` record
        """
        options = self.env["dunning.sending"]._get_options({"channels": channels})
        return (
            self.env["dunning.send.job"]
            .sudo()
            .create(
                {
                    "user_id": responsible.id,
                    "company_id": company.id,
                    "send_options": options,
                    "reminder_ids": [Command.set(reminders.ids)],
                    "total_count": len(reminders),
                    "result_data": self.env["dunning.sending"]._new_result(),
                }
            )
        )
