# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models


class ReportDunningAgeing(models.AbstractModel):
    _name = "report.dunning_levels.report_dunning_ageing"
    _description = "Printed Receivables Ageing"

    @api.model
    def _get_report_values(self, docids, data=None):
        """Return the values of the printed ageing: the given rows summed by
        customer and bucket (see
        :meth:`dunning.ageing.report._get_ageing_by_customer`).

        :param list docids: ``dunning.ageing.report`` rows to print, read
            again with the user's rights
        """
        rows = self.env["dunning.ageing.report"].browse(docids).exists()
        return {
            "doc_ids": rows.ids,
            "doc_model": "dunning.ageing.report",
            "docs": rows,
            "date": fields.Date.context_today(self),
            "tables": rows._get_ageing_by_customer(),
        }
