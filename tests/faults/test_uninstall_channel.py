# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Uninstalling a channel addon keeps the core data consistent.

Reminders are first really sent through the channel (SMS through Odoo's SMS
queue to a fake gateway, letters through the Maileva pipeline to the fake
Maileva server, both real HTTP servers on 127.0.0.1). After the addon is
uninstalled, the reminders stay sent (channel emptied, as ``ondelete``
declares), their history stays line for line and still tells the channel (in
its note, by the addon's uninstall hook), the invoices keep their level, the
documents sent stay, everything still opens, and the next level is
generated for these invoices as for any other.
"""

from datetime import date, timedelta

import pytest

# tests/ is on the path of the fault tests (the folder of their package).
from fake_maileva.server import FakeMaileva
from fake_sms.server import FakeSmsGateway


@pytest.fixture
def sms_gateway():
    gateway = FakeSmsGateway().start()
    yield gateway
    gateway.stop()


@pytest.fixture
def maileva():
    fake = FakeMaileva(
        username="demo",
        password="demo",
        client_id="demo-client",
        client_secret="demo-secret",
        auto_advance=True,
    )
    fake.start()
    yield fake
    fake.stop()


def history_of(database, reminder_ids):
    return database.query(
        "SELECT id, reminder_id, action, level, user_id, date FROM dunning_history "
        "WHERE reminder_id IN %s ORDER BY id",
        [tuple(reminder_ids)],
    )


def check_uninstall(database, module, channel, label, sent):
    """Uninstall ``module`` once ``sent`` reminders went through ``channel``
    and check what is left."""
    before = history_of(database, sent)
    assert {action for __, __, action, __, __, __ in before} >= {"generated", "sent"}
    assert set(
        database.query(
            "SELECT DISTINCT channel FROM dunning_history "
            "WHERE reminder_id IN %s AND action = 'sent'",
            [tuple(sent)],
        )
    ) == {(channel,)}
    documents = database.query(
        "SELECT id, checksum FROM ir_attachment WHERE res_model IN "
        "('account.move', 'dunning.reminder', 'maileva.sending') ORDER BY id"
    )
    chatter = database.value(
        "SELECT count(*) FROM mail_message WHERE model = 'account.move'"
    )

    database.start("uninstall_channel.py", module).wait()

    assert (
        database.value("SELECT state FROM ir_module_module WHERE name = %s", [module])
        == "uninstalled"
    )
    assert database.query(
        "SELECT DISTINCT r.state, r.channel, m.dunning_level FROM dunning_reminder r "
        "JOIN account_move m ON m.id = r.move_id WHERE r.id IN %s",
        [tuple(sent)],
    ) == [("sent", None, 1)]
    assert history_of(database, sent) == before, "the history stays line for line"
    notes = database.query(
        "SELECT DISTINCT note FROM dunning_history "
        "WHERE reminder_id IN %s AND action = 'sent'",
        [tuple(sent)],
    )
    assert notes == [(f"Channel: {label} (addon uninstalled)",)]
    kept = set(
        database.query(
            "SELECT id, checksum FROM ir_attachment WHERE id IN %s",
            [tuple(doc_id for doc_id, __ in documents) or (0,)],
        )
    )
    assert kept == set(documents), "the documents sent stay"
    assert (
        database.value("SELECT count(*) FROM mail_message WHERE model = 'account.move'")
        == chatter
    )
    shown = database.start("read_reminders.py", sent).wait()
    assert shown["reminders"] == [["sent", False, 1]] * len(sent)
    assert sorted(action for action, __ in shown["history"]) == sorted(
        action for __, __, action, __, __, __ in before
    )
    assert {channel for __, channel in shown["history"]} == {False}
    # The core goes on: these invoices reach their next level.
    sent_moves = {
        move_id
        for (move_id,) in database.query(
            "SELECT move_id FROM dunning_reminder WHERE id IN %s", [tuple(sent)]
        )
    }
    later = (date.today() + timedelta(days=40)).isoformat()
    generated = dict(database.start("generate_on.py", later).wait())
    assert {move: generated.get(move) for move in sent_moves} == dict.fromkeys(
        sent_moves, 2
    )


def test_uninstall_sms_addon(scenario_db, sms_gateway):
    assert scenario_db.start("generate.py", None).wait() > 0
    sent = scenario_db.start("send_by_channel.py", "sms", sms_gateway.url, 20).wait()
    assert len(sent) == 20
    assert len(sms_gateway.sent) == 20, "one SMS per customer reached the gateway"
    assert {number for number, __, __ in sms_gateway.sent} == {"+33612345678"}
    check_uninstall(scenario_db, "dunning_levels_sms", "sms", "SMS", sent)


def test_uninstall_maileva_addon(scenario_db, maileva):
    assert scenario_db.start("generate.py", None).wait() > 0
    sent = scenario_db.start("send_by_channel.py", "maileva", maileva.url, 4).wait()
    assert len(sent) == 4
    assert len(maileva.submitted()) == 4, "four letters were submitted to Maileva"
    check_uninstall(
        scenario_db, "dunning_levels_maileva", "maileva", "Maileva letter", sent
    )
