# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""Check that Odoo's test runner and pytest collect the same tests.

``make test`` runs the addons' tests with pytest, which collects every
``test_*.py`` file of an addon's ``tests/`` folder and, in it, every test case
class with its inherited test methods. Odoo's own runner (``odoo-bin
--test-enable --test-tags /<addon>``, as OCA's CI and runboat use it) loads
only the ``test_*`` modules that ``tests/__init__.py`` imports and, in them,
the test methods each class defines itself, tagged ``standard`` and
``at_install`` or ``post_install`` (``odoo.tests.loader``). A module missing
from ``tests/__init__.py`` is thus tested by ``make test`` and silently
skipped by Odoo's runner.

This script asks both: ``odoo.tests.loader.make_suite`` for each addon at
both positions, then pytest's collection (``pytest --collect-only``, with the
repository's ``pytest.ini``), and compares the tests, one per module, class
and method. Nothing connects to a database.

Usage: python setup/check_test_collection.py [--root DIR] [ADDON ...]

Exit code: 0 when both runners have the same tests, 1 when they differ (one
line per difference, naming the module and what to do), 2 when pytest cannot
collect a test module (Odoo's loader failing to import one stops the script
with its traceback).
"""

import argparse
import os
import pathlib
import sys

import pytest

import odoo

ROOT = pathlib.Path(__file__).resolve().parent.parent
POSITIONS = ("at_install", "post_install")
# Odoo and pytest-odoo need a database name; collecting never connects to it.
DATABASE = "dunning_test_collection"


def find_addons(root, names=None):
    """Return the addons of ``root`` (folders holding a manifest) that have a
    ``tests`` folder, restricted to ``names`` when given."""
    addons = sorted(
        manifest.parent.name
        for manifest in root.glob("*/__manifest__.py")
        if (manifest.parent / "tests").is_dir()
    )
    if names:
        unknown = sorted(set(names) - set(addons))
        if unknown:
            raise SystemExit(f"no addon with tests in {root}: {', '.join(unknown)}")
        addons = [addon for addon in addons if addon in names]
    return addons


def odoo_arguments(root, odoo_src):
    """Return the Odoo options both collections use: the addons path only."""
    addons_path = ",".join(
        [str(odoo_src / "addons"), str(odoo_src / "odoo" / "addons"), str(root)]
    )
    return [f"--addons-path={addons_path}", f"--database={DATABASE}"]


def collect_odoo(addons):
    """Return what Odoo's runner loads for ``addons``.

    Each addon is selected as ``--test-tags /<addon>`` selects it, at install
    and after install, through Odoo's own loader.

    :return: ``(modules, tests)``: the names of the test modules Odoo imports,
        and the set of ``(module name, class name, method name)`` it runs
    """
    # Imported once test mode is on: odoo.tests logs an error otherwise.
    from odoo.tests import loader
    from odoo.tools import config

    modules, tests = set(), set()
    for addon in addons:
        modules.update(module.__name__ for module in loader.get_test_modules(addon))
        config["test_tags"] = f"/{addon}"
        for position in POSITIONS:
            for test in loader.make_suite([addon], position):
                tests.add(
                    (type(test).__module__, type(test).__name__, test._testMethodName)
                )
    config["test_tags"] = None
    return modules, tests


class PytestCollector:
    """pytest plugin keeping the collected items and the collection errors."""

    def __init__(self):
        self.items = []
        self.errors = []

    def pytest_collectreport(self, report):
        if report.failed:
            self.errors.append(f"{report.nodeid}\n{report.longreprtext}")

    def pytest_collection_finish(self, session):
        self.items = list(session.items)


def collect_pytest(root, addons, odoo_src):
    """Return what pytest collects in the ``tests`` folders of ``addons``.

    :return: ``(tests, errors)``: a dict ``{(module name, class name, method
        name): item}`` (class name ``None`` for a test function), and the
        collection errors
    """
    collector = PytestCollector()
    arguments = ["--collect-only", "-p", "no:terminal", f"--rootdir={root}"]
    if (root / "pytest.ini").is_file():
        arguments.append(f"--config-file={root / 'pytest.ini'}")
    arguments += [
        f"--odoo-{argument[2:]}" for argument in odoo_arguments(root, odoo_src)
    ]
    arguments.append("--odoo-extra=test-enable")
    arguments += [str(root / addon / "tests") for addon in addons]
    pytest.main(arguments, plugins=[collector])
    tests = {}
    for item in collector.items:
        cls = getattr(item, "cls", None)
        key = (item.module.__name__, cls.__name__ if cls else None, item.name)
        tests[key] = item
    return tests, collector.errors


def why_pytest_only(item):
    """Explain why Odoo's runner does not run a test that pytest collected."""
    cls = getattr(item, "cls", None)
    if cls is None:
        return "a test function: Odoo's runner runs test case classes only"
    if cls.__module__ != item.module.__name__:
        return (
            f"its class comes from {cls.__module__}: Odoo's runner runs a class "
            "in the module that defines it only"
        )
    if item.name not in vars(cls) and not getattr(
        cls, "allow_inherited_tests_method", False
    ):
        return (
            "an inherited test method: Odoo's runner runs the test methods a "
            "class defines only"
        )
    tags = getattr(cls, "test_tags", None)
    if tags is None:
        return "not an Odoo test case (odoo.tests.BaseCase): Odoo's runner skips it"
    return (
        f"tagged {', '.join(sorted(tags))}: neither a standard at_install nor a "
        "standard post_install test"
    )


