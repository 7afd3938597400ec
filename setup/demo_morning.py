# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)
"""Run the morning generation of payment reminders on the demo database.

Run through ``odoo-bin shell`` (``env`` is provided) after each install or
update of the demo database. The generation creates the reminders due today
(nothing new when run twice the same day); the summary shows, per level,
every reminder waiting to be sent.
"""

import time

company = env.ref("base.main_company")
reminders_model = env["dunning.reminder"].with_company(company)

start = time.perf_counter()
new_reminders = reminders_model.generate_reminders()
elapsed = time.perf_counter() - start
env.cr.commit()


def format_amount(amount):
    """Format ``amount`` the French way: ``12 345,67 €``."""
    text = f"{amount:,.2f}".replace(",", " ").replace(".", ",")
    return f"{text} {company.currency_id.symbol}"


drafts = reminders_model.search(
    [("company_id", "=", company.id), ("state", "=", "draft")]
)
level_names = {
    level.level: level.name
    for level in env["dunning.level"]
    .with_company(company)
    .search([("company_id", "=", company.id)])
}
rows = []
for level in sorted(set(level_names) | set(drafts.mapped("level"))):
    reminders = drafts.filtered(lambda r, lvl=level: r.level == lvl)
    rows.append(
        (
            str(level),
            level_names.get(level, ""),
            len(reminders),
            len(reminders.partner_id),
            format_amount(sum(reminders.mapped("amount_overdue"))),
        )
    )
rows.append(
    (
        "Total",
        "",
        len(drafts),
        len(drafts.partner_id),
        format_amount(sum(drafts.mapped("amount_overdue"))),
    )
)

print(
    f"Morning generation for {company.name}: {len(new_reminders)} new "
    f"reminder(s) in {elapsed:.2f} s"
)
line = "{:<6} {:<18} {:>8} {:>10} {:>16}"
separator = "-" * len(line.format("", "", "", "", ""))
print(line.format("Level", "Name", "To send", "Customers", "Amount overdue"))
print(separator)
for row in rows[:-1]:
    print(line.format(*row))
print(separator)
print(line.format(*rows[-1]))
