# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""A real Odoo server for the fault tests of the job queue: several worker
processes and queue_job's runner, on one database, on 127.0.0.1."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from .odoo_process import ODOO_BIN


class OdooServer:
    """``odoo-bin`` in prefork mode with ``queue_job`` loaded server-wide:
    ``workers`` HTTP workers run the jobs that the runner hands them.

    :param database: an :class:`~.odoo_process.OdooDatabase`
    :param int port: HTTP port (the gevent port is the next one)
    :param str channels: the runner's channels and their capacities
    """

    def __init__(self, database, port, log, workers=2, channels="root:2"):
        self.database = database
        self.log = Path(log)
        environ = dict(os.environ, ODOO_QUEUE_JOB_CHANNELS=channels)
        self.popen = subprocess.Popen(
            [
                sys.executable,
                str(ODOO_BIN),
                "-c",
                database.config,
                "-d",
                database.name,
                f"--db-filter=^{database.name}$",
                f"--workers={workers}",
                "--max-cron-threads=0",
                "--load=base,web,queue_job",
                "--http-interface=127.0.0.1",
                f"--http-port={port}",
                f"--gevent-port={port + 1}",
                "--log-level=info",
                f"--logfile={self.log}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            env=environ,
            start_new_session=True,
        )

    def stop(self):
        """Stop the server and its workers, as an administrator would."""
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()

    def log_records(self, level):
        """Return the lines of the server's log at ``level`` (e.g. ERROR)."""
        if not self.log.exists():
            return []
        return [
            line for line in self.log.read_text().splitlines() if f" {level} " in line
        ]
