# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Background sendings on the job queue (``dunning_levels_queue_job``), with
real processes: an Odoo server with two workers and queue_job's runner, the
fake SMTP server on 127.0.0.1.

A worker killed in the middle of a batch loses nothing and sends nothing
twice: its transaction dies with it, the runner finds the job dead and runs
it again. Uninstalling the bridge with jobs still queued gives the sending
back to the scheduled action, which sends the rest.
"""

import os
import signal
from collections import Counter

import pytest

from .fake_smtp import FakeSmtp
from .locks import TableLock, waiting_on_table
from .odoo_server import OdooServer
from .test_sending_faults import LEVEL, MAIL_CRON, customer_emails

# The server's HTTP port (the gevent port is the next one).
PORT = 8480
BRIDGE = "dunning_levels_queue_job"
SEND_JOB_CRON = "dunning_levels.ir_cron_dunning_send_job"


@pytest.fixture
def smtp():
    server = FakeSmtp().start()
    yield server
    server.stop()


@pytest.fixture
def reminders_db(scenario_db, smtp):
    """The scenario's database with its reminders generated, its outgoing
    mail server the fake one."""
    assert scenario_db.start("generate.py", None).wait() > 0
    scenario_db.start("mail_server.py", smtp.port).wait()
    return scenario_db


def sending(database, job_id):
    """State and counters of the background sending ``job_id``."""
    (row,) = database.query(
        "SELECT state, COALESCE(done_count, 0), COALESCE(sent_count, 0), "
        "COALESCE(failed_count, 0), COALESCE(skipped_count, 0) "
        "FROM dunning_send_job WHERE id = %s",
        [job_id],
    )
    return row


def assert_each_customer_emailed_once(database, smtp):
    """Each customer got one email; the requester gets the sending's
    summary, not counted."""
    requester = database.value(
        "SELECT p.email FROM res_users u JOIN res_partner p ON p.id = u.partner_id "
        "WHERE u.login = 'admin'"
    )
    received = Counter(
        recipient for recipient, __, __ in smtp.delivered if recipient != requester
    )
    assert set(received) == customer_emails(database)
    assert set(received.values()) == {1}, "an email was delivered twice"


def assert_each_reminder_sent_once(database, count):
    """Every reminder of the level is sent, with one ``sent`` history line."""
    lines = Counter(
        dict(
            database.query(
                "SELECT r.id, count(h.id) FROM dunning_reminder r "
                "LEFT JOIN dunning_history h ON h.reminder_id = r.id "
                "AND h.action = 'sent' WHERE r.level = %s GROUP BY r.id",
                [LEVEL],
            )
        )
    )
    assert len(lines) == count
    assert set(lines.values()) == {1}, "a reminder was sent twice, or not at all"
    assert database.query(
        "SELECT DISTINCT state FROM dunning_reminder WHERE level = %s", [LEVEL]
    ) == [("sent",)]


def test_worker_killed_mid_batch(reminders_db, smtp, tmp_path):
    """A worker killed (SIGKILL) in the middle of a batch: the runner
    requeues its job, another worker sends the batch, every reminder is
    sent once and each customer gets one email."""
    job_id, count, batches = reminders_db.start("queue_send.py", LEVEL, 10).wait()
    assert batches >= 3
    assert sending(reminders_db, job_id)[:2] == ("pending", 0)
    # While the test holds the table of messages, a batch stops at its first
    # email: its reminders locked, its transaction open.
    with TableLock(reminders_db, "mail_message") as lock:
        server = OdooServer(reminders_db, PORT, tmp_path / "server.log")
        try:
            reminders_db.wait_for(
                waiting_on_table("mail_message"), lambda waiting: waiting >= 1
            )
            pid = reminders_db.wait_for(
                "SELECT max(worker_pid) FROM queue_job WHERE state = 'started' "
                "AND model_name = 'dunning.send.job.batch'",
                bool,
            )
            os.kill(pid, signal.SIGKILL)
            lock.release()
            reminders_db.wait_for(
                f"SELECT state FROM dunning_send_job WHERE id = {int(job_id)}",
                lambda state: state in ("done", "failed"),
                timeout=400,
                poll=0.5,
            )
        finally:
            server.stop()
    assert any(
        "Re-queued dead job" in line for line in server.log_records("WARNING")
    ), "the killed worker's job must have been found dead and run again"
    assert sending(reminders_db, job_id) == ("done", count, count, 0, 0)
    assert_each_reminder_sent_once(reminders_db, count)
    reminders_db.start("run_cron.py", MAIL_CRON, None).wait()
    assert_each_customer_emailed_once(reminders_db, smtp)


def test_uninstall_bridge_with_jobs_queued(reminders_db, smtp):
    """The bridge uninstalled after one batch of a sending: the jobs still
    queued are cancelled, the batch sent counts on the sending, and the
    scheduled action sends the rest, each reminder once."""
    job_id, count, batches = reminders_db.start("queue_send.py", LEVEL, 10).wait()
    assert batches >= 3
    first = reminders_db.start("queue_perform_first.py").wait()
    assert first

    reminders_db.start("uninstall_channel.py", BRIDGE).wait()

    assert (
        reminders_db.value(
            "SELECT state FROM ir_module_module WHERE name = %s", [BRIDGE]
        )
        == "uninstalled"
    )
    assert (
        reminders_db.value(
            "SELECT count(*) FROM queue_job WHERE model_name IN "
            "('dunning.send.job', 'dunning.send.job.batch') "
            "AND state NOT IN ('done', 'cancelled')"
        )
        == 0
    ), "no job is left to run methods that are gone"
    assert sending(reminders_db, job_id)[:3] == ("running", len(first), len(first))

    reminders_db.start("run_cron.py", SEND_JOB_CRON, None).wait()

    assert sending(reminders_db, job_id) == ("done", count, count, 0, 0)
    assert_each_reminder_sent_once(reminders_db, count)
    reminders_db.start("run_cron.py", MAIL_CRON, None).wait()
    assert_each_customer_emailed_once(reminders_db, smtp)
