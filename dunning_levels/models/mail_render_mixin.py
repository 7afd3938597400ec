# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from odoo import api, models

from ..const import QWEB_COMPILE_CACHE_CONTEXT_KEY

# Key of the checked templates in the cursor's transaction cache.
CHECKED_TEMPLATES = "dunning_levels.qweb_checked"


class MailRenderMixin(models.AbstractModel):
    """Inline templates checked once per transaction while reminders are
    emailed: before each rendering, Odoo generates the code of the template
    to know whether it holds expressions only template editors may write;
    the answer depends on the template's source and model only. See
    ``ir.qweb._compile`` for the compilation itself."""

    _inherit = "mail.render.mixin"

    @api.model
    def _has_unsafe_expression_template_qweb(self, template_src, model):
        # EXTENDS mail
        if not self.env.context.get(QWEB_COMPILE_CACHE_CONTEXT_KEY):
            return super()._has_unsafe_expression_template_qweb(template_src, model)
        checked = self.env.cr.cache.setdefault(CHECKED_TEMPLATES, {})
        key = (template_src, model)
        if key not in checked:
            checked[key] = super()._has_unsafe_expression_template_qweb(
                template_src, model
            )
        return checked[key]
