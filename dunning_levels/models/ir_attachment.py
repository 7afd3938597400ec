# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, models
from odoo.exceptions import AccessError

# What a user may still change on a proof: sharing it by a link.
PROOF_WRITABLE_FIELDS = {"access_token"}


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _get_dunning_proofs(self):
        """Return those of these attachments that prove the sending of a
        payment reminder: the letters as printed and the documents attached
        to reminders (see ``dunning.reminder._get_proof_attachments``).

        Odoo lets whoever may write the linked record delete or rewrite an
        attachment; proofs stay as they are, for everyone but the superuser.

        TO OVERRIDE by channels keeping proofs on records of their own (call
        super).

        :return: ``ir.attachment`` recordset, a subset of ``self``
        """
        attachments = self.sudo()
        proofs = attachments.filtered(lambda a: a.res_model == "dunning.reminder")
        proofs |= (
            self.env["dunning.reminder"]
            .sudo()
            .search([("letter_attachment_id", "in", self.ids)])
            .letter_attachment_id
        )
        return self & proofs

    def _dunning_get_download_action(self):
        """Return the action downloading this attachment (a letter, a call
        list)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.id}?download=true",
            "target": "download",
        }

    def write(self, vals):
        # EXTENDS 'base'
        if (
            not self.env.su
            and set(vals) - PROOF_WRITABLE_FIELDS
            and self._get_dunning_proofs()
        ):
            raise AccessError(
                self.env._(
                    "This document proves the sending of a payment reminder: it "
                    "cannot be changed."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_dunning_proof(self):
        if not self.env.su and self._get_dunning_proofs():
            raise AccessError(
                self.env._(
                    "This document proves the sending of a payment reminder: it "
                    "cannot be deleted."
                )
            )
