# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Updating the suite, or installing more of it, keeps the users' data.

A copy of a real database is filled by the users' own flows (see
``scripts/fill.py``): reminders to send and sent through every channel,
closed, cancelled, their history, Maileva sendings, SMS, a background
sending, and the texts of the levels edited (letter, email and SMS
templates). Its data is read with SQL (``snapshot.py``), then a real
``odoo-bin`` process updates the suite's addons (``-u``) or installs
``dunning_levels_fr`` and ``dunning_levels_sale`` (``-i``), and the data is
read again: every row and every column must be the same, and the logs clean.
"""

from pathlib import Path

from .snapshot import (
    SUITE_ADDONS,
    compare,
    log_problems,
    run_odoo,
    take_snapshot,
)

SCRIPTS = Path(__file__).resolve().parent / "scripts"
FILL = SCRIPTS / "fill.py"
INSTALL_CORE = SCRIPTS / "install_core.py"
# The texts the user typed in fill.py, where they must stay: (addon needed,
# what, rows, a condition they meet).
LEVEL = "dunning_level t WHERE t.level = {}"
TEMPLATE = "dunning_level l JOIN {} t ON t.id = l.{} WHERE l.level = {}"
DATA = (
    "{} t JOIN ir_model_data d ON d.res_id = t.id AND d.model = '{}' AND d.name = '{}'"
)
EDITED_TEXTS = [
    (
        "dunning_levels",
        "letter of level 1, in French",
        LEVEL.format(1),
        "t.letter_body->>'fr_FR' LIKE '%UPGRADE-KEEP lettre fr%'",
    ),
    (
        "dunning_levels",
        "letter title of level 1",
        LEVEL.format(1),
        "t.letter_title->>'en_US' = 'Friendly reminder (UPGRADE-KEEP)'",
    ),
    (
        "dunning_levels",
        "name and delay of level 2",
        LEVEL.format(2),
        "t.name->>'en_US' = 'Second notice (UPGRADE-KEEP)' AND t.delay_days = 35",
    ),
    (
        "dunning_levels",
        "email body of level 1",
        TEMPLATE.format("mail_template", "mail_template_id", 1),
        "t.body_html->>'en_US' LIKE '%UPGRADE-KEEP email en%'",
    ),
    (
        "dunning_levels",
        "email subject of level 1, in French",
        TEMPLATE.format("mail_template", "mail_template_id", 1),
        "t.subject->>'fr_FR' LIKE '%UPGRADE-KEEP objet fr%'",
    ),
    (
        "dunning_levels",
        "user's own email template of level 3",
        TEMPLATE.format("mail_template", "mail_template_id", 3),
        "t.name->>'en_US' = 'Our formal notice (UPGRADE-KEEP)'",
    ),
    (
        "dunning_levels_sms",
        "SMS of level 2",
        TEMPLATE.format("sms_template", "sms_template_id", 2),
        "t.body->>'en_US' LIKE '%UPGRADE-KEEP sms%'",
    ),
    (
        "dunning_levels",
        "schedule of the generation",
        DATA.format("ir_cron", "ir.cron", "ir_cron_dunning_generate"),
        "t.interval_number = 2",
    ),
    (
        "dunning_levels_fr",
        "legal mention of level 2",
        LEVEL.format(2),
        "t.fr_legal_text->>'en_US' LIKE '%UPGRADE-KEEP mention%'",
    ),
    (
        "dunning_levels_fr",
        "note of a rate of the data file",
        DATA.format("dunning_rate", "dunning.rate", "dunning_rate_ecb_20250611"),
        "t.note = 'ECB (UPGRADE-KEEP)'",
    ),
]
# Records of the suite's XML files that Odoo may rewrite on update: code and
# technical settings (views, actions, menus, reports and their paper formats,
# access rights, groups, the models' own description). Every other record
# (templates, scheduled actions, rates, products, record rules) is data the
# user may edit: it must be noupdate.
UPDATABLE_MODELS = (
    "ir.actions.act_window",
    "ir.actions.act_window.view",
    "ir.actions.client",
    "ir.actions.report",
    "ir.actions.server",
    "ir.model",
    "ir.model.access",
    "ir.model.constraint",
    "ir.model.fields",
    "ir.model.fields.selection",
    "ir.model.inherit",
    "ir.model.relation",
    "ir.module.category",
    "ir.ui.menu",
    "ir.ui.view",
    "res.groups",
)


def fill(database, tmp_path, fake_maileva, pdf_file):
    """Fill ``database`` with fill.py; its log must be clean."""
    log = tmp_path / "fill.log"
    maileva = {
        "url": fake_maileva.url,
        "username": fake_maileva.username,
        "password": fake_maileva.password,
        "client_id": fake_maileva.client_id,
        "client_secret": fake_maileva.client_secret,
    }
    database.run_script(FILL, log, {"pdf": str(pdf_file), "maileva": maileva})
    assert_clean(log)


def installed_addons(database):
    return {
        name
        for (name,) in database.query(
            "SELECT name FROM ir_module_module "
            "WHERE name LIKE 'dunning\\_levels%' AND state = 'installed'"
        )
    }


def assert_filled(database):
    """The database holds data of every kind the test must see kept."""
    assert {
        row
        for row in database.query(
            "SELECT DISTINCT state, channel FROM dunning_reminder "
            "WHERE state IN ('draft', 'sent')"
        )
    } == {
        ("draft", None),
        ("sent", "email"),
        ("sent", "letter"),
        ("sent", "sms"),
        ("sent", "maileva"),
        ("sent", "maileva_registered"),
    }
    assert {
        state for (state,) in database.query("SELECT state FROM dunning_reminder")
    } == {"draft", "sent", "closed", "cancelled"}
    assert {
        action for (action,) in database.query("SELECT action FROM dunning_history")
    } >= {"generated", "sent", "called", "cancelled", "closed", "level_changed"}
    assert database.query("SELECT product, state FROM maileva_sending ORDER BY id") == [
        ("mail", "processed"),
        ("registered", "submitted"),
    ]
    assert database.value("SELECT count(*) FROM dunning_send_job") == 1
    assert database.value(
        "SELECT count(*) FROM mail_notification WHERE notification_type = 'sms' "
        "AND notification_status = 'pending'"
    ), "the SMS was accepted by the gateway"
    assert database.value("SELECT count(*) FROM mail_mail"), "emails are queued"
    assert database.value(
        "SELECT count(*) FROM dunning_reminder WHERE letter_attachment_id IS NOT NULL"
    )


def assert_edited_texts(database, addons):
    """The texts the user typed are where fill.py wrote them.

    :param addons: the suite's addons installed when fill.py ran
    """
    for addon, what, rows, condition in EDITED_TEXTS:
        if addon in addons:
            sql = f"SELECT {condition} FROM {rows}"
            assert database.query(sql) == [(True,)], f"the {what} lost the user's text"


def assert_clean(log):
    problems = log_problems(log)
    assert not problems, f"{len(problems)} log record(s) in {log}:\n" + "\n".join(
        problems[:20]
    )


def test_update_keeps_data(suite_db, tmp_path, fake_maileva, pdf_file):
    """``-u`` of every addon of the suite keeps every row and column of the
    suite's data, the texts edited by the user included."""
    assert installed_addons(suite_db) == set(SUITE_ADDONS)
    fill(suite_db, tmp_path, fake_maileva, pdf_file)
    assert_filled(suite_db)
    assert_edited_texts(suite_db, SUITE_ADDONS)
    before = take_snapshot(suite_db, SUITE_ADDONS)

    log = tmp_path / "update.log"
    run_odoo(suite_db, log, "-u", ",".join(SUITE_ADDONS))
    assert_clean(log)
    text = log.read_text()
    for addon in SUITE_ADDONS:
        assert f"loading {addon}/" in text, f"{addon} was not updated"

    after = take_snapshot(suite_db, SUITE_ADDONS, like=before)
    assert not compare(before, after), "\n".join(compare(before, after))
    assert_edited_texts(suite_db, SUITE_ADDONS)
    # What the user may edit is noupdate: the next update keeps it too.
    assert not suite_db.query(
        "SELECT module, model, name FROM ir_model_data "
        "WHERE module = ANY(%s) AND NOT noupdate AND model NOT IN %s",
        [SUITE_ADDONS, UPDATABLE_MODELS],
    )

    # The comparison sees a lost history line and a lost translation.
    suite_db.query(
        "DELETE FROM dunning_history WHERE id = (SELECT max(id) FROM dunning_history)"
    )
    suite_db.query(
        "UPDATE dunning_level SET letter_body = letter_body - 'fr_FR' WHERE level = 1"
    )
    problems = compare(before, take_snapshot(suite_db, SUITE_ADDONS, like=before))
    assert len(problems) == 2, problems
    assert problems[0].startswith("dunning_level id ")
    assert ": letter_body was " in problems[0]
    assert problems[1].startswith("dunning_history: 1 row(s) lost")


