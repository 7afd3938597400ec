# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""What the upgrade tests compare: the suite's data read with SQL, and the
logs of the Odoo processes.

A snapshot holds, for each table below, the rows kept and their columns
(all of them but ``write_date``/``write_uid``, unless the table lists the
columns to keep); a column name ending with ``%`` stands for every column
starting with it. Taken again with the columns of an earlier snapshot, it
compares with it even after an addon added columns.
"""

import re
import subprocess
import sys
from pathlib import Path

from faults.odoo_process import ODOO_BIN

ROOT = Path(__file__).resolve().parents[2]
SUITE_ADDONS = sorted(path.parent.name for path in ROOT.glob("*/__manifest__.py"))

# Written by any update of a record, even to the same value.
VOLATILE_COLUMNS = {"write_date", "write_uid"}
SUITE_XMLIDS = (
    "SELECT res_id FROM ir_model_data WHERE model = '{model}' "
    "AND module LIKE 'dunning\\_levels%%'"
)
# (table, columns kept or None for all, rows kept: SQL condition or None)
TABLES = [
    ("dunning_level", None, None),
    ("dunning_reminder", None, None),
    ("dunning_history", None, None),
    ("dunning_send_job", None, None),
    ("dunning_send_job_reminder_rel", None, None),
    ("maileva_sending", None, None),
    ("dunning_reminder_maileva_sending_rel", None, None),
    ("account_move_maileva_sending_rel", None, None),
    ("dunning_rate", None, None),
    (
        "account_move",
        ["id", "name", "state", "payment_state", "amount_residual", "dunning%"],
        None,
    ),
    ("res_partner", ["id", "dunning%"], None),
    ("res_company", ["id", "dunning%", "maileva%"], None),
    ("sale_order", ["id", "state", "dunning%"], None),
    (
        "mail_template",
        None,
        "id IN (SELECT mail_template_id FROM dunning_level) OR id IN ("
        + SUITE_XMLIDS.format(model="mail.template")
        + ")",
    ),
    ("sms_template", None, "id IN (" + SUITE_XMLIDS.format(model="sms.template") + ")"),
    ("ir_cron", None, "id IN (" + SUITE_XMLIDS.format(model="ir.cron") + ")"),
    ("ir_config_parameter", None, "key LIKE 'dunning\\_levels%%'"),
    (
        "mail_message",
        None,
        (
            "model IN ('account.move', 'dunning.reminder', 'dunning.send.job', "
            "'maileva.sending')"
        ),
    ),
    ("mail_mail", None, None),
    ("mail_notification", None, None),
    ("sms_sms", None, None),
    (
        "ir_attachment",
        None,
        "res_model IN ('account.move', 'dunning.reminder', 'maileva.sending')",
    ),
    (
        "ir_model_data",
        ["id", "module", "name", "model", "res_id", "noupdate"],
        "module = ANY(%(modules)s)",
    ),
]


def table_columns(database, table):
    """Return the columns of ``table`` in order (empty if it does not exist)."""
    return [
        name
        for (name,) in database.query(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = %s "
            "ORDER BY ordinal_position",
            [table],
        )
    ]


def _select_columns(existing, wanted):
    if wanted is None:
        return [name for name in existing if name not in VOLATILE_COLUMNS]
    selected = []
    for pattern in wanted:
        if pattern.endswith("%"):
            selected += [name for name in existing if name.startswith(pattern[:-1])]
        elif pattern in existing:
            selected.append(pattern)
    return selected


def _value(value):
    return bytes(value) if isinstance(value, memoryview) else value


def take_snapshot(database, modules, like=None):
    """Read the suite's data of ``database``.

    :param list modules: the suite's addons whose XML ids are kept
    :param dict like: an earlier snapshot whose tables and columns are read
        (tables or columns gone are reported as such by :func:`compare`)
    :return: ``{table: (columns, rows)}``, rows sorted
    """
    snapshot = {}
    for table, wanted, condition in TABLES:
        existing = table_columns(database, table)
        if like is None:
            if not existing:
                continue
            columns = _select_columns(existing, wanted)
        elif table not in like:
            continue
        else:
            columns = like[table][0]
            if set(columns) - set(existing):
                # Reported by compare(): the rows of the missing columns
                # cannot be read.
                snapshot[table] = ([name for name in columns if name in existing], None)
                continue
        # Rows keyed by id are sorted by id, the others (relation tables) by
        # all their columns.
        order = (
            "1"
            if columns[0] == "id"
            else ", ".join(str(position + 1) for position in range(len(columns)))
        )
        query = "SELECT {} FROM {}{} ORDER BY {}".format(
            ", ".join(f'"{name}"' for name in columns),
            table,
            f" WHERE {condition}" if condition else "",
            order,
        )
        rows = database.query(query, {"modules": list(modules)})
        snapshot[table] = (
            columns,
            [tuple(_value(value) for value in row) for row in rows],
        )
    return snapshot


def _short(value, limit=120):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


def compare(before, after, limit=10):
    """Return the differences between two snapshots, as sentences (empty
    when ``after`` holds exactly the data of ``before``)."""
    problems = []
    for table, (columns, rows) in before.items():
        after_columns, after_rows = after.get(table, ([], None))
        if after_rows is None:
            gone = sorted(set(columns) - set(after_columns))
            problems.append(f"{table}: columns gone: {', '.join(gone)}")
            continue
        keyed = columns[0] == "id"

        def index(table_rows, keyed=keyed):
            return {row[0] if keyed else row: row for row in table_rows}

        old, new = index(rows), index(after_rows)
        lost = sorted(set(old) - set(new), key=repr)
        added = sorted(set(new) - set(old), key=repr)
        if lost:
            problems.append(f"{table}: {len(lost)} row(s) lost: {_short(lost)}")
        if added:
            problems.append(f"{table}: {len(added)} row(s) added: {_short(added)}")
        changed = [key for key in old if key in new and old[key] != new[key]]
        for key in changed[:limit]:
            for name, was, now in zip(columns, old[key], new[key], strict=True):
                if was != now:
                    problems.append(
                        f"{table} id {key}: {name} was {_short(was)}, "
                        f"is now {_short(now)}"
                    )
        if len(changed) > limit:
            problems.append(f"{table}: {len(changed) - limit} more row(s) changed")
    return problems


# Patterns of the log records that the upgrade tests accept (none so far:
# the processes they run log no warning).
HARMLESS_LOG_RECORDS = []
LOG_RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (WARNING|ERROR|CRITICAL) "
)


def log_problems(log):
    """Return the WARNING, ERROR and CRITICAL records of an Odoo log, but
    the known harmless ones."""
    return [
        line
        for line in Path(log).read_text().splitlines()
        if LOG_RECORD.match(line)
        and not any(pattern.search(line) for pattern in HARMLESS_LOG_RECORDS)
    ]


def run_odoo(database, log, *args, timeout=900):
    """Run ``odoo-bin`` on ``database`` with ``args`` until it stops
    (``--stop-after-init``), in a process of its own.

    :raise AssertionError: when it fails
    """
    process = subprocess.run(
        [
            sys.executable,
            str(ODOO_BIN),
            "-c",
            database.config,
            "-d",
            database.name,
            *args,
            "--stop-after-init",
            "--no-http",
            "--log-level=info",
            f"--logfile={log}",
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if process.returncode:
        tail = Path(log).read_text()[-4000:] if Path(log).exists() else ""
        raise AssertionError(
            f"odoo-bin {' '.join(args)} failed ({process.returncode}):\n"
            f"{process.stdout}{process.stderr}\n{tail}"
        )
