#!/usr/bin/env bash
# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
#
# Run Odoo's own post_install tests of what the suite extends (invoices,
# credit notes, payments, reconciliation, invoice sending, partners, portal
# invoices, sales orders, SMS, snailmail) on a database with the whole suite
# installed, and compare them with the same selection on a database without
# the suite (the baseline): both must end with 0 failed, 0 errors and the same
# tests. The README (section "Odoo's own tests") says why each class is here.
#
#   setup/odoo_tests.sh [DB]
#
# DB: a database with the suite installed, used by this step and dropped at
# the end (make test gives its own). Without it, the step copies the template
# of make test and installs the suite in ODOO_TESTS_DB (dunning_odoo_tests).
# The baseline runs on a copy of the template, ${DB}_base. It depends only on
# Odoo's source, the template's modules and the selection: its results are
# cached in $ODOO_TESTS_CACHE, keyed by them, and recomputed when missing, then
# alongside the run with the suite (each odoo-bin uses one core).
# ODOO_TESTS_HTTP_PORT (8270) and the next port serve the two runs' HttpCase.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# The selection, by what the suite extends. Only post_install classes: run on
# an existing database, odoo-bin runs the at_install ones while it loads the
# modules, before the suite's own models are in the registry.
selection=(
    # Customer invoices and credit notes, vendor bills, journal entries
    # (account.move, account.move.line: the suite's computed fields, write,
    # button_draft, button_cancel).
    /account:TestAccountMoveOutInvoiceOnchanges
    /account:TestAccountMoveOutRefundOnchanges
    /account:TestAccountMoveInInvoiceOnchanges
    /account:TestAccountMove
    # Payments and reconciliation (_reconcile_post_hook closes reminders).
    /account:TestAccountPaymentRegister
    /account:TestAccountPayment
    /account:TestAccountMoveReconcile
    # Invoice sending (mail.compose.message; the composer's query counts).
    /account:TestAccountMoveSend
    /account:TestAccountComposerPerformance
    # Partners (res.partner: commercial fields, write, computed fields).
    /account:TestAccountPartner
    /account:TestMergePartner
    # Invoices in the portal, and paid from it (access tokens).
    /account:TestPortalInvoice
    /account:TestPortalAttachment
    /account:TestDownloadDocs
    /account_payment:TestFlows
    # The invoice form in the web client (browser tours).
    /account:TestUi
    # Sales orders and their invoicing (sale.order: action_confirm, the
    # warning fields; an order confirmed from the portal).
    /sale:TestSaleToInvoice
    /sale:TestSaleOrder
    /sale:TestSaleOrderInvoicing
    /sale:TestSaleRefund
    /sale:TestSaleOrderCreditLimit
    /sale:TestSaleSignature
    # SMS (mail.notification) and snailmail.
    /sms:TestSmsTemplateAccessRights
    /sms:TestSMSTemplateReset
    /snailmail_account:TestSnailmailOnInvoice
)
tags=$(IFS=,; echo "${selection[*]}")

# The tours (TestUi) and the portal tests are HttpCase: Chromium, and a free
# port for each run. No wkhtmltopdf: in tests, Odoo renders reports as HTML.
require_browser

data_dir="$LOCAL/test-data"
port=${ODOO_TESTS_HTTP_PORT:-8270}
suite_config="$LOCAL/odoo-tests.conf"
base_config="$LOCAL/odoo-tests-base.conf"
write_config "$suite_config" "$data_dir" "$port"
write_config "$base_config" "$data_dir" "$(( port + 1 ))"
logs="$LOCAL/logs"
mkdir -p "$logs"
suite_log="$logs/odoo-tests.log"
base_log="$logs/odoo-tests-base.log"
rm -f "$suite_log"* "$base_log"*

