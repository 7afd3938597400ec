# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The recovery file (dossier de recouvrement) of invoices at the formal
notice: what an order for payment request needs, in one ZIP archive."""

import base64
import csv
import io
import zipfile

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from odoo.addons.dunning_levels.const import FORMAL_NOTICE_LEVEL

from ..const import ACTION_RECOVERY_FILE

# A spreadsheet opening a CSV file runs a cell starting with one of these as a
# formula.
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _safe(name):
    """Return ``name`` usable as a file name in an archive (invoice numbers
    hold slashes)."""
    return (name or "").replace("/", "-").replace("\\", "-")


def _csv_text(value):
    """Return ``value`` as a CSV cell a spreadsheet shows as text: text that
    would start a formula (a user's name, a note typed in) gets a leading
    quote."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_PREFIXES):
        return f"'{value}"
    return value


class AccountMove(models.Model):
    _inherit = "account.move"

    # ------------------------------------------------------------
    # RECOVERY FILE
    # ------------------------------------------------------------

    def _dunning_fr_get_recovery_summary_values(self, date=None):
        """Return the values of the recovery file's summary."""
        date = date or fields.Date.context_today(self)
        invoices = self.sorted(lambda m: (m.invoice_date_due, m.id))
        lines = []
        for invoice in invoices:
            values = invoice._dunning_fr_get_penalty_values(date)
            sent = invoice.dunning_reminder_ids.filtered("sent_datetime").sorted(
                lambda r: (r.sent_datetime, r.level)
            )
            values["reminders"] = [
                {
                    "level": reminder.level,
                    "date": format_datetime(self.env, reminder.sent_datetime),
                    "channel": reminder.channel,
                    "proof": reminder._get_proof_reference(),
                }
                for reminder in sent
            ]
            lines.append(values)
        currency = invoices.currency_id[:1]
        return {
            "partner": invoices.commercial_partner_id[:1],
            "company": invoices.company_id[:1],
            "date": date,
            "currency": currency,
            "lines": lines,
            "amount_total": currency.round(sum(inv.amount_total for inv in invoices)),
            "amount_due": currency.round(sum(line["amount_due"] for line in lines)),
            "total_penalty": currency.round(sum(line["penalty"] for line in lines)),
            "total_indemnity": currency.round(sum(line["indemnity"] for line in lines)),
            "total_claimed": currency.round(
                sum(line["amount_due"] + line["total"] for line in lines)
            ),
        }

    def _dunning_fr_get_history_csv(self):
        """Return the reminder history of these invoices as CSV bytes."""
        labels = dict(
            self.env["dunning.history"]
            ._fields["action"]
            ._description_selection(self.env)
        )
        channels = self.env["dunning.reminder"]._get_channel_labels()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(
            [
                self.env._("Date"),
                self.env._("Invoice"),
                self.env._("Level"),
                self.env._("Channel"),
                self.env._("Action"),
                self.env._("User"),
                self.env._("Note"),
            ]
        )
        for line in self.dunning_history_ids.sorted(lambda h: (h.date, h.id)):
            writer.writerow(
                [
                    _csv_text(value)
                    for value in (
                        fields.Datetime.to_string(line.date),
                        line.move_id.name,
                        line.level or "",
                        channels.get(line.channel, ""),
                        labels.get(line.action, line.action),
                        line.user_id.name,
                        line.note or "",
                    )
                ]
            )
        return buffer.getvalue().encode("utf-8-sig")

    def _dunning_fr_get_recovery_files(self):
        """Return the files of the recovery file of these invoices.

        TO OVERRIDE to add documents (contract, purchase order).

        :return: list of ``(path in the archive, bytes)``
        """
        files = []
        for invoice in self:
            pdf = invoice._dunning_get_invoice_pdf()
            files.append((f"1_invoices/{_safe(pdf.name)}", pdf.raw))
        letters = self.dunning_reminder_ids.filtered("sent_datetime").sorted(
            "sent_datetime"
        )
        for index, attachment in enumerate(letters.letter_attachment_id, start=1):
            files.append(
                (f"2_letters/{index:02d}_{_safe(attachment.name)}", attachment.raw)
            )
        for reminder in letters.filtered("mail_message_id"):
            name = f"{_safe(reminder.move_id.name)}_level_{reminder.level}"
            files.append(
                (
                    f"3_emails/{name}_{reminder.id}.html",
                    (reminder.mail_message_id.body or "").encode(),
                )
            )
        for attachment in self.dunning_reminder_ids._get_proof_attachments():
            files.append(
                (f"4_proofs/{attachment.id}_{_safe(attachment.name)}", attachment.raw)
            )
        files.append(("5_history.csv", self._dunning_fr_get_history_csv()))
        # A PDF; Odoo renders reports as HTML in test mode, hence the
        # extension taken from the rendering.
        summary, file_type = self.env["ir.actions.report"]._render_qweb_pdf(
            "dunning_levels_fr.action_report_recovery_summary", self.ids
        )
        files.append((f"0_summary.{file_type}", summary))
        return files

    def _dunning_fr_check_recovery_invoices(self):
        """Return the customer invoices among these, checked for a recovery
        file: one customer and company, every invoice at the formal notice.

        :raise UserError: otherwise
        """
        invoices = self.filtered(lambda m: m.move_type == "out_invoice")
        if not invoices:
            raise UserError(self.env._("Select customer invoices."))
        if len(invoices.commercial_partner_id) > 1 or len(invoices.company_id) > 1:
            raise UserError(
                self.env._("A recovery file covers the invoices of one customer.")
            )
        early = invoices.filtered(lambda m: m.dunning_level < FORMAL_NOTICE_LEVEL)
        if early:
            raise UserError(
                self.env._(
                    "A recovery file is built after the formal notice: "
                    "%(invoices)s did not reach level %(level)s.",
                    invoices=", ".join(early.mapped("name")),
                    level=FORMAL_NOTICE_LEVEL,
                )
            )
        return invoices

    def _dunning_fr_build_recovery_file(self):
        """Build the recovery file of these invoices of one customer at the
        formal notice level: what an order for payment request needs.

        :return: the ZIP ``ir.attachment``, linked to the customer
        :raise UserError: when an invoice has not reached the formal notice or
            the invoices belong to several customers
        """
        invoices = self._dunning_fr_check_recovery_invoices()
        partner = invoices.commercial_partner_id
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path, content in invoices._dunning_fr_get_recovery_files():
                archive.writestr(path, content)
        today = fields.Date.context_today(self)
        attachment = self.env["ir.attachment"].create(
            {
                "name": self.env._(
                    "Recovery file %(customer)s %(date)s.zip",
                    customer=partner.name,
                    date=fields.Date.to_string(today),
                ),
                "datas": base64.b64encode(buffer.getvalue()),
                "mimetype": "application/zip",
                "res_model": "res.partner",
                "res_id": partner.id,
            }
        )
        invoices._dunning_log_history(ACTION_RECOVERY_FILE, note=attachment.name)
        return attachment

    def action_dunning_fr_recovery_file(self):
        """Download the recovery file of these invoices."""
        attachment = self._dunning_fr_build_recovery_file()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }
