# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Fixtures of the upgrade tests: databases free for real Odoo processes.

``setup/test.sh`` exports two databases that the pytest process does not
hold: ``DUNNING_FAULTS_DB``, with the whole suite installed, and
``DUNNING_TEMPLATE_DB``, the template with only the suite's dependencies
(Odoo's accounting, sales, SMS...). Each test works on a copy of one.
"""

import os

import pytest
from fake_maileva import FakeMaileva
from fake_maileva.server import PROOF_PDF
from faults.odoo_process import OdooDatabase


def _database(variable, request):
    name = os.environ.get(variable)
    config = os.environ.get("DUNNING_FAULTS_CONFIG")
    if not (name and config):
        if os.environ.get("DUNNING_FAULTS_REQUIRED"):
            pytest.fail(f"{variable} is missing: the upgrade tests cannot run")
        pytest.skip(f"run through 'make test', which prepares {variable}")
    source = OdooDatabase(name, config)
    prefix = os.environ.get("DUNNING_FAULTS_DB") or name
    database = source.copy(f"{prefix}_{request.node.name.removeprefix('test_')[:40]}")
    yield database
    database.drop()


@pytest.fixture
def suite_db(request):
    """A copy of the database with the whole suite installed."""
    yield from _database("DUNNING_FAULTS_DB", request)


@pytest.fixture
def dependencies_db(request):
    """A copy of the template database: the suite's dependencies, no suite."""
    yield from _database("DUNNING_TEMPLATE_DB", request)


@pytest.fixture
def fake_maileva():
    """The fake Maileva server, its sendings moving on at each status read."""
    server = FakeMaileva(auto_advance=True).start()
    yield server
    server.stop()


@pytest.fixture
def pdf_file(tmp_path):
    """A one-page PDF, which the PDF engine returns in the filled databases."""
    path = tmp_path / "letter.pdf"
    path.write_bytes(PROOF_PDF)
    return path
