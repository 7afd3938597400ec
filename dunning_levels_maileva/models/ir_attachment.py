# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import models


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _get_dunning_proofs(self):
        # EXTENDS 'dunning_levels'
        # The letter posted, its deposit proof and its acknowledgement of
        # receipt are kept on the Maileva sending.
        proofs = super()._get_dunning_proofs()
        sendings = (
            self.env["maileva.sending"]
            .sudo()
            .search(
                [
                    "|",
                    "|",
                    ("attachment_id", "in", self.ids),
                    ("deposit_proof_id", "in", self.ids),
                    ("acknowledgement_id", "in", self.ids),
                ]
            )
        )
        return proofs | (
            self
            & (
                sendings.attachment_id
                | sendings.deposit_proof_id
                | sendings.acknowledgement_id
            )
        )
