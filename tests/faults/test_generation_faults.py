# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Generation of reminders killed, or run twice at the same time, by real
Odoo processes on a database of their own: every eligible invoice ends with
exactly one draft reminder at its level, nothing half-written."""

import psycopg2
import pytest

from odoo.addons.dunning_levels.models.dunning_reminder_generation import (
    GENERATION_LOCK_KEY,
)

from .locks import TableLock, holding_advisory, waiting_on_table

CRON = "dunning_levels.ir_cron_dunning_generate"
# Small batches: the run is killed after its first committed ones.
BATCH_SIZE = 20


def assert_generated_once(database):
    """Every invoice has exactly one draft reminder at the level its ref
    expects (none for "expect-0"), each with its one "generated" history
    line, and nothing else was written."""
    rows = database.query(
        """
        SELECT m.id, m.ref, array_agg(r.level ORDER BY r.id)
               FILTER (WHERE r.id IS NOT NULL)
          FROM account_move m
          LEFT JOIN dunning_reminder r ON r.move_id = m.id
         WHERE m.move_type = 'out_invoice'
         GROUP BY m.id, m.ref
        """
    )
    assert rows
    wrong = []
    for move_id, ref, levels in rows:
        expected = int(ref.split()[0].removeprefix("expect-"))
        if (levels or []) != ([expected] if expected else []):
            wrong.append((move_id, ref, levels))
    assert not wrong, f"{len(wrong)} invoice(s) with wrong reminders: {wrong[:10]}"
    assert (
        database.value("SELECT count(*) FROM dunning_reminder WHERE state != 'draft'")
        == 0
    )
    # One "generated" history line per reminder, none without its reminder.
    assert (
        database.query(
            """
        SELECT r.id, count(h.id) FROM dunning_reminder r
          LEFT JOIN dunning_history h
            ON h.reminder_id = r.id AND h.action = 'generated'
         GROUP BY r.id HAVING count(h.id) != 1
        """
        )
        == []
    )
    assert database.value(
        "SELECT count(*) FROM dunning_history WHERE action = 'generated'"
    ) == database.value("SELECT count(*) FROM dunning_reminder")


def expected_count(database):
    return database.value(
        "SELECT count(*) FROM account_move WHERE ref NOT LIKE 'expect-0%' "
        "AND move_type = 'out_invoice'"
    )


def test_protections_exist(scenario_db):
    """The database itself refuses a second draft reminder for an invoice
    (partial unique index), whatever the Python code does."""
    (indexdef,) = scenario_db.query(
        "SELECT indexdef FROM pg_indexes "
        "WHERE indexname = 'dunning_reminder_one_draft_per_move'"
    )[0]
    assert "UNIQUE" in indexdef and "(move_id)" in indexdef
    assert "WHERE" in indexdef and "'draft'" in indexdef
    move_id, currency_id = scenario_db.query(
        "SELECT id, currency_id FROM account_move WHERE ref LIKE 'expect-1%' LIMIT 1"
    )[0]
    insert = (
        "INSERT INTO dunning_reminder (move_id, currency_id, level, state, "
        "generated_date) VALUES (%s, %s, 1, %s, now())"
    )
    scenario_db.query(insert, (move_id, currency_id, "draft"))
    scenario_db.query(insert, (move_id, currency_id, "sent"))
    with pytest.raises(psycopg2.errors.UniqueViolation):
        scenario_db.query(insert, (move_id, currency_id, "draft"))


def test_generation_killed_then_run_again(scenario_db):
    """SIGKILL in the middle of the scheduled generation, then the next run:
    the committed batches are whole, the rest is generated once."""
    total = expected_count(scenario_db)
    assert total > 3 * BATCH_SIZE
    code = f"model._cron_generate_reminders(batch_size={BATCH_SIZE})"
    cron = scenario_db.start("run_cron.py", CRON, code)
    # Killed once a first batch is committed (seen from another connection).
    scenario_db.wait_for(
        "SELECT count(*) FROM dunning_reminder", lambda count: count > 0, cron
    )
    cron.kill()
    done = scenario_db.value("SELECT count(*) FROM dunning_reminder")
    assert 0 < done < total, "the kill must fall in the middle of the run"
    assert done % BATCH_SIZE == 0, "only whole batches are committed"
    assert (
        scenario_db.value(
            "SELECT count(*) FROM dunning_history WHERE action = 'generated'"
        )
        == done
    )
    scenario_db.start("run_cron.py", CRON, code).wait()
    assert scenario_db.value("SELECT count(*) FROM dunning_reminder") == total
    assert_generated_once(scenario_db)


def assert_skipped_by_the_lock(process):
    """``process`` generated nothing because another run held the lock."""
    assert process.wait() == 0
    assert any(
        "Another generation of payment reminders is running" in line
        for line in process.log_records("INFO")
    ), "the second run must have met the first one's lock"


def test_two_users_generate_at_once(scenario_db):
    """Two users click "Generate" at the same time: the second one comes
    while the first holds the company's generation lock, in the middle of
    its transaction, and creates nothing; the first creates everything."""
    with TableLock(scenario_db, "dunning_reminder"):
        first = scenario_db.start("generate.py", None)
        # The first run holds the generation lock and waits to insert.
        scenario_db.wait_for(
            holding_advisory(GENERATION_LOCK_KEY), lambda count: count == 1, first
        )
        scenario_db.wait_for(
            waiting_on_table("dunning_reminder"), lambda count: count == 1, first
        )
        second = scenario_db.start("generate.py", None)
        assert_skipped_by_the_lock(second)
    assert first.wait() == expected_count(scenario_db)
    assert_generated_once(scenario_db)


def test_cron_and_user_generate_at_once(scenario_db):
    """The user clicks "Generate" while the scheduled action runs in
    batches, in the middle of one: the user's run creates nothing, the
    scheduled action goes on, and each reminder is generated once."""
    code = f"model._cron_generate_reminders(batch_size={BATCH_SIZE})"
    cron = scenario_db.start("run_cron.py", CRON, code)
    scenario_db.wait_for(
        "SELECT count(*) FROM dunning_reminder", lambda count: count > 0, cron
    )
    with TableLock(scenario_db, "dunning_reminder"):
        scenario_db.wait_for(
            holding_advisory(GENERATION_LOCK_KEY), lambda count: count == 1, cron
        )
        scenario_db.wait_for(
            waiting_on_table("dunning_reminder"), lambda count: count == 1, cron
        )
        done = scenario_db.value("SELECT count(*) FROM dunning_reminder")
        assert 0 < done < expected_count(scenario_db), "the cron is mid-way"
        user = scenario_db.start("generate.py", None)
        assert_skipped_by_the_lock(user)
    cron.wait()
    assert_generated_once(scenario_db)


def test_generation_skipped_while_another_holds_the_lock(scenario_db, tmp_path):
    """While another transaction holds the company's generation lock, a
    generation creates nothing (and says so in the log); once released, the
    next one creates everything."""
    company_id = scenario_db.value("SELECT id FROM res_company ORDER BY id LIMIT 1")
    connection = psycopg2.connect(dbname=scenario_db.name)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_lock(%s, %s)", (GENERATION_LOCK_KEY, company_id)
            )
            blocked = scenario_db.start("generate.py", None)
            assert blocked.wait() == 0
            cursor.execute(
                "SELECT pg_advisory_unlock(%s, %s)", (GENERATION_LOCK_KEY, company_id)
            )
    finally:
        connection.close()
    assert any(
        "Another generation of payment reminders is running" in line
        for line in blocked.log_records("INFO")
    )
    assert scenario_db.value("SELECT count(*) FROM dunning_reminder") == 0
    assert scenario_db.start("generate.py", None).wait() == expected_count(scenario_db)
    assert_generated_once(scenario_db)


def test_generation_from_an_old_snapshot_creates_no_duplicate(scenario_db, tmp_path):
    """A generation that read the invoices before another one committed gets
    the lock after it: the unique index rejects each of its reminders, it
    creates none, loses nothing, and logs no error."""
    ready_file, go_file = tmp_path / "ready", tmp_path / "go"
    stale = scenario_db.start("generate_stale.py", str(ready_file), str(go_file))
    scenario_db.wait_for("SELECT 1", lambda __: ready_file.exists(), stale)
    assert scenario_db.start("generate.py", None).wait() == expected_count(scenario_db)
    go_file.touch()
    candidates, created = stale.wait()
    assert (candidates, created) == (expected_count(scenario_db), 0)
    assert not stale.log_records("ERROR")
    assert_generated_once(scenario_db)
