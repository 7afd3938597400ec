# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Mass sending interrupted, by real Odoo processes and a real SMTP server
on 127.0.0.1: what was sent is marked sent, the rest stays to send, and
sending again never sends twice."""

from collections import Counter

import pytest

from .fake_smtp import FakeSmtp
from .locks import TableLock, waiting_on_rows, waiting_on_table

MAIL_CRON = "mail.ir_cron_mail_scheduler_action"
# The first reminders: one email per customer, without the invoices' PDF.
LEVEL = 1


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


def customer_emails(database):
    return {
        email
        for (email,) in database.query(
            "SELECT DISTINCT p.email FROM dunning_reminder r "
            "JOIN res_partner p ON p.id = r.partner_id WHERE r.level = %s",
            [LEVEL],
        )
    }


def notification_states(database):
    """Email notification state of each reminder's message, counted."""
    return Counter(
        dict(
            database.query(
                "SELECT n.notification_status, count(DISTINCT r.id) "
                "FROM dunning_reminder r JOIN mail_notification n "
                "ON n.mail_message_id = r.mail_message_id "
                "AND n.notification_type = 'email' GROUP BY 1"
            )
        )
    )


def assert_each_customer_emailed_once(database, smtp):
    received = Counter(recipient for recipient, __, __ in smtp.delivered)
    assert set(received) == customer_emails(database)
    assert set(received.values()) == {1}, "an email was delivered twice"
    assert database.query(
        "SELECT level, state, count(*) FROM dunning_reminder GROUP BY 1, 2 ORDER BY 1"
    ) == [
        (level, "sent" if level == LEVEL else "draft", count)
        for level, count in database.query(
            "SELECT level, count(*) FROM dunning_reminder GROUP BY 1 ORDER BY 1"
        )
    ]


def test_sending_killed_before_commit_sends_nothing(reminders_db, smtp):
    """The wizard killed while it queues the emails: nothing of it remains
    (no email, no reminder marked sent); sent again, each goes once."""
    to_send = reminders_db.value("SELECT count(*) FROM dunning_reminder")
    mails = reminders_db.value("SELECT count(*) FROM mail_mail")
    # Message ids come from a sequence, visible outside the transaction.
    start = reminders_db.value("SELECT last_value FROM mail_message_id_seq")
    sending = reminders_db.start("send_reminders.py", LEVEL, None)
    reminders_db.wait_for(
        "SELECT last_value FROM mail_message_id_seq",
        lambda last: last > start + 10,
        sending,
    )
    sending.kill()
    assert (
        reminders_db.value(
            "SELECT count(*) FROM dunning_reminder WHERE state = 'draft'"
        )
        == to_send
    )
    assert reminders_db.value("SELECT count(*) FROM mail_mail") == mails
    assert (
        reminders_db.value("SELECT count(*) FROM mail_message WHERE id > %s", [start])
        == 0
    )
    assert (
        reminders_db.value(
            "SELECT count(*) FROM dunning_history WHERE action != 'generated'"
        )
        == 0
    )
    reminders_db.start("send_reminders.py", LEVEL, None).wait()
    reminders_db.start("run_cron.py", MAIL_CRON, None).wait()
    assert_each_customer_emailed_once(reminders_db, smtp)


def test_mail_queue_killed_mid_delivery(reminders_db, smtp):
    """The mail queue killed while the SMTP server holds a message: the
    emails delivered are marked sent, the others still to send; the next run
    delivers only those."""
    __, emails = reminders_db.start("send_reminders.py", LEVEL, None).wait()
    assert emails > 20
    smtp.accept, smtp.failure = 10, "hang"
    queue = reminders_db.start("run_cron.py", MAIL_CRON, None)
    reminders_db.wait_for("SELECT 1", lambda __: smtp.holding.is_set(), queue)
    queue.kill()
    assert len(smtp.delivered) == 10
    states = notification_states(reminders_db)
    assert states["sent"] == 10
    assert states["ready"] == emails - 10
    smtp.heal()
    reminders_db.start("run_cron.py", MAIL_CRON, None).wait()
    assert_each_customer_emailed_once(reminders_db, smtp)
    assert notification_states(reminders_db) == Counter(sent=emails)


def test_mail_server_refusing_then_retried(reminders_db, smtp):
    """The SMTP server refuses every email after the tenth: those are
    marked in error with the reason, the delivered ones stay delivered, and
    retrying the failed ones delivers each once."""
    __, emails = reminders_db.start("send_reminders.py", LEVEL, None).wait()
    smtp.accept, smtp.failure = 10, "refuse"
    reminders_db.start("run_cron.py", MAIL_CRON, None).wait()
    assert len(smtp.delivered) == 10
    assert notification_states(reminders_db) == Counter(sent=10, exception=emails - 10)
    reasons = reminders_db.query(
        "SELECT DISTINCT failure_reason FROM mail_mail WHERE state = 'exception'"
    )
    assert len(reasons) == 1 and "451" in reasons[0][0]
    smtp.heal()
    reminders_db.start("retry_failed_emails.py").wait()
    reminders_db.start("run_cron.py", MAIL_CRON, None).wait()
    assert_each_customer_emailed_once(reminders_db, smtp)
    assert notification_states(reminders_db) == Counter(sent=emails)


def test_two_users_send_at_once(reminders_db, smtp):
    """Two users send the same reminders at the same time: the second one
    comes while the first holds the reminders' locks, in the middle of its
    transaction; it waits, meets a serialization failure once the first
    commits, is retried as Odoo retries RPC requests, and finds nothing left
    to send. Each customer gets one email."""
    with TableLock(reminders_db, "mail_mail"):
        first = reminders_db.start("send_reminders.py", LEVEL, None)
        # The first sending locked the reminders and waits to queue emails.
        reminders_db.wait_for(
            waiting_on_table("mail_mail"), lambda count: count == 1, first
        )
        second = reminders_db.start("send_reminders.py", LEVEL, None)
        reminders_db.wait_for(waiting_on_rows(), lambda count: count == 1, second)
    emails = len(customer_emails(reminders_db))
    assert first.wait()[1] == emails
    assert second.wait()[1] == 0
    assert any(
        "tries left, try again" in line for line in second.log_records("INFO")
    ), "the second sending must have been retried after the lock"
    reminders_db.start("run_cron.py", MAIL_CRON, None).wait()
    assert_each_customer_emailed_once(reminders_db, smtp)
