# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Databases and real Odoo processes for the fault tests.

A script of ``scripts/`` runs in ``odoo-bin shell`` (``env`` is the
superuser's environment, ``ARGS`` the arguments given here); what it prints on
a line starting with ``RESULT `` (JSON) is returned.
"""

import configparser
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

SCRIPTS = Path(__file__).resolve().parent / "scripts"
ODOO_BIN = Path(os.environ.get("ODOO_SRC", "/opt/odoo/18.0")) / "odoo-bin"


class OdooProcess:
    """An ``odoo-bin shell`` running a script, in a session of its own."""

    def __init__(self, database, script, log, args):
        self.log = Path(log)
        source = (SCRIPTS / script).read_text()
        self.popen = subprocess.Popen(
            [
                sys.executable,
                str(ODOO_BIN),
                "shell",
                "-c",
                database.config,
                "-d",
                database.name,
                "--no-http",
                "--log-level=info",
                f"--logfile={self.log}",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.popen.stdin.write(f"ARGS = {json.dumps(list(args))!r}\n")
        self.popen.stdin.write("import json as _json\nARGS = _json.loads(ARGS)\n")
        self.popen.stdin.write(source)
        self.popen.stdin.close()
        self.popen.stdin = None

    @property
    def pid(self):
        return self.popen.pid

    def kill(self):
        """SIGKILL: no cleanup, no rollback, as when the machine dies."""
        os.kill(self.popen.pid, signal.SIGKILL)
        self.popen.wait()

    def wait(self, timeout=600):
        """Wait for the script's end and return its ``RESULT`` (or None).

        :raise AssertionError: when the process failed
        """
        output, __ = self.popen.communicate(timeout=timeout)
        if self.popen.returncode != 0:
            tail = self.log.read_text()[-4000:] if self.log.exists() else ""
            raise AssertionError(
                f"Odoo process failed ({self.popen.returncode}):\n{output}\n{tail}"
            )
        for line in output.splitlines():
            if line.startswith("RESULT "):
                return json.loads(line[len("RESULT ") :])
        return None

    def log_records(self, level):
        """Return the lines of the process's log at ``level`` (e.g. ERROR)."""
        if not self.log.exists():
            return []
        return [
            line for line in self.log.read_text().splitlines() if f" {level} " in line
        ]


class OdooDatabase:
    """A PostgreSQL database of the suite, with its filestore."""

    def __init__(self, name, config):
        self.name = name
        self.config = config
        parser = configparser.ConfigParser()
        parser.read(config)
        self.data_dir = Path(parser["options"]["data_dir"])
        self.log_dir = None
        self._logs = 0

    def copy(self, name):
        """Copy this database (and filestore) to ``name``; return the copy."""
        name = "".join(c if c.isalnum() else "_" for c in name.lower())
        target = OdooDatabase(name, self.config)
        target.drop()
        subprocess.run(
            ["createdb", "--strategy=file_copy", "-T", self.name, name], check=True
        )
        filestore = self.data_dir / "filestore" / self.name
        if filestore.is_dir():
            shutil.copytree(filestore, target.data_dir / "filestore" / name)
        return target

    def drop(self):
        subprocess.run(
            ["dropdb", "--if-exists", self.name],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(self.data_dir / "filestore" / self.name, ignore_errors=True)

    def start(self, script, *args, log=None):
        """Start ``script`` in a new Odoo process; return the process."""
        if log is None:
            self._logs += 1
            log = self.log_dir / f"{self._logs:02d}-{Path(script).stem}.log"
        return OdooProcess(self, script, log, args)

    def run_script(self, script, log=None, *args):
        """Run ``script`` to its end; return its ``RESULT``."""
        return self.start(script, *args, log=log).wait()

    def query(self, sql, params=None):
        """Run ``sql`` on a connection of its own (autocommit); return rows."""
        connection = psycopg2.connect(dbname=self.name)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()

    def value(self, sql, params=None):
        """Return the single value of ``sql``."""
        return self.query(sql, params)[0][0]

    def wait_for(self, sql, condition, process=None, timeout=300, poll=0.02):
        """Poll ``sql`` (single value) from another connection until
        ``condition(value)``; return the value.

        Not a timed assertion: the timeout only keeps a hung run from hanging
        the suite.

        :raise AssertionError: when ``process`` ends first or on timeout
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.value(sql)
            if condition(value):
                return value
            if process is not None and process.popen.poll() is not None:
                raise AssertionError(
                    f"the Odoo process ended first ({sql!r} = {value!r})"
                )
            time.sleep(poll)
        raise AssertionError(f"{sql!r} never met the condition")