def test_install_fr_and_sale_keeps_data(
    dependencies_db, tmp_path, fake_maileva, pdf_file
):
    """Installing ``dunning_levels_fr`` and ``dunning_levels_sale`` on a
    database that already has reminders keeps every row and column of the
    suite's data, the texts edited by the user included."""
    core = ["dunning_levels", "dunning_levels_maileva", "dunning_levels_sms"]
    log = tmp_path / "install-core.log"
    states = dependencies_db.run_script(INSTALL_CORE, log, *core)
    assert_clean(log)
    # dunning_levels_queue_job comes with dunning_levels (auto-installed):
    # queue_job, its other dependency, is among the template's.
    assert states == {
        **dict.fromkeys(SUITE_ADDONS, "uninstalled"),
        **dict.fromkeys([*core, "dunning_levels_queue_job"], "installed"),
    }
    fill(dependencies_db, tmp_path, fake_maileva, pdf_file)
    assert_filled(dependencies_db)
    assert_edited_texts(dependencies_db, core)
    before = take_snapshot(dependencies_db, core)

    log = tmp_path / "install.log"
    run_odoo(dependencies_db, log, "-i", "dunning_levels_fr,dunning_levels_sale")
    assert_clean(log)
    assert installed_addons(dependencies_db) == set(SUITE_ADDONS)

    after = take_snapshot(dependencies_db, core, like=before)
    assert not compare(before, after), "\n".join(compare(before, after))
    assert_edited_texts(dependencies_db, core)
