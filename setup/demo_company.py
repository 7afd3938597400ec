# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)
"""Turn the main company of a fresh demo database into a French SME.

Run through ``odoo-bin shell`` (``env`` is provided) before the accounting
modules are installed, so that the French chart of accounts, taxes and
currency are applied to it.
"""

france = env.ref("base.fr")
company = env.ref("base.main_company")
company.write(
    {
        "name": "Menuiserie Durand SARL",
        "street": "12 rue des Artisans",
        "zip": "69003",
        "city": "Lyon",
        "country_id": france.id,
        "currency_id": env.ref("base.EUR").id,
        "phone": "+33 4 72 00 00 00",
        "email": "compta@menuiserie-durand.example",
        "website": "https://menuiserie-durand.example",
        "vat": "FR44732829320",
        "company_registry": "73282932000074",
    }
)
env.ref("base.EUR").active = True
env.ref("base.user_admin").write({"lang": "fr_FR", "tz": "Europe/Paris"})
env.cr.commit()
print(f"demo company ready: {company.name} ({company.country_id.code})")
