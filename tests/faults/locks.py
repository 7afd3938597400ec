# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Locks the fault tests hold themselves, to make two Odoo processes
overlap for sure, and what PostgreSQL says about who waits for what.

A concurrency test that merely starts two processes at once may see them run
one after the other and pass without the lock or retry paths ever running.
Holding a table lock that the first process needs in the middle of its
transaction stops it there, with its own locks held, while the second one
runs into them.
"""

import psycopg2

# Backends of the database waiting for a lock they do not have, by kind.
WAITING = (
    "SELECT count(DISTINCT l.pid) FROM pg_locks l"
    " JOIN pg_stat_activity a ON a.pid = l.pid"
    " WHERE NOT l.granted AND a.datname = current_database()"
)


def waiting_on_table(table):
    """SQL counting the backends waiting for a lock on ``table``."""
    return f"{WAITING} AND l.relation = '{table}'::regclass"


def waiting_on_rows():
    """SQL counting the backends waiting for a row another transaction
    locked (PostgreSQL waits on that transaction's id)."""
    return f"{WAITING} AND l.locktype IN ('transactionid', 'tuple')"


def holding_advisory(key):
    """SQL counting the advisory locks held whose first key is ``key``."""
    return (
        "SELECT count(*) FROM pg_locks"
        f" WHERE locktype = 'advisory' AND granted AND classid = {int(key)}"
    )


class TableLock:
    """``LOCK TABLE <table> IN EXCLUSIVE MODE`` on a connection of the test,
    held until the ``with`` block ends: others may still read the table, not
    write into it."""

    def __init__(self, database, table):
        self.database = database
        self.table = table
        self.connection = None

    def __enter__(self):
        self.connection = psycopg2.connect(dbname=self.database.name)
        with self.connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {self.table} IN EXCLUSIVE MODE")
        return self

    def release(self):
        if self.connection is not None:
            self.connection.rollback()
            self.connection.close()
            self.connection = None

    def __exit__(self, *exc_info):
        self.release()
