# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Fixtures of the fault tests: real Odoo processes on databases of their own.

``setup/test.sh`` installs the suite, then copies the database for these
tests (``DUNNING_FAULTS_DB``) before pytest opens the original. A session
fixture fills a copy of it with customers and overdue invoices once; each
scenario works on a fresh copy of that one, started with ``odoo-bin shell``
processes that the test may kill.

Run by hand without that database, they are skipped; ``make test`` sets
``DUNNING_FAULTS_REQUIRED``, so that a run meant to include them fails
instead of passing without them.

``DUNNING_FAULTS_INVOICES`` sets the number of invoices (default 200; the
benchmarks run the same scenarios with thousands).
"""

import os

import pytest

from .odoo_process import OdooDatabase

INVOICES = int(os.environ.get("DUNNING_FAULTS_INVOICES", "200"))


@pytest.fixture(scope="session")
def faults_db():
    """The database with the suite installed, free for separate processes."""
    name = os.environ.get("DUNNING_FAULTS_DB")
    config = os.environ.get("DUNNING_FAULTS_CONFIG")
    if not (name and config):
        if os.environ.get("DUNNING_FAULTS_REQUIRED"):
            pytest.fail("DUNNING_FAULTS_DB is missing: the fault tests cannot run")
        pytest.skip("run through 'make test', which prepares DUNNING_FAULTS_DB")
    return OdooDatabase(name, config)


@pytest.fixture(scope="session")
def populated_db(faults_db, tmp_path_factory):
    """A copy of the suite's database with overdue invoices, filled once."""
    database = faults_db.copy(f"{faults_db.name}_data")
    log = tmp_path_factory.mktemp("populate") / "odoo.log"
    database.run_script("populate.py", log, INVOICES)
    yield database
    database.drop()


@pytest.fixture
def scenario_db(populated_db, request, tmp_path):
    """A fresh copy of the populated database for one test."""
    database = populated_db.copy(f"{populated_db.name}_{request.node.name[-20:]}")
    database.log_dir = tmp_path
    yield database
    database.drop()
