# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The overdue installments the customer's documents print under each
invoice: letters, emails, statements and call lists."""

from odoo import api, models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _get_dunning_installment_lines(self, date=None):
        """Return the overdue installments to print under each of these
        invoices.

        An invoice paid in one installment has none: its own line says it
        all. Built on :meth:`_get_dunning_installments`, in one query.

        :param date: installments unpaid and due strictly before this date
            are overdue (default: today)
        :return: ``{move_id: [dict]}``, the overdue installments of each
            invoice in due date order, each dict with the keys of
            :meth:`_get_dunning_installments` and ``label`` (translated
            "Installment 2/3")
        """
        return {
            move_id: [
                {
                    **installment,
                    "label": self._get_dunning_installment_label(installment),
                }
                for installment in installments
                if installment["overdue"] and installment["count"] > 1
            ]
            for move_id, installments in self._get_dunning_installments(date).items()
        }

    @api.model
    def _get_dunning_installment_label(self, installment):
        """Return how documents name an installment: "Installment 2/3".

        :param dict installment: see :meth:`_get_dunning_installments`
        """
        return self.env._(
            "Installment %(sequence)s/%(count)s",
            sequence=installment["sequence"],
            count=installment["count"],
        )
