# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
# ruff: noqa: F821  (``env`` and ``ARGS`` are given by odoo-bin shell and the runner)
# Run by odoo-bin shell (see tests/faults/odoo_process.py): ARGS = [options],
# options = {"pdf": path of a one-page PDF, "maileva": {"url", "username",
# "password", "client_id", "client_secret"} of the fake Maileva server}.
#
# Fills a database of the suite the way its users do, with whichever of the
# suite's addons are installed: the administrator edits the texts of the
# levels (letter, email and SMS templates) and settings, posts overdue
# invoices, runs the morning generation through its scheduled action, then
# sends reminders by email, printed letter, SMS, Maileva letter, registered
# letter and in the background, logs a call, cancels, closes, pays and sets
# a level by hand. Some reminders stay to send. Every text typed by the user
# carries the marker "UPGRADE-KEEP".
#
# Two things do not leave the machine: the PDF engine (wkhtmltopdf, which
# needs an HTTP server to style reports) returns the given PDF, and Odoo's
# SMS gateway (IAP) accepts every SMS, as in Odoo's own SMS tests. The Maileva
# letters go to the fake Maileva server over real HTTP.
import json
from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields

from odoo.addons.sms.tools.sms_api import SmsApi

options = ARGS[0]
MARK = "UPGRADE-KEEP"
with open(options["pdf"], "rb") as pdf_file:
    PDF = pdf_file.read()
installed = set(
    env["ir.module.module"]
    .search([("name", "like", "dunning_levels"), ("state", "=", "installed")])
    .mapped("name")
)
has_sms = "dunning_levels_sms" in installed
has_maileva = "dunning_levels_maileva" in installed
has_fr = "dunning_levels_fr" in installed
has_sale = "dunning_levels_sale" in installed

admin = env.ref("base.user_admin")
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
        "phone": "+33 2 40 00 00 00",
    }
)
admin.email = "compta@menuiserie-durand.example.com"
if has_maileva:
    maileva = options["maileva"]
    company.write(
        {
            "maileva_environment": "sandbox",
            "maileva_auth_url": maileva["url"],
            "maileva_api_url": maileva["url"],
            "maileva_username": maileva["username"],
            "maileva_password": maileva["password"],
            "maileva_client_id": maileva["client_id"],
            "maileva_client_secret": maileva["client_secret"],
        }
    )
    params = env["ir.config_parameter"]
    params.set_param("dunning_levels_maileva.timeout", "10")
    params.set_param("dunning_levels_maileva.backoff", "0")
env.cr.commit()

# From here on, the administrator works as in the web client.
env = env(user=admin, context=dict(env.context, lang="en_US"))
company = company.with_env(env)


def run_cron(xmlid):
    """Run a scheduled action through its XML record ("Run manually")."""
    env.ref(xmlid).method_direct_trigger()
    env.cr.commit()


def send(reminders, **values):
    """Send ``reminders`` with the mass sending wizard."""
    wizard = (
        env["dunning.send"]
        .with_context(active_model="dunning.reminder", active_ids=reminders.ids)
        .create({"use_email": False, **values})
    )
    wizard.action_send()
    env.cr.commit()
    return wizard


def sms_gateway_accepts(self, messages, delivery_reports_url=False):
    return [
        {"uuid": number["uuid"], "state": "success", "credit": 1}
        for message in messages
        for number in message["numbers"]
    ]


# --- The user's own texts and settings --------------------------------------
levels = env["dunning.level"].search([("company_id", "=", company.id)], order="level")
level_1, level_2, level_3 = levels
level_1.with_context(lang="fr_FR").letter_body = (
    f"<p>Madame, Monsieur,</p><p>Sauf erreur, vous nous devez encore ces "
    f"factures ({MARK} lettre fr).</p>"
)
level_1.letter_title = f"Friendly reminder ({MARK})"
level_2.write(
    {"name": f"Second notice ({MARK})", "delay_days": 35, "payment_deadline_days": 5}
)
level_1.mail_template_id.body_html = (
    f"<p>Dear customer, your invoices are overdue ({MARK} email en).</p>"
)
level_1.mail_template_id.with_context(
    lang="fr_FR"
).subject = f"Relance de paiement ({MARK} objet fr)"
# Duplicated, then renamed (a copy is named "... (copy)").
level_3.mail_template_id = level_3.mail_template_id.copy()
level_3.mail_template_id.name = f"Our formal notice ({MARK})"
if has_sms:
    level_2.sms_template_id.body = (
        f"{{{{ object.name }}}}: please pay what is due ({MARK} sms)."
    )
if has_fr:
    level_2.fr_legal_text = f"Art. L441-10 C. com. ({MARK} mention)"
    env.ref("dunning_levels_fr.dunning_rate_ecb_20250611").note = f"ECB ({MARK})"
if has_sale:
    company.dunning_sale_block_level = "2"
env.ref("dunning_levels.ir_cron_dunning_generate").interval_number = 2
company.dunning_min_interval_days = 10
env.cr.commit()

