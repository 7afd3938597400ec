# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Reminders sent by email and by Maileva letter at once, interrupted by a
crash, with real Odoo processes, the fake Maileva server and a real SMTP
server on 127.0.0.1: sending again never sends twice."""

import subprocess
from collections import Counter

import psycopg2
import pytest
from fake_maileva import FakeMaileva
from fake_maileva.server import PROOF_PDF

from .fake_smtp import FakeSmtp

MAIL_CRON = "mail.ir_cron_mail_scheduler_action"
MAILEVA_CRON = "dunning_levels_maileva.ir_cron_maileva_process"
LEVEL = 1
# Customers reminded: each gets one email and one letter.
CUSTOMERS = 3


@pytest.fixture
def smtp():
    server = FakeSmtp().start()
    yield server
    server.stop()


@pytest.fixture
def maileva():
    server = FakeMaileva().start()
    yield server
    server.release()
    server.stop()


@pytest.fixture
def letters_db(scenario_db, smtp, maileva, tmp_path):
    """The scenario's database with its reminders generated, its outgoing
    mail server the fake SMTP server and its Maileva account the fake one;
    with the one-page PDF its PDF engine renders."""
    assert scenario_db.start("generate.py", None).wait() > 0
    scenario_db.start("mail_server.py", smtp.port).wait()
    account = {
        "url": maileva.url,
        "username": maileva.username,
        "password": maileva.password,
        "client_id": maileva.client_id,
        "client_secret": maileva.client_secret,
    }
    scenario_db.start("maileva_account.py", account).wait()
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(PROOF_PDF)
    return scenario_db, str(pdf)


def killed_when_held(process, maileva):
    """Wait until Maileva holds an answer to ``process`` (then kill it) or
    until ``process`` ends.

    :return: whether ``process`` was killed
    """
    while process.popen.poll() is None:
        if maileva.holding.wait(0.02):
            process.kill()
            return True
    process.wait()
    return False


def customers_to_remind(database):
    """The customers the user sends to: the first ones, by name, of those
    with reminders at ``LEVEL``. :return: [(name, email)]"""
    return database.query(
        "SELECT DISTINCT p.name, p.email FROM dunning_reminder r "
        "JOIN res_partner p ON p.id = r.partner_id WHERE r.level = %s "
        "ORDER BY p.name LIMIT %s",
        [LEVEL, CUSTOMERS],
    )


def assert_one_email_and_one_letter_each(database, smtp, maileva, customers):
    """Each customer got one email and one letter, and nothing else went."""
    emails = Counter(recipient for recipient, __, __ in smtp.delivered)
    assert emails == Counter({email: 1 for __, email in customers})
    letters = Counter(
        recipient["address_line_1"]
        for sending in maileva.submitted("mail/v2")
        for recipient in sending["_recipients"].values()
    )
    assert letters == Counter({name: 1 for name, __ in customers})
    assert database.query("SELECT state, count(*) FROM maileva_sending GROUP BY 1") == [
        ("submitted", CUSTOMERS)
    ]
    assert database.query(
        "SELECT DISTINCT state FROM dunning_reminder r "
        "JOIN res_partner p ON p.id = r.partner_id "
        "WHERE r.level = %s AND p.name IN %s",
        [LEVEL, tuple(name for name, __ in customers)],
    ) == [("sent",)]


def test_letter_killed_after_first_maileva_step(letters_db, smtp, maileva):
    """Email and Maileva letter ticked together: the process talking to
    Maileva (the user's sending, or the scheduled action it hands the letters
    to) is killed once Maileva created the first letter's sending, before
    its answer is read. The user sends the same reminders again, then the
    scheduled actions run: each customer gets one email and one letter."""
    database, pdf = letters_db
    customers = customers_to_remind(database)
    assert len(customers) == CUSTOMERS
    maileva.inject("hold", path="/mail/v2/sendings", method="POST")
    killed = killed_when_held(
        database.start("send_email_and_letter.py", LEVEL, CUSTOMERS, pdf), maileva
    )
    if not killed:
        killed = killed_when_held(
            database.start("run_cron.py", MAILEVA_CRON, None), maileva
        )
    assert killed, "no process created a Maileva sending"
    maileva.release()
    assert len(maileva.sendings["mail/v2"]) == 1
    assert not maileva.submitted()

    database.start("send_email_and_letter.py", LEVEL, CUSTOMERS, pdf).wait()
    database.start("run_cron.py", MAILEVA_CRON, None).wait()
    database.start("run_cron.py", MAIL_CRON, None).wait()

    assert_one_email_and_one_letter_each(database, smtp, maileva, customers)
    # The sending created before the crash is the one submitted, not a copy.
    assert len(maileva.sendings["mail/v2"]) == CUSTOMERS


def test_letter_held_by_another_transaction_waits(letters_db, smtp, maileva):
    """The scheduled action meets a letter that another transaction holds
    (locked by the test for the whole run): it posts the other letters
    without waiting for it, and posts it at its next run."""
    database, pdf = letters_db
    customers = customers_to_remind(database)
    database.start("send_email_and_letter.py", LEVEL, CUSTOMERS, pdf).wait()
    assert not maileva.requests, "the user's sending called Maileva"
    connection = psycopg2.connect(dbname=database.name)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM maileva_sending ORDER BY id LIMIT 1 FOR UPDATE"
            )
            (held,) = cursor.fetchone()
            cron = database.start("run_cron.py", MAILEVA_CRON, None)
            try:
                cron.wait(timeout=120)
            except subprocess.TimeoutExpired:
                cron.kill()
                pytest.fail("the scheduled action waited for the letter held")
            states = dict(database.query("SELECT id, state FROM maileva_sending"))
        connection.rollback()
    finally:
        connection.close()
    assert states.pop(held) == "draft"
    assert set(states.values()) == {"submitted"}
    assert len(maileva.submitted("mail/v2")) == CUSTOMERS - 1
    database.start("run_cron.py", MAILEVA_CRON, None).wait()
    database.start("run_cron.py", MAIL_CRON, None).wait()
    assert_one_email_and_one_letter_each(database, smtp, maileva, customers)
