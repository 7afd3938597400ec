# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# ruff: noqa: F821  (``env`` is provided by odoo-bin shell)
"""Turn the main company of a fresh demo database into a French SME.

Run through ``odoo-bin shell`` (``env`` is provided) before the accounting
modules are installed, so that the French chart of accounts, taxes and
currency are applied to it.
"""

import base64
import io

from PIL import Image, ImageDraw, ImageFont


def draw_logo():
    """Draw the company's logo (a wordmark) as a PNG, so that the letters
    show a letterhead rather than Odoo's placeholder."""
    image = Image.new("RGB", (720, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((10, 20, 170, 180), radius=24, fill="#7a4b2a")
    try:
        big = ImageFont.truetype("DejaVuSans-Bold.ttf", 96)
        name = ImageFont.truetype("DejaVuSans-Bold.ttf", 54)
        small = ImageFont.truetype("DejaVuSans.ttf", 30)
    except OSError:
        big = name = small = ImageFont.load_default()
    draw.text((90, 100), "D", font=big, fill="white", anchor="mm")
    draw.text((200, 60), "Menuiserie", font=name, fill="#7a4b2a")
    draw.text((200, 120), "Durand · Lyon", font=small, fill="#555555")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


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
        "logo": draw_logo(),
    }
)
env.ref("base.EUR").active = True
# The account customers pay by transfer to (a French test IBAN): letters and
# statements print it with its SEPA QR code. demo_portal.py puts it on the
# bank journal once the chart of accounts exists.
env["res.partner.bank"].create(
    {
        "partner_id": company.partner_id.id,
        "acc_number": "FR76 3000 6000 0112 3456 7890 189",
        "acc_holder_name": company.name,
        "allow_out_payment": True,
        "bank_id": env["res.bank"]
        .create({"name": "Crédit Agricole Centre-Est", "bic": "AGRIFRPP878"})
        .id,
    }
)
# The accountant who sends the reminders (the admin user, login ``admin``).
env.ref("base.user_admin").write(
    {
        "name": "Claire Martin",
        "email": "claire.martin@menuiserie-durand.example",
        "signature": "<p>Claire Martin<br/>Comptabilité clients<br/>04 72 00 00 00</p>",
        "lang": "fr_FR",
        "tz": "Europe/Paris",
    }
)
env.cr.commit()
print(f"demo company ready: {company.name} ({company.country_id.code})")
