# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
from lxml import etree

from odoo import models

from ..const import QWEB_COMPILE_CACHE_CONTEXT_KEY

# Key of the compiled templates in the cursor's transaction cache.
COMPILED_TEMPLATES = "dunning_levels.qweb_compiled"


class IrQweb(models.AbstractModel):
    """Inline templates compiled once per transaction while reminders are
    emailed.

    Odoo compiles the body of a mail template again for each email: an
    inline template has no view to key its compiled code on. A sending of a
    thousand reminders renders the same few bodies a thousand times, and
    compiling them took a third of its time. With the context key
    ``QWEB_COMPILE_CACHE_CONTEXT_KEY``, set while the reminders' emails are
    rendered, the compiled code of an inline template is kept for the
    transaction, keyed on its source and on the context keys Odoo keys its
    compiled views on (language, restricted rendering...).
    """

    _inherit = "ir.qweb"

    def _compile(self, template):
        # EXTENDS base
        if not (
            self.env.context.get(QWEB_COMPILE_CACHE_CONTEXT_KEY)
            and isinstance(template, etree._Element)
        ):
            return super()._compile(template)
        key = (
            etree.tostring(template),
            tuple(
                self.env.context.get(name)
                for name in (*self._get_template_cache_keys(), "preserve_comments")
            ),
        )
        compiled = self.env.cr.cache.setdefault(COMPILED_TEMPLATES, {})
        if key not in compiled:
            compiled[key] = super()._compile(template)
        return compiled[key]
