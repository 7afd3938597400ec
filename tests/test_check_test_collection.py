# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""``setup/check_test_collection.py`` (run by ``make test`` before the
install) fails when Odoo's runner and pytest would not run the same tests.

Each test writes a small fake addon tree, runs the check on it in a process of
its own (as ``make test`` does) and reads its exit code and messages.
"""

import pathlib
import shutil
import subprocess
import sys
import textwrap

ROOT = pathlib.Path(__file__).resolve().parent.parent
CHECK = ROOT / "setup" / "check_test_collection.py"
HEADER = (
    "# Copyright 2026 The dunning_levels Authors\n"
    "# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)\n"
)


def write_addon(root, name, tests, imported):
    """Write the addon ``name`` in ``root``, with the test modules ``tests``
    (``{module name: source}``) of which ``imported`` are imported in its
    ``tests/__init__.py``; the repository's ``pytest.ini`` goes along."""
    addon = root / name
    (addon / "tests").mkdir(parents=True)
    (addon / "__manifest__.py").write_text(
        HEADER + "{'name': 'Fake', 'version': '18.0.1.0.0', 'depends': ['base']}\n"
    )
    (addon / "__init__.py").write_text(HEADER)
    (addon / "tests" / "__init__.py").write_text(
        HEADER + "".join(f"from . import {module}\n" for module in imported)
    )
    for module, source in tests.items():
        (addon / "tests" / f"{module}.py").write_text(HEADER + textwrap.dedent(source))
    shutil.copy(ROOT / "pytest.ini", root / "pytest.ini")


def run_check(root, *addons):
    return subprocess.run(
        [sys.executable, str(CHECK), "--root", str(root), *addons],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


PLAIN_TEST = """
from odoo.tests import BaseCase, tagged


@tagged("post_install", "-at_install")
class {name}(BaseCase):
    def test_one(self):
        pass
"""


def write_addons(root):
    """Write three fake addons: ``fake_complete``, whose tests both runners
    run; ``fake_forgotten``, with a test module missing from its
    ``tests/__init__.py``; ``fake_divergent``, with tests Odoo's loader
    leaves out of imported modules (an inherited method, a class imported
    from another module, tags outside the standard run)."""
    write_addon(
        root,
        "fake_complete",
        {
            "test_first": PLAIN_TEST.format(name="TestFirst"),
            "test_second": PLAIN_TEST.format(name="TestSecond"),
        },
        imported=["test_first", "test_second"],
    )
    write_addon(
        root,
        "fake_forgotten",
        {
            "test_first": PLAIN_TEST.format(name="TestFirst"),
            "test_forgotten": PLAIN_TEST.format(name="TestForgotten"),
        },
        imported=["test_first"],
    )
    divergent = PLAIN_TEST.format(name="TestFirst") + textwrap.dedent(
        """

        class TestChild(TestFirst):
            def test_two(self):
                pass


        @tagged("-standard", "slow")
        class TestSlow(BaseCase):
            def test_slow(self):
                pass
        """
    )
    write_addon(
        root,
        "fake_divergent",
        {
            "test_first": divergent,
            "test_second": "from .test_first import TestFirst  # noqa: F401\n",
        },
        imported=["test_first", "test_second"],
    )


def test_same_tests_pass(tmp_path):
    """Every test module imported, every test run by both: the check passes
    and counts the tests."""
    write_addons(tmp_path)
    result = run_check(tmp_path, "fake_complete")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 tests in 2 modules of 1 addons" in result.stdout


def test_tests_missing_from_odoo_runner_fail(tmp_path):
    """A test module pytest collects but ``tests/__init__.py`` does not
    import fails the check, which names the module and the line to add; so
    do the tests Odoo's loader leaves out of an imported module, each with
    its reason."""
    write_addons(tmp_path)
    result = run_check(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    for line in (
        (
            "fake_forgotten/tests/test_forgotten.py: 1 test(s) collected by "
            "pytest, none run by Odoo's runner: the module is not imported in "
            "fake_forgotten/tests/__init__.py; add 'from . import test_forgotten' "
            "there."
        ),
        (
            "fake_divergent/tests/test_first.py::TestChild::test_one: collected "
            "by pytest, not run by Odoo's runner (an inherited test method"
        ),
        (
            "fake_divergent/tests/test_first.py::TestSlow::test_slow: collected "
            "by pytest, not run by Odoo's runner (tagged"
        ),
        (
            "fake_divergent/tests/test_second.py::TestFirst::test_one: collected "
            "by pytest, not run by Odoo's runner (its class comes from "
            "odoo.addons.fake_divergent.tests.test_first"
        ),
    ):
        assert line in result.stderr
    assert "fake_complete" not in result.stderr
    assert "fake_forgotten/tests/test_first" not in result.stderr
    assert "TestChild::test_two" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 5, result.stderr
