# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Uninstalling dunning_levels_fr keeps the history lines of its actions
(penalties invoiced, recovery file built): their action, which the field no
longer offers, is told in their note, as the channel addons do with their
channel."""

HISTORY = (
    "SELECT action, note FROM dunning_history WHERE move_id IN %s ORDER BY move_id, id"
)


def test_uninstall_fr_keeps_its_history(scenario_db):
    assert scenario_db.start("generate.py", None).wait() > 0
    result = scenario_db.start("uninstall_fr.py").wait()
    invoices = result["invoices"]
    assert len(invoices) == 5
    assert result["before"] == {
        "generated": 5,
        "marked_sent": 5,
        "penalty_invoiced": 5,
        "recovery_file": 1,
    }
    assert (
        scenario_db.value(
            "SELECT state FROM ir_module_module WHERE name = 'dunning_levels_fr'"
        )
        == "uninstalled"
    )
    lines = scenario_db.query(HISTORY, [tuple(invoices)])
    actions = [action for action, __ in lines]
    assert actions.count("generated") == 5
    assert actions.count("marked_sent") == 5
    kept = [note for action, note in lines if action == "other"]
    penalties = [
        note
        for note in kept
        if note.startswith("Action: Penalties invoiced (addon uninstalled)\n")
    ]
    files = [
        note
        for note in kept
        if note.startswith("Action: Recovery file built (addon uninstalled)\n")
    ]
    assert len(penalties) == 5, kept
    assert all("claimed by draft invoice" in note for note in penalties)
    assert len(files) == 1, kept
    assert files[0].endswith(".zip")
    assert len(kept) == 6
    # The history still opens, and the core goes on.
    shown = scenario_db.start("read_history.py", invoices).wait()
    assert shown.count("other") == 6
    assert scenario_db.start("generate.py", None).wait() == 0
