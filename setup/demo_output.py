# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)
"""Write sample documents of the demo database as PDF files.

Run through ``odoo-bin shell`` while the demo server answers on
``web.base.url`` (wkhtmltopdf fetches the report styles from it). Writes into
``$DEMO_OUTPUT`` (default ``demo-output/``): one letter per reminder level,
a customer statement, the letters of the workshop's pupils sorted by class
and the phone call list. Nothing is saved in the
database.
"""

import os
import pathlib

output = pathlib.Path(os.environ.get("DEMO_OUTPUT", "demo-output"))
output.mkdir(parents=True, exist_ok=True)
# Printed as the accountant would: the administrator, in their language.
admin = env.ref("base.user_admin")
env = env(user=admin, context=dict(env.context, lang=admin.lang, tz=admin.tz))
if os.environ.get("DEMO_BASE_URL"):
    env["ir.config_parameter"].sudo().set_param(
        "web.base.url", os.environ["DEMO_BASE_URL"]
    )
company = env.ref("base.main_company")
reports = env["ir.actions.report"].with_company(company)
reminders = (
    env["dunning.reminder"]
    .with_company(company)
    .search([("company_id", "=", company.id), ("state", "=", "draft")])
)


def write(name, report_ref, records, data=None):
    pdf, __ = reports._render_qweb_pdf(report_ref, records.ids, data=data)
    path = output / name
    path.write_bytes(pdf)
    print(f"  {path} ({len(pdf) // 1024} KiB)")


print(f"Sample documents of {company.name}:")
for level in (1, 2, 3):
    at_level = reminders.filtered(lambda r, lvl=level: r.level == lvl)
    if at_level:
        customer = at_level[:1].partner_id
        write(
            f"letter_level_{level}.pdf",
            "dunning_levels.action_report_dunning_letter",
            at_level.filtered(lambda r, c=customer: r.partner_id == c),
        )
customers = reminders.partner_id.with_company(company)
statement_customer = customers.sorted(
    lambda p: len(p.dunning_overdue_move_ids), reverse=True
)[:1]
if statement_customer:
    write(
        "statement.pdf",
        "dunning_levels.action_report_dunning_statement",
        statement_customer,
    )
pupils = reminders.filtered(lambda r: r.partner_id.category_id.parent_id)
if pupils:
    write(
        "letters_by_class.pdf",
        "dunning_levels.action_report_dunning_letter",
        pupils,
        data={"grouping": "customer", "sort_key": "category"},
    )
if reminders:
    write("call_list.pdf", "dunning_levels.action_report_dunning_call_list", reminders)
env.cr.rollback()