# --- Customers and overdue invoices -----------------------------------------
customers = env["res.partner"].create(
    [
        {
            "name": f"Client {index} SAS",
            "is_company": True,
            "lang": "fr_FR" if index % 2 else "en_US",
            "email": f"client{index}@example.com",
            "mobile": f"06 12 34 56 7{index}",
            "street": f"{index + 1} rue des Lilas",
            "zip": "69003",
            "city": "Lyon",
            "country_id": france.id,
        }
        for index in range(8)
    ]
)
today = fields.Date.context_today(admin)
# Customer index: days overdue of each of its invoices (15 days make a first
# reminder).
PLAN = {index: [20, 40] for index in range(7)}
PLAN.update({5: [60], 7: [5]})
invoices = env["account.move"].create(
    [
        {
            "move_type": "out_invoice",
            "partner_id": customers[index].id,
            "invoice_date": today - timedelta(days=days),
            "invoice_date_due": today - timedelta(days=days),
            "invoice_line_ids": [
                Command.create(
                    {
                        "name": "Fabrication d'escalier",
                        "quantity": 1,
                        "price_unit": 100.0 * (index + 1) + days,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }
        for index, days_list in PLAN.items()
        for days in days_list
    ]
)
invoices.action_post()
env.cr.commit()
by_customer = {
    index: invoices.filtered(lambda m, c=c: m.partner_id == c)
    for index, c in enumerate(customers)
}

# --- The morning generation --------------------------------------------------
run_cron("dunning_levels.ir_cron_dunning_generate")
reminders = env["dunning.reminder"].search([("company_id", "=", company.id)])


def drafts_of(index):
    return reminders.filtered(
        lambda r: r.partner_id == customers[index] and r.state == "draft"
    )


with (
    patch.object(
        type(env["ir.actions.report"]), "_run_wkhtmltopdf", lambda *a, **k: PDF
    ),
    patch.object(SmsApi, "_send_sms_batch", sms_gateway_accepts),
):
    # Customer 0: by email, one of them then closed by hand.
    send(drafts_of(0), use_email=True)
    reminders.filtered(lambda r: r.partner_id == customers[0])[:1].action_close()
    # Customer 1: printed letter, then one invoice paid (its reminder closes).
    send(drafts_of(1), use_letter=True)
    env["account.payment.register"].with_context(
        active_model="account.move", active_ids=by_customer[1][:1].ids
    ).create({})._create_payments()
    env.cr.commit()
    # Customer 2: SMS (the SMS queue runs), else email.
    if has_sms:
        send(drafts_of(2), use_sms=True)
        run_cron("sms.ir_cron_sms_scheduler_action")
    else:
        send(drafts_of(2), use_email=True)
    # Customer 3: Maileva letter (posted by the scheduled action, then its
    # status followed twice), else letter.
    if has_maileva:
        send(drafts_of(3), use_maileva=True)
        for __ in range(3):
            run_cron("dunning_levels_maileva.ir_cron_maileva_process")
    else:
        send(drafts_of(3), use_letter=True)
    # Customer 4: a call logged, one reminder cancelled, the other to send.
    env["dunning.log.call"].with_context(
        active_model="dunning.reminder", active_ids=drafts_of(4).ids
    ).create(
        {"outcome": "promise", "comment": f"Pays Friday ({MARK} call)"}
    ).action_log()
    drafts_of(4)[:1].action_cancel()
    env.cr.commit()
    # Customer 5: formal notice chosen from the invoice, registered letter.
    wizard = (
        env["dunning.send"]
        .with_context(active_model="account.move", active_ids=by_customer[5].ids)
        .create(
            {
                "use_email": False,
                "generation_rule": "chosen",
                "level": "3",
                "use_maileva_registered": has_maileva,
                "use_letter": not has_maileva,
            }
        )
    )
    wizard.action_send()
    env.cr.commit()
    if has_maileva:
        run_cron("dunning_levels_maileva.ir_cron_maileva_process")
    # Customer 6: a sending above the threshold, sent in the background.
    company.dunning_send_background_threshold = 1
    send(drafts_of(6), use_email=True)
    run_cron("dunning_levels.ir_cron_dunning_send_job")
    # One of customer 2's invoices: its level set by hand.
    env["dunning.set.level"].with_context(
        active_model="account.move", active_ids=by_customer[2][:1].ids
    ).create({"level": "2", "note": f"Agreed by phone ({MARK} level)"}).action_apply()
    env.cr.commit()

# A quotation of the reminded customer 0, confirmed with the override of the
# reminders ticked when dunning_levels_sale is there.
product = env["product.product"].create({"name": "Pose", "type": "service"})
order = env["sale.order"].create(
    {
        "partner_id": customers[0].id,
        "order_line": [Command.create({"product_id": product.id})],
    }
)
if has_sale:
    order.dunning_override = True
    order.action_confirm()
env.cr.commit()

env.cr.execute(
    "SELECT state, channel, count(*) FROM dunning_reminder GROUP BY 1, 2 ORDER BY 1, 2"
)
print("RESULT", json.dumps(env.cr.fetchall()))
