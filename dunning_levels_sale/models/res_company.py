# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import fields, models

from odoo.addons.dunning_levels.const import LEVELS

# From which reminder level confirming an order is blocked ("none": never).
BLOCK_LEVEL_SELECTION = [
    ("none", "Never"),
    *((str(level), f"From level {level}") for level in LEVELS[:-1]),
    (str(LEVELS[-1]), f"At level {LEVELS[-1]}"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    dunning_sale_block_level = fields.Selection(
        selection=BLOCK_LEVEL_SELECTION,
        string="Block Orders of Reminded Customers",
        default="none",
        required=True,
        help="Confirming a sales order is blocked when its customer has open "
        "payment reminders at this level or above in the company. Accounting "
        "managers can still confirm, and salespeople can confirm with an "
        "explicit override, logged on the order.",
    )

    def _dunning_get_sale_block_level(self):
        """Return the reminder level from which confirming an order is blocked.

        :return: 1 to 3, or 0 when orders are never blocked
        """
        self.ensure_one()
        level = self.dunning_sale_block_level
        return 0 if not level or level == "none" else int(level)
