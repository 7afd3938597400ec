# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models


class ReportRecoverySummary(models.AbstractModel):
    _name = "report.dunning_levels_fr.report_recovery_summary"
    _description = "Recovery File Summary"

    @api.model
    def _get_report_values(self, docids, data=None):
        """Return the summary of the recovery file of these invoices (one
        customer, formal notice reached), computed on ``data['date']``
        (default: today)."""
        invoices = self.env["account.move"].browse(docids)
        invoices = invoices._dunning_fr_check_recovery_invoices()
        date = fields.Date.to_date((data or {}).get("date"))
        return {
            "doc_ids": invoices.ids,
            "doc_model": "account.move",
            "docs": invoices,
            "summary": invoices._dunning_fr_get_recovery_summary_values(date),
        }
