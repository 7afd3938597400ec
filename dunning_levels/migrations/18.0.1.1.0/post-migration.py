# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""18.0.1.1.0: the letter's closing formula comes after the invoices.

- The closing formula moves from the end of ``letter_body`` to the new
  ``letter_closing``, language by language, where the body still ends with
  the default closing (in any installed language). Texts the user wrote
  otherwise are left alone.
- The letter's paper format gets a header band as tall as its top margin,
  unless the user changed it: with the former one, the header ran over the
  text of a letter's second page.
"""

import logging
import re

from psycopg2.extras import Json

from odoo import SUPERUSER_ID, api

from odoo.addons.dunning_levels.models.dunning_level import DEFAULT_LEVELS

_logger = logging.getLogger(__name__)

# The last paragraph of an HTML text, and what comes before it.
LAST_PARAGRAPH = re.compile(
    r"^(?P<body>.*?)\s*(?P<last><p>(?:(?!<p[\s>]).)*</p>)\s*$", re.DOTALL
)
FORMER_PAPERFORMAT = {"margin_top": 42, "header_spacing": 36}
PAPERFORMAT = {"margin_top": 52, "header_spacing": 52}


def _move_closings(env):
    levels = env["dunning.level"].with_context(active_test=False)
    langs = [code for code, __ in env["res.lang"].get_installed()]
    closings = {
        levels._get_default_text(level, lang)["letter_closing"]
        for level in DEFAULT_LEVELS
        for lang in langs
    }
    env.cr.execute(
        "SELECT id, letter_body FROM dunning_level WHERE letter_body IS NOT NULL"
    )
    for level_id, bodies in env.cr.fetchall():
        moved = {}
        for lang, body in bodies.items():
            match = LAST_PARAGRAPH.match(body or "")
            if match and match["last"] in closings:
                moved[lang] = (match["body"], match["last"])
        if not moved:
            continue
        env.cr.execute(
            "UPDATE dunning_level SET letter_body = %s, letter_closing = %s "
            "WHERE id = %s",
            (
                Json({**bodies, **{lang: body for lang, (body, __) in moved.items()}}),
                Json(
                    {lang: moved[lang][1] if lang in moved else "" for lang in bodies}
                ),
                level_id,
            ),
        )
        _logger.info(
            "Payment reminder level %s: closing formula moved after the invoices in %s",
            level_id,
            ", ".join(sorted(moved)),
        )
    levels.invalidate_model(["letter_body", "letter_closing"])


def _update_paperformat(env):
    paperformat = env.ref(
        "dunning_levels.paperformat_dunning_letter", raise_if_not_found=False
    )
    if paperformat and all(
        paperformat[fname] == value for fname, value in FORMER_PAPERFORMAT.items()
    ):
        paperformat.write(PAPERFORMAT)
        _logger.info("Letter paper format: header band as tall as the top margin")


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    _move_closings(env)
    _update_paperformat(env)
