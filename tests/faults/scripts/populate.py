# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# Run by odoo-bin shell (see odoo_process.py): ARGS = [number of invoices].
# Customers with complete addresses and ARGS[0] posted invoices of four kinds,
# each invoice's ref telling the level its reminder must have ("expect-N",
# 0: none). Every scheduled action is switched off: each scenario runs the
# one it needs, and the mail queue starts empty.
from datetime import timedelta

from odoo import Command, fields

# (days overdue, level already sent, level expected at generation)
KINDS = [(20, 0, 1), (35, 1, 2), (50, 2, 3), (5, 0, 0)]

count = ARGS[0]
env = env(context=dict(env.context, tracking_disable=True))
company = env.ref("base.main_company")
france = env.ref("base.fr")
company.write(
    {
        "name": "Menuiserie Durand SARL",
        "street": "3 rue du Port",
        "zip": "44000",
        "city": "Nantes",
        "country_id": france.id,
        "email": "compta@menuiserie-durand.example.com",
    }
)
env.ref("base.user_admin").email = "compta@menuiserie-durand.example.com"
today = fields.Date.context_today(env.user)
customers = env["res.partner"].create(
    [
        {
            "name": f"Client {index:05d}",
            "is_company": True,
            "email": f"client{index:05d}@example.com",
            "street": f"{index} rue des Lilas",
            "zip": "69001",
            "city": "Lyon",
            "country_id": france.id,
            "phone": "+33 4 72 00 00 00",
        }
        for index in range(max(count // len(KINDS), 1))
    ]
)
vals_list = []
for index in range(count):
    days, previous, expected = KINDS[index % len(KINDS)]
    due = today - timedelta(days=days)
    vals_list.append(
        {
            "move_type": "out_invoice",
            "partner_id": customers[index // len(KINDS) % len(customers)].id,
            "invoice_date": due,
            "invoice_date_due": due,
            "ref": f"expect-{expected} previous-{previous}",
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "Fabrication d'escalier",
                        "quantity": 1,
                        "price_unit": 100.0 + index % 50,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
    )
moves = env["account.move"]
for start in range(0, count, 250):
    batch = env["account.move"].create(vals_list[start : start + 250])
    batch.action_post()
    moves |= batch
    env.cr.commit()
# The levels already sent: set as a past sending would have left them.
for __, previous, ___ in KINDS:
    if previous:
        moves.filtered(lambda m, p=previous: m.ref.endswith(f"-{p}")).write(
            {"dunning_level": previous, "dunning_date": today - timedelta(days=20)}
        )
env["ir.cron"].with_context(active_test=False).search([]).active = False
# Emails queued by the installation (none is a reminder): not the tests' ones.
env["mail.mail"].search([]).unlink()
env.cr.commit()
print("RESULT", len(moves))
