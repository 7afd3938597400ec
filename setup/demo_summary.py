# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)
"""Tell the demo's story: what happened this morning, what to do next.

Run through ``odoo-bin shell`` once the demo database is ready. Prints, per
level, the payment reminders waiting to be sent (reminders, customers,
overdue amount), the workshop pupils' reminders by class, what was posted
through Maileva, and the next steps in the application, with the menus as
the administrator sees them, and the link of one customer's reminder page
(created if needed, the only change).
"""

import os

from odoo import fields

admin = env.ref("base.user_admin")
env = env(context=dict(env.context, lang=admin.lang, tz=admin.tz))
company = env.ref("base.main_company")
base_url = os.environ.get("DEMO_BASE_URL", "http://127.0.0.1:8069")
output = os.environ.get("DEMO_OUTPUT", "demo-output")
reminders = env["dunning.reminder"].with_company(company)
today = reminders.search(
    [
        ("company_id", "=", company.id),
        ("generated_date", "=", fields.Date.context_today(reminders)),
    ]
)


def format_amount(amount):
    """Format ``amount`` the French way: ``12 345,67 €``."""
    text = f"{amount:,.2f}".replace(",", " ").replace(".", ",")
    return f"{text} {company.currency_id.symbol}"


def menu(xmlid):
    """Return the path of a menu as the administrator sees it."""
    return env.ref(xmlid).complete_name.replace("/", " > ")


def table(rows, total):
    line = "    {:<6} {:<20} {:>9} {:>10} {:>13} {:>8}"
    print(line.format("Level", "", "Reminders", "Customers", "Overdue", "To send"))
    print("    " + "-" * 71)
    for row in rows:
        print(line.format(*row))
    print("    " + "-" * 71)
    print(line.format(*total))


def figures(records):
    return (
        len(records),
        len(records.partner_id),
        format_amount(sum(records.mapped("amount_overdue"))),
        len(records.filtered(lambda r: r.state == "draft")),
    )


level_names = {
    level.level: level.name
    for level in env["dunning.level"]
    .with_company(company)
    .search([("company_id", "=", company.id)])
}
print(f"\nThis morning at {company.name} ({company.city})")
print(
    f"  The morning generation proposed {len(today)} payment reminder(s) "
    f"to {len(today.partner_id)} customer(s), from 0 to 120 days overdue."
)
if "maileva.sending" in env:
    sendings = env["maileva.sending"].search([("company_id", "=", company.id)])
    if sendings:
        print(
            f"  {len(sendings)} letter(s) went out through Maileva (the local "
            "fake), the formal notices registered with acknowledgement of "
            "receipt."
        )
print(f"  Sample letters of each level, a statement and the call list: {output}/")

print("\nThis morning's payment reminders, by level")
table(
    [
        (str(level), level_names.get(level, "")[:20], *figures(at_level))
        for level in sorted(set(today.mapped("level")))
        for at_level in [today.filtered(lambda r, lvl=level: r.level == lvl)]
    ],
    ("Total", "", *figures(today)),
)

pupils = today.filtered(lambda r: r.partner_id.category_id.parent_id)
if pupils:
    print("\nThe woodworking workshop's pupils, by class (customer tag)")
    for tag in pupils.partner_id.category_id.sorted("name"):
        in_class = pupils.filtered(lambda r, t=tag: t in r.partner_id.category_id)
        count, families, amount, __ = figures(in_class)
        print(
            f"    {tag.name:<8} {count} reminder(s), {families} family(ies), {amount}"
        )

# One customer's reminder page: the link its reminders carry.
customer = today.sorted(lambda r: (-r.level, r.partner_id.name)).partner_id[:1]
if customer:
    access = env["dunning.access"]._get_access(customer, company)
    print(f"\nThe reminder page of {customer.name} (the link its reminders carry):")
    print(f"  {base_url}/r/{access.sudo().access_token}")
    env.cr.commit()

print(f"\nWhat to do next (log in at {base_url} as admin / admin)")
print(
    f"  1. {menu('dunning_levels.dunning_reminder_menu')}: filter level 1, select "
    "all, Send by email; the summary tells what was sent and what failed."
)
print(
    "  2. Level 2: send by email and printed letter, one letter per customer; "
    "download the letters from the summary."
)
print(
    "  3. The pupils: type a class in the search (e.g. CM1 B) and pick the "
    "customer tag, then send printed letters sorted by customer tag; they are "
    "addressed to the parents."
)
if "maileva.sending" in env:
    print(
        f"  4. Follow the registered formal notices in "
        f"{menu('dunning_levels_maileva.maileva_sending_menu')}."
    )
print(
    "  5. Call the customers of "
    f"{menu('dunning_levels.dunning_reminder_call_list_menu')} and log each "
    "call; the history is in "
    f"{menu('dunning_levels.dunning_history_menu')}."
)
print(
    f"  More than {company.dunning_send_background_threshold} reminders at once "
    f"are sent in the background: {menu('dunning_levels.dunning_send_job_menu')}."
)
env.cr.rollback()
