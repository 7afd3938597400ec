# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, fields, models

# Default SMS template of each level.
DEFAULT_SMS_TEMPLATES = {
    1: "dunning_levels_sms.sms_template_dunning_level_1",
    2: "dunning_levels_sms.sms_template_dunning_level_2",
    3: "dunning_levels_sms.sms_template_dunning_level_3",
}


class DunningLevel(models.Model):
    _inherit = "dunning.level"

    sms_template_id = fields.Many2one(
        comodel_name="sms.template",
        string="SMS Template",
        domain=[("model", "=", "res.partner")],
        help="SMS sent to the customer at this level. Rendered with the customer "
        "as 'object', in the customer's language.",
    )
    # The sending service's "sms" channel as a default channel of the level
    # (see dunning.level._get_channel_fields).
    send_sms = fields.Boolean(
        string="Send by SMS",
        help="The sending wizard offers the SMS for the reminders of this "
        "level. The user may still change the channels of each sending.",
    )

    @api.model
    def _get_default_sms_template(self, level):
        """Return the default SMS template of ``level`` (may be empty).

        :param int level: 1, 2 or 3
        :return: ``sms.template`` record
        """
        xmlid = DEFAULT_SMS_TEMPLATES.get(level)
        template = xmlid and self.env.ref(xmlid, raise_if_not_found=False)
        return template or self.env["sms.template"]

    @api.model
    def _prepare_default_level_vals(self, company, level):
        # EXTENDS 'dunning_levels'
        values = super()._prepare_default_level_vals(company, level)
        values["sms_template_id"] = self._get_default_sms_template(level).id
        return values

    def _dunning_set_default_sms_template(self):
        """Give these levels their default SMS template (installation)."""
        for level in self:
            level.sms_template_id = self._get_default_sms_template(level.level)
