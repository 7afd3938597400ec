# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.dunning_levels.const import FORMAL_NOTICE_LEVEL


class ResPartner(models.Model):
    _inherit = "res.partner"

    dunning_fr_customer_type = fields.Selection(
        selection=[("b2b", "Professional (B2B)"), ("b2c", "Consumer (B2C)")],
        string="Customer Type",
        help="Leave empty to decide from the customer: a company or a customer "
        "with a VAT number is a professional, an individual a consumer. "
        "Professionals owe late-payment penalties and the recovery indemnity.",
    )
    dunning_fr_is_b2b = fields.Boolean(
        string="Professional Customer",
        compute="_compute_dunning_fr_is_b2b",
        search="_search_dunning_fr_is_b2b",
    )

    @api.model
    def _commercial_fields(self):
        # EXTENDS 'dunning_levels'
        return super()._commercial_fields() + ["dunning_fr_customer_type"]

    @api.depends("dunning_fr_customer_type", "is_company", "vat")
    def _compute_dunning_fr_is_b2b(self):
        for partner in self:
            partner.dunning_fr_is_b2b = partner._dunning_fr_is_b2b()

    def _dunning_fr_is_b2b(self):
        """Return whether this customer is a professional (B2B).

        TO OVERRIDE to use other criteria. Default: the type set on the
        commercial entity, else company or VAT number means professional.
        """
        self.ensure_one()
        partner = self.commercial_partner_id or self
        if partner.dunning_fr_customer_type:
            return partner.dunning_fr_customer_type == "b2b"
        return bool(partner.is_company or partner.vat)

    def _search_dunning_fr_is_b2b(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        b2b = [
            "|",
            ("commercial_partner_id.dunning_fr_customer_type", "=", "b2b"),
            "&",
            ("commercial_partner_id.dunning_fr_customer_type", "=", False),
            "|",
            ("commercial_partner_id.is_company", "=", True),
            ("commercial_partner_id.vat", "!=", False),
        ]
        if (operator == "=") == value:
            return b2b
        return ["!", *b2b]

    def _dunning_fr_get_recovery_invoices(self):
        """Return the unpaid invoices of this customer, in the current
        company, that reached the formal notice."""
        self.ensure_one()
        return self.env["account.move"].search(
            [
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("company_id", "=", self.env.company.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("dunning_level", ">=", FORMAL_NOTICE_LEVEL),
            ]
        )

    def action_dunning_fr_recovery_file(self):
        """Download the recovery file of this customer's invoices at the
        formal notice level."""
        self.ensure_one()
        invoices = self._dunning_fr_get_recovery_invoices()
        if not invoices:
            raise UserError(
                self.env._(
                    "%(customer)s has no unpaid invoice at the formal notice level.",
                    customer=self.commercial_partner_id.display_name,
                )
            )
        return invoices.action_dunning_fr_recovery_file()
