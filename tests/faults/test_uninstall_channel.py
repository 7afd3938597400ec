# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Uninstalling a channel addon keeps the core data consistent: reminders
sent through it stay sent (channel emptied, as ``ondelete`` declares), their
history stays and still tells the channel (in its note, by the addon's
uninstall hook), the invoices keep their level, and everything still opens."""

import pytest


@pytest.mark.parametrize(
    ("module", "channel", "label"),
    [
        ("dunning_levels_sms", "sms", "SMS"),
        ("dunning_levels_maileva", "maileva", "Maileva letter"),
    ],
)
def test_uninstall_channel_addon(scenario_db, module, channel, label):
    assert scenario_db.start("generate.py", None).wait() > 0
    sent = scenario_db.start("uninstall_channel.py", module, channel).wait()
    assert len(sent) == 20
    assert (
        scenario_db.value(
            "SELECT state FROM ir_module_module WHERE name = %s", [module]
        )
        == "uninstalled"
    )
    assert scenario_db.query(
        "SELECT DISTINCT r.state, r.channel, m.dunning_level FROM dunning_reminder r "
        "JOIN account_move m ON m.id = r.move_id WHERE r.id IN %s",
        [tuple(sent)],
    ) == [("sent", None, 1)]
    assert (
        scenario_db.value(
            "SELECT count(*) FROM dunning_history WHERE reminder_id IN %s",
            [tuple(sent)],
        )
        == 40
    ), "the generated and sent lines stay"
    shown = scenario_db.start("read_reminders.py", sent).wait()
    assert shown["reminders"] == [["sent", False, 1]] * 20
    assert shown["history"] == [["generated", False]] * 20 + [["sent", False]] * 20
    # How they were sent is still told, in the history's note.
    notes = scenario_db.query(
        "SELECT DISTINCT note FROM dunning_history "
        "WHERE reminder_id IN %s AND action = 'sent'",
        [tuple(sent)],
    )
    assert notes == [(f"Channel: {label} (addon uninstalled)",)]
    # The core goes on: generation works after the uninstallation.
    assert scenario_db.start("generate.py", None).wait() == 0
