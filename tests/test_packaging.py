# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
"""The suite's packaging: each addon builds into an ``odoo-addon-*`` wheel
with whool, the metapackage requires every addon, and the generated README
files match their fragments."""

import ast
import email.parser
import pathlib
import subprocess
import sys
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = sorted(path.parent.name for path in ROOT.glob("*/__manifest__.py"))


def build_wheel(source, target):
    """Build ``source`` into a wheel in ``target``.

    :return: the wheel's file names and its parsed METADATA
    """
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(target),
            str(source),
        ],
        check=True,
        cwd=ROOT,
    )
    (wheel,) = target.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = email.parser.Parser().parsestr(archive.read(metadata_name).decode())
    return names, metadata


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_builds_odoo_addon_wheel(addon, tmp_path):
    """``pip wheel ./<addon>`` builds ``odoo-addon-<addon>`` for Odoo 18.0."""
    manifest = ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())
    names, metadata = build_wheel(ROOT / addon, tmp_path)
    assert metadata["Name"] == f"odoo-addon-{addon}"
    assert metadata["Version"].startswith(manifest["version"])
    assert manifest["version"].startswith("18.0.")
    assert manifest["license"] == "LGPL-3"
    assert "odoo==18.0.*" in metadata.get_all("Requires-Dist")
    assert f"odoo/addons/{addon}/__manifest__.py" in names
    assert f"odoo/addons/{addon}/i18n/fr.po" in names


def test_metapackage_requires_every_addon(tmp_path):
    """The suite's metapackage installs every addon of the repository."""
    __, metadata = build_wheel(ROOT / "setup/_metapackage", tmp_path)
    assert metadata["Name"] == "odoo-addons-dunning-levels"
    requires = set(metadata.get_all("Requires-Dist"))
    assert requires == {f"odoo-addon-{addon}==18.0.*" for addon in ADDONS}


def test_addon_readmes_are_generated_from_fragments():
    """Each README.rst and index.html is up to date with its readme/ fragments."""
    for addon in ADDONS:
        for fragment in ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md"):
            assert (ROOT / addon / "readme" / fragment).is_file(), (addon, fragment)
    result = subprocess.run(
        [sys.executable, "setup/gen_addon_readme.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_root_readme_is_valid_restructuredtext():
    """The root README.rst renders without a docutils warning."""
    from docutils.core import publish_string

    publish_string(
        (ROOT / "README.rst").read_text(),
        writer_name="html4css1",
        settings_overrides={"halt_level": 2, "report_level": 2},
    )
