# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    dunning_send_on_job_queue = fields.Boolean(
        string="Send in Parallel on the Job Queue",
        help="The background sendings of payment reminders run on the job "
        "queue, one job per batch, in parallel on as many workers as the "
        "job channel root.dunning allows, instead of one batch at a time in "
        "the scheduled action.",
    )