def module_path(root, name):
    """Return the path of the module ``name`` relative to ``root``."""
    module = sys.modules.get(name)
    path = getattr(module, "__file__", None)
    if not path:
        return name
    path = pathlib.Path(path)
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def compare(root, odoo_modules, odoo_tests, pytest_tests):
    """Return one message per difference between the two collections."""
    problems = []
    pytest_only = {}
    for key in sorted(set(pytest_tests) - odoo_tests, key=str):
        pytest_only.setdefault(key[0], []).append(key)
    for module, keys in pytest_only.items():
        path = module_path(root, module)
        if module not in odoo_modules:
            package = module.rsplit(".", 1)[0]
            init = module_path(root, package)
            problems.append(
                f"{path}: {len(keys)} test(s) collected by pytest, none run by "
                f"Odoo's runner: the module is not imported in {init}; add "
                f"'from . import {module.rsplit('.', 1)[1]}' there."
            )
            continue
        for key in keys:
            item = pytest_tests[key]
            problems.append(
                f"{item.nodeid}: collected by pytest, not run by Odoo's runner "
                f"({why_pytest_only(item)})."
            )
    for module, cls, method in sorted(odoo_tests - set(pytest_tests)):
        problems.append(
            f"{module_path(root, module)}::{cls}::{method}: run by Odoo's runner, "
            "not collected by pytest (its file name or folder is not one pytest "
            "collects)."
        )
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--root", type=pathlib.Path, default=ROOT, help="folder of the addons"
    )
    parser.add_argument(
        "--odoo-src",
        type=pathlib.Path,
        default=pathlib.Path(os.environ.get("ODOO_SRC", "/opt/odoo/18.0")),
        help="Odoo's source tree (default: $ODOO_SRC or /opt/odoo/18.0)",
    )
    parser.add_argument("addons", nargs="*", help="addons to check (default: all)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    addons = find_addons(root, args.addons)
    if not addons:
        print(f"check_test_collection: no addon with tests in {root}")
        return 1

    odoo.tools.config.parse_config(
        [*odoo_arguments(root, args.odoo_src), "--test-enable", "--log-level=warn"],
        setup_logging=True,
    )
    # Odoo's side first: once pytest has imported every test_*.py file, each
    # is an attribute of its package, and Odoo's loader would find them all.
    odoo_modules, odoo_tests = collect_odoo(addons)
    pytest_tests, errors = collect_pytest(root, addons, args.odoo_src)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print(
            "check_test_collection: pytest could not collect (above).", file=sys.stderr
        )
        return 2
    problems = compare(root, odoo_modules, odoo_tests, pytest_tests)
    if problems:
        print(
            "check_test_collection: Odoo's runner and pytest do not collect the "
            "same tests:",
            file=sys.stderr,
        )
        for problem in problems:
            print(f"- {problem}", file=sys.stderr)
        return 1
    print(
        f"check_test_collection: {len(odoo_tests)} tests in "
        f"{len(odoo_modules)} modules of {len(addons)} addons, the same for "
        "Odoo's runner and pytest"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
