# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)
"""Let the demo's customers pay from their reminder page.

Run through ``odoo-bin shell`` once the suite and ``payment_demo`` are
installed: the main company's bank account (demo_company.py) goes on its
bank journal, and the demo payment provider is enabled in test mode, so
that the reminder page offers to pay online.
"""

company = env.ref("base.main_company")
bank_account = company.partner_id.bank_ids[:1]
journal = env["account.journal"].search(
    [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
)
if bank_account and journal and not journal.bank_account_id:
    journal.bank_account_id = bank_account
provider = env.ref("payment.payment_provider_demo")
provider.write({"state": "test", "is_published": True, "company_id": company.id})
env.cr.commit()
print(
    f"online payment ready: {provider.name} ({provider.state}), "
    f"bank journal {journal.name}: {journal.bank_account_id.acc_number or '-'}"
)
