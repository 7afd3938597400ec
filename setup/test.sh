#!/usr/bin/env bash
# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
#
# Run every test of the suite against real Odoo 18.0 and PostgreSQL:
#   0. a check that Odoo's runner and pytest collect the same tests
#      (setup/check_test_collection.py: no database, a few seconds);
#   1. a template database with the suite's dependencies (built once, cached);
#   2. a fresh copy of it, where the suite's addons are installed;
#   3. pytest-odoo on each addon's tests/ and on the repository's tests/;
#   4. Odoo's own tests of what the suite extends, with the suite and without
#      (setup/odoo_tests.sh), unless ODOO_TESTS=0; off by default when
#      arguments narrow the run.
# The install and test logs must be free of WARNING and ERROR records.
# Extra arguments go to pytest (e.g. "-k level" or a test file).
# TEST_DB, TEST_TEMPLATE_PREFIX, TEST_HTTP_PORT and LOCAL let several runs share
# a machine.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

require_browser

# First, in seconds: a test module that tests/__init__.py does not import runs
# here, under pytest, but never under Odoo's own runner.
log "checking that Odoo's runner and pytest collect the same tests"
"$VENV/bin/python" "$here/setup/check_test_collection.py" \
    || die "Odoo's runner and pytest do not collect the same tests (above)."

data_dir="$LOCAL/test-data"
config="$LOCAL/test.conf"
db=${TEST_DB:-dunning_test}
write_config "$config" "$data_dir" "${TEST_HTTP_PORT:-8070}"

addons=$(suite_addons | paste -sd, -)
template=$(test_template "$data_dir" "$config")

log "fresh database $db from $template"
copy_db "$template" "$db" "$data_dir"

mkdir -p "$LOCAL/logs"
install_log="$LOCAL/logs/install.log"
test_log="$LOCAL/logs/test.log"
rm -f "$install_log" "$test_log"

log "installing $addons (log: $install_log)"
start=$(date +%s)
"${ODOO_BIN[@]}" -c "$config" -d "$db" -i "$addons" --stop-after-init --no-http \
    --log-level=info --logfile="$install_log" \
    || { tail -n 40 "$install_log"; die "installing the suite failed"; }
log "installed in $(( $(date +%s) - start )) s"
checklog-odoo --no-echo "$install_log" || die "WARNING/ERROR records in $install_log"

# Odoo's own tests (step 4) run on a copy that pytest never opened.
odoo_tests=${ODOO_TESTS:-$([ $# -eq 0 ] && echo 1 || echo 0)}
if [ "$odoo_tests" = 1 ]; then
    odoo_db="${db}_odoo"
    copy_db "$db" "$odoo_db" "$data_dir"
fi

# The fault tests (tests/faults) start real Odoo processes, kill them and run
# them again: they need a database with the suite installed that the pytest
# process does not hold, hence a copy taken before pytest opens $db.
faults_db="${db}_faults"
log "copying $db to $faults_db for the fault tests"
copy_db "$db" "$faults_db" "$data_dir"
# Required: a fault or upgrade test that finds no database fails instead of
# skipping.
export DUNNING_FAULTS_DB="$faults_db" DUNNING_FAULTS_CONFIG="$config" DUNNING_FAULTS_REQUIRED=1
export DUNNING_TEMPLATE_DB="$template"  # tests/upgrade: the dependencies, without the suite

test_paths=()
for addon in $(suite_addons); do
    [ -d "$here/$addon/tests" ] && test_paths+=("$here/$addon/tests")
done
test_paths+=("$here/tests")
# Test files or folders given as arguments replace the full list.
for arg in "$@"; do
    if [ -e "$here/${arg%%::*}" ] || [ -e "${arg%%::*}" ]; then
        test_paths=()
        break
    fi
done

# Test mode on, but with every at_install test excluded: otherwise loading the
# registry would run the at_install tests of every installed module. pytest
# itself ignores Odoo's tags and runs the tests it collects.
log "running pytest-odoo (log: $test_log)"
set +e
(cd "$here" && "$VENV/bin/pytest" \
    --odoo-config="$config" --odoo-database="$db" --odoo-log-level=info \
    --odoo-extra "logfile=$test_log" \
    --odoo-extra test-enable --odoo-extra test-tags=-at_install --odoo-http \
    "${test_paths[@]}" "$@")
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
    die "pytest collected no test: that is a failure, not a pass."
elif [ "$rc" -ne 0 ]; then
    [ -f "$test_log" ] && grep -E " (WARNING|ERROR|CRITICAL) " "$test_log" | tail -n 20
    die "tests failed (pytest exit code $rc, log: $test_log)"
fi
checklog-odoo --no-echo "$test_log" || die "WARNING/ERROR records in $test_log"
dropdb --if-exists "$faults_db"
rm -rf "$data_dir/filestore/$faults_db"
log "all tests of the suite passed, logs clean"
if [ "$odoo_tests" = 1 ]; then
    bash "$here/setup/odoo_tests.sh" "$odoo_db"
    log "summary: the suite's tests passed (pytest above), logs clean;" \
        "Odoo's own tests: $(cat "$LOCAL/logs/odoo-tests.summary")"
else
    log "summary: the suite's tests passed (pytest above), logs clean;" \
        "Odoo's own tests not run (ODOO_TESTS=0 or arguments given)"
fi
