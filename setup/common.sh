# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
#
# Shared by the setup scripts (sourced, not run): paths, the list of the
# suite's addons, the Odoo configuration file and the cached template database.

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ODOO_SRC=${ODOO_SRC:-/opt/odoo/18.0}
VENV=${VENV:-$here/.venv}
LOCAL=${LOCAL:-$here/.local}
# The patched-Qt wkhtmltopdf installed in the venv must win over Debian's.
export PATH="$VENV/bin:$PATH"
ODOO_BIN=("$VENV/bin/python" "$ODOO_SRC/odoo-bin")

log() { printf '\033[1m[%s]\033[0m %s\n' "$(basename "$0" .sh)" "$*" >&2; }
die() { printf '\033[1;31m[%s] ERROR:\033[0m %s\n' "$(basename "$0" .sh)" "$*" >&2; exit 1; }

# The suite's addons: every folder of the repository holding a manifest.
suite_addons() {
    (cd "$here" && for manifest in */__manifest__.py; do dirname "$manifest"; done | sort)
}

# The Odoo modules the suite depends on, outside the suite itself.
suite_dependencies() {
    "$VENV/bin/python" - "$here" <<'PY'
import ast, pathlib, sys
root = pathlib.Path(sys.argv[1])
suite = {m.parent.name for m in root.glob("*/__manifest__.py")}
deps = set()
for manifest in root.glob("*/__manifest__.py"):
    deps |= set(ast.literal_eval(manifest.read_text())["depends"])
print(",".join(sorted(deps - suite)))
PY
}

# The addons installed from PyPI (requirements.txt: queue_job) land in the
# venv's site-packages, under odoo/addons, which Odoo run from its source tree
# does not look into by itself.
venv_addons() {
    "$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])' \
        | sed 's|$|/odoo/addons|'
}

# write_config FILE DATA_DIR [HTTP_PORT]
write_config() {
    mkdir -p "$(dirname "$1")" "$2"
    cat >"$1" <<CONF
[options]
addons_path = $ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$(venv_addons),$here
data_dir = $2
db_host = False
db_port = False
http_interface = 127.0.0.1
http_port = ${3:-8069}
gevent_port = $(( ${3:-8069} + 3 ))
list_db = False
without_demo = False
max_cron_threads = 1
CONF
}

# require_browser: the browser tours need Chromium and websocket-client;
# without them Odoo skips the tours silently: refuse to run instead.
require_browser() {
    local browser
    # Odoo looks for these names on the PATH.
    for browser in google-chrome chromium chromium-browser google-chrome-stable; do
        command -v "$browser" >/dev/null && break
        browser=
    done
    [ -n "$browser" ] \
        || die "Chromium is missing (the browser tours need it): run 'make env' or install the chromium package."
    "$VENV/bin/python" -c "import websocket" 2>/dev/null \
        || die "websocket-client is missing from $VENV (the browser tours need it): run 'make env'."
}

db_exists() { psql -d postgres -Atc "select 1 from pg_database where datname = '$1'" | grep -q 1; }

# copy_db SOURCE TARGET DATA_DIR: database and filestore.
copy_db() {
    dropdb --if-exists "$2"
    rm -rf "$3/filestore/$2"
    createdb -T "$1" "$2"
    if [ -d "$3/filestore/$1" ]; then
        mkdir -p "$3/filestore"
        cp -a "$3/filestore/$1" "$3/filestore/$2"
    fi
}

# ensure_template NAME_PREFIX DATA_DIR CONFIG MODULES [EXTRA ODOO ARGS...]:
# build, once per set of inputs, a database with MODULES installed, named
# NAME_PREFIX_<key>, and echo its name. The key covers the Odoo source, the
# modules, the arguments and DATA_DIR, so a change in any of them builds a new
# one. A template is two halves: the database, in the PostgreSQL every
# checkout of this machine shares, and its filestore, in DATA_DIR. It is used
# only when both are there (the stamp in DATA_DIR/templates says the build
# finished here): a fresh clone at the path of an earlier one, whose database
# outlived its files, builds it again instead of serving attachments that are
# not there.
ensure_template() {
    local prefix=$1 data_dir=$2 config=$3 modules=$4
    shift 4
    local key
    key=$( (cat "$ODOO_SRC/odoo/release.py" "$ODOO_SRC/requirements.txt"
            echo "$modules $*"; echo "$data_dir"
            git -C "$ODOO_SRC" rev-parse HEAD 2>/dev/null || true) \
        | sha1sum | cut -c1-10)
    local name="${prefix}_${key}" stamp="$data_dir/templates/${prefix}_${key}"
    if ! db_exists "$name" || [ ! -e "$stamp" ]; then
        # Old templates of the same kind built here are stale: drop them. Those
        # of other checkouts (no filestore here) are theirs to drop.
        for old in $(psql -d postgres -Atc "select datname from pg_database where datname like '${prefix}\_%'"); do
            if [ "$old" = "$name" ] || [ -e "$data_dir/templates/$old" ]; then
                dropdb --if-exists "$old"
                rm -rf "${data_dir:?}/filestore/$old" "$data_dir/templates/$old"
            fi
        done
        log "building template database $name ($modules), once"
        rm -rf "${data_dir:?}/filestore/$name"
        "${ODOO_BIN[@]}" -c "$config" -d "$name" -i "$modules" "$@" \
            --stop-after-init --no-http --log-level=warn >&2 \
            || { dropdb --if-exists "$name"; die "could not build $name"; }
        mkdir -p "$data_dir/templates"
        touch "$stamp"
    fi
    echo "$name"
}

# test_template DATA_DIR CONFIG: the template of the tests' databases (the
# suite's dependencies, no demo data), built once; echo its name.
test_template() {
    # payment_demo: the tests pay reminders online with its demo provider.
    ensure_template "${TEST_TEMPLATE_PREFIX:-dunning_test_tmpl}" "$1" "$2" "$(suite_dependencies),payment_demo" \
        --without-demo=all --load-language=en_US,fr_FR
}