template=$(test_template "$data_dir" "$suite_config")
if [ $# -gt 0 ]; then
    db=$1
    db_exists "$db" || die "database $db does not exist"
else
    db=${ODOO_TESTS_DB:-dunning_odoo_tests}
    log "installing the suite in $db, a copy of $template"
    copy_db "$template" "$db" "$data_dir"
    "${ODOO_BIN[@]}" -c "$suite_config" -d "$db" -i "$(suite_addons | paste -sd, -)" \
        --stop-after-init --no-http --log-level=warn --logfile="$logs/odoo-tests-install.log" \
        || die "installing the suite failed (log: $logs/odoo-tests-install.log)"
fi
base_db="${db}_base"

# The two databases must differ by the suite's addons only.
installed() {
    psql -d "$1" -Atc "select name from ir_module_module where state = 'installed'" | sort
}
extra=$(comm -3 <(installed "$db") <(installed "$template") | tr -d '\t' \
    | grep -vxF -f <(suite_addons) || true)
[ -z "$extra" ] || die "$db and $template differ by more than the suite: $(echo "$extra" | paste -sd' ')"

# odoo_bin_tests CONFIG DB LOG TAGS: run the post_install tests of TAGS; what
# does not go through Odoo's logging (a crash at start, Chromium) is in LOG.out.
odoo_bin_tests() {
    "${ODOO_BIN[@]}" -c "$1" -d "$2" --test-enable --test-tags "$4" \
        --stop-after-init --log-level=info --log-handler=odoo.tests.stats:DEBUG --logfile="$3" \
        --screenshots="$logs/odoo-tests-screenshots" >"$3.out" 2>&1 || true
}

# browser_skips LOG: the tests Odoo skipped because Chromium did not answer
# within its 10 s (a cold start on a loaded machine), as /module:Class.method.
browser_skips() {
    sed -nE 's/.* odoo\.addons\.([a-z0-9_]+)\.tests\.[^ ]*: skipped ([A-Za-z0-9_]+\.[A-Za-z0-9_]+) : Failed to detect chrome devtools port.*/\/\1:\2/p' "$1"
}

# run_odoo_tests CONFIG DB LOG: the selection; the tests skipped for a browser
# that did not start run once more, logged in LOG.retry.
run_odoo_tests() {
    local retry
    odoo_bin_tests "$1" "$2" "$3" "$tags"
    [ -f "$3" ] || return 0
    retry=$(browser_skips "$3" | paste -sd, -)
    [ -z "$retry" ] || odoo_bin_tests "$1" "$2" "$3.retry" "$retry"
}

# summary_counts LOG: "FAILED ERRORS TESTS" from Odoo's summary line.
summary_counts() {
    grep -E "odoo\.tests\.result: [0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database" "$1" \
        | tail -n 1 \
        | sed -E 's/.*: ([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests .*/\1 \2 \3/' \
        | grep .
}

skips() { grep -Ec "INFO [^ ]+ odoo\.addons\.[^ ]+: skipped " "$1" || true; }

# counts LOG: "FAILED ERRORS TESTS SKIPPED RETRIED" of a run, the tests run
# again (LOG.retry) counted by their second result.
counts() {
    local failed errors tests skipped retried=0 f e t
    read -r failed errors tests < <(summary_counts "$1") || return 1
    skipped=$(skips "$1")
    if [ -f "$1.retry" ]; then
        read -r f e t < <(summary_counts "$1.retry") || return 1
        retried=$t
        failed=$(( failed + f ))
        errors=$(( errors + e ))
        skipped=$(( skipped - $(browser_skips "$1" | wc -l) + $(skips "$1.retry") ))
    fi
    echo "$failed $errors $tests $skipped $retried"
}

# with_retry LOG: LOG, then LOG.retry when some tests ran again.
with_retry() {
    cat "$1"
    [ ! -f "$1.retry" ] || cat "$1.retry"
}

# test_ids LOG: the tests started, as module.Class.method, sorted.
test_ids() {
    sed -nE 's/.* odoo\.addons\.([a-z0-9_]+)\.tests\.[^ ]*: Starting ([A-Za-z0-9_]+\.[A-Za-z0-9_]+) \.\.\..*/\1.\2/p' "$1" \
        | sort -u
}

# warnings LOG DB: the WARNING and worse records (LOG and LOG.retry), first
# line, numbers and the database name masked, so that two runs can be compared.
warnings() {
    with_retry "$1" \
        | sed -nE 's/^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) [^ ]+ (.*)/\1 \2/p' \
        | sed -E "s/$2/DB/g; s/[0-9]+/N/g" | sort -u
}

# The baseline's cache: Odoo's source and the template's modules are in the
# template's name (see ensure_template), the selection is in the key.
cache_dir=${ODOO_TESTS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dunning_levels/odoo-tests}
key=$(printf '%s\n%s\n' "$template" "$tags" | sha1sum | cut -c1-12)
cache="$cache_dir/baseline-$key"

log "Odoo's own tests: ${#selection[@]} classes (log: $suite_log)"
start=$(date +%s)
if [ -f "$cache/counts" ]; then
    run_odoo_tests "$suite_config" "$db" "$suite_log"
    base_source="cached in $cache"
else
    log "no baseline cached for this selection and Odoo source: running it alongside, on $base_db (log: $base_log)"
    copy_db "$template" "$base_db" "$data_dir"
    run_odoo_tests "$base_config" "$base_db" "$base_log" &
    base_pid=$!
    run_odoo_tests "$suite_config" "$db" "$suite_log"
    wait "$base_pid" || true
    dropdb --if-exists "$base_db"
    rm -rf "${data_dir:?}/filestore/$base_db"
    base_counts=$(counts "$base_log") || {
        tail -n 30 "$base_log" "$base_log.out" >&2 || true
        die "the baseline did not finish (log: $base_log)"
    }
    read -r b_failed b_errors b_tests _ <<<"$base_counts"
    if [ "$b_failed" -ne 0 ] || [ "$b_errors" -ne 0 ] || [ "$b_tests" -eq 0 ] \
        || { [ -f "$base_log.retry" ] && [ -n "$(browser_skips "$base_log.retry")" ]; }; then
        with_retry "$base_log" \
            | grep -E " (ERROR|CRITICAL) [^ ]+ [^ ]+: (FAIL|ERROR): |: Failed to detect chrome" \
            | head -n 20 >&2 || true
        die "without the suite, Odoo's own tests give $b_failed failed, $b_errors error(s) of $b_tests tests, or Chromium does not start: fix the environment first (log: $base_log)"
    fi
    rm -rf "$cache.new"
    mkdir -p "$cache.new"
    echo "$base_counts" >"$cache.new/counts"
    test_ids "$base_log" >"$cache.new/tests"
    warnings "$base_log" "$base_db" >"$cache.new/warnings"
    rm -rf "$cache"
    mv "$cache.new" "$cache"
    base_source="run now, cached in $cache"
fi
elapsed=$(( $(date +%s) - start ))

suite_counts=$(counts "$suite_log") || {
    tail -n 30 "$suite_log" "$suite_log.out" >&2 || true
    die "the run with the suite did not finish (log: $suite_log)"
}
read -r s_failed s_errors s_tests s_skipped s_retried <<<"$suite_counts"
read -r b_failed b_errors b_tests b_skipped _ <"$cache/counts"
retried=""
[ "$s_retried" -eq 0 ] || retried=", $s_retried run again as Chromium did not start in time"
summary="with the suite $s_failed failed, $s_errors error(s) of $s_tests tests, $s_skipped skipped$retried ($(( elapsed / 60 )) min $(( elapsed % 60 )) s); without: $b_failed failed, $b_errors error(s) of $b_tests tests, $b_skipped skipped ($base_source)"
log "Odoo's own tests: $summary"
echo "$summary" >"$logs/odoo-tests.summary"

problems=()
if [ "$s_failed" -ne 0 ] || [ "$s_errors" -ne 0 ]; then
    {
        echo "the tests that failed, then the exceptions raised (count, message):"
        with_retry "$suite_log" \
            | grep -E " (ERROR|CRITICAL) [^ ]+ [^ ]+: (FAIL|ERROR): " \
            | sed -E 's/.*: ((FAIL|ERROR): .*)/    \1/'
        with_retry "$suite_log" \
            | grep -E "^[A-Za-z_.]*(Error|Exception)(: .*)?$" | sort | uniq -c | sort -rn | head -n 20
    } >&2 || true
    problems+=("$s_failed failed, $s_errors error(s)")
fi
if [ "$s_tests" -ne "$b_tests" ] || [ "$s_skipped" -ne "$b_skipped" ]; then
    echo "the tests skipped with the suite:" >&2
    with_retry "$suite_log" | sed -nE 's/.*: skipped (.*)/    \1/p' >&2
    problems+=("$s_tests tests ($s_skipped skipped) where the baseline ran $b_tests ($b_skipped skipped)")
fi
if ! diff "$cache/tests" <(test_ids "$suite_log") >"$logs/odoo-tests.tests.diff"; then
    echo "the tests run (< without the suite only, > with the suite only):" >&2
    { grep -E "^[<>]" "$logs/odoo-tests.tests.diff" | head -n 40 | sed 's/^/    /' >&2; } || true
    problems+=("not the same tests")
fi
new_warnings=$(comm -13 "$cache/warnings" <(warnings "$suite_log" "$db"))
if [ -n "$new_warnings" ]; then
    echo "WARNING/ERROR records that the run without the suite does not have:" >&2
    head -n 40 <<<"$new_warnings" | sed 's/^/    /' >&2
    problems+=("new WARNING/ERROR records")
fi
if [ ${#problems[@]} -gt 0 ]; then
    die "Odoo's own tests differ with the suite: $(printf '%s; ' "${problems[@]}")log: $suite_log"
fi
dropdb --if-exists "$db"
rm -rf "${data_dir:?}/filestore/$db"
log "Odoo's own tests: same result with the suite as without"
