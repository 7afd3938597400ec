#!/usr/bin/env bash
# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
#
# Build (or update) the demo database: a French company (l10n_fr_account)
# with the suite installed and its demo data, then serve it on
# http://127.0.0.1:$DEMO_PORT unless SERVE=0.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

db=${DEMO_DB:-dunning_demo}
port=${DEMO_PORT:-8069}
serve=${SERVE:-1}
data_dir="$LOCAL/demo-data"
config="$LOCAL/demo.conf"
write_config "$config" "$data_dir" "$port"
addons=$(suite_addons | paste -sd, -)
mkdir -p "$LOCAL/logs"
demo_log="$LOCAL/logs/demo.log"
: >"$demo_log"

run_odoo() {
    "${ODOO_BIN[@]}" -c "$config" -d "$db" --no-http --stop-after-init \
        --log-level=warn --logfile="$demo_log" "$@" \
        || { tail -n 30 "$demo_log" >&2; die "odoo-bin $* failed (log: $demo_log)"; }
}

# run_shell SCRIPT: run a Python script of setup/ through odoo-bin shell; its
# output is shown, its log records go to the demo log.
run_shell() {
    "${ODOO_BIN[@]}" shell -c "$config" -d "$db" --no-http --log-level=warn \
        <"$here/setup/$1" 2>>"$demo_log" \
        || { tail -n 30 "$demo_log" >&2; die "odoo-bin shell <$1 failed (log: $demo_log)"; }
}

installed=$(db_exists "$db" && psql -d "$db" -Atc \
    "select count(*) from ir_module_module where name = 'dunning_levels' and state = 'installed'" \
    2>/dev/null || echo 0)
if [ "$installed" = 1 ]; then
    log "updating $addons in $db"
    run_odoo -i "$addons" -u "$addons"
else
    dropdb --if-exists "$db"
    rm -rf "$data_dir/filestore/$db"
    log "creating $db (base, English and French)"
    run_odoo -i base --load-language=en_US,fr_FR
    log "making its main company a French SME"
    run_shell demo_company.py
    # On its own first, so that the main company has the French chart of
    # accounts and taxes when the suite's demo invoices are created.
    log "installing l10n_fr_account (French chart of accounts)"
    run_odoo -i l10n_fr_account
    log "installing $addons with demo data"
    run_odoo -i "$addons"
fi
log "enabling online payment (payment_demo) and the bank journal's account"
run_odoo -i payment_demo
run_shell demo_portal.py
log "running the morning generation of payment reminders"
run_shell demo_morning.py

# A fake Maileva server (tests/fake_maileva) lets the demo post letters.
maileva_port=${DEMO_MAILEVA_PORT:-8079}
log "starting the fake Maileva server on http://127.0.0.1:$maileva_port"
(cd "$here" && exec "$VENV/bin/python" -m tests.fake_maileva --port "$maileva_port") \
    >"$LOCAL/logs/fake-maileva.log" 2>&1 &
maileva_pid=$!

# start_server [ODOO OPTIONS]: serve the demo database on $port in the
# background (pid in server_pid) and wait until it answers.
start_server() {
    "${ODOO_BIN[@]}" -c "$config" -d "$db" --db-filter="^$db\$" \
        --http-interface=127.0.0.1 --http-port="$port" \
        --logfile="$LOCAL/logs/demo-server.log" "$@" &
    server_pid=$!
    for _ in $(seq 1 60); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/web/login" && return 0
        kill -0 "$server_pid" 2>/dev/null || die "Odoo did not start (log: $LOCAL/logs/demo-server.log); is port $port free?"
        sleep 1
    done
    die "Odoo did not answer on port $port (log: $LOCAL/logs/demo-server.log)"
}

# The server runs while the sample PDFs are written: wkhtmltopdf fetches the
# report styles (letterhead, layout) from it. Its scheduled actions wait: the
# scripts below run the Maileva one themselves.
log "starting Odoo on http://127.0.0.1:$port (scheduled actions paused)"
: >"$LOCAL/logs/demo-server.log"
trap 'kill "${server_pid:-}" "$maileva_pid" 2>/dev/null || true' EXIT
start_server --max-cron-threads=0
log "writing sample letters, statement and call list to demo-output/"
DEMO_OUTPUT="$here/demo-output" DEMO_BASE_URL="http://127.0.0.1:$port" run_shell demo_output.py
if psql -d "$db" -Atc "select 1 from ir_module_module where name = 'dunning_levels_maileva' and state = 'installed'" | grep -q 1; then
    log "posting the formal notices through the fake Maileva"
    DEMO_MAILEVA_URL="http://127.0.0.1:$maileva_port" DEMO_BASE_URL="http://127.0.0.1:$port" \
        run_shell demo_maileva.py
fi

DEMO_OUTPUT="$here/demo-output" DEMO_BASE_URL="http://127.0.0.1:$port" run_shell demo_summary.py

reminders_url="http://127.0.0.1:$port/odoo/action-dunning_levels.dunning_reminder_action"
cat <<MSG

  Demo database '$db' is ready.
    URL:      http://127.0.0.1:$port
    Login:    admin
    Password: admin
  Payment reminders: $reminders_url
  Sample PDFs: $here/demo-output/
  Fake Maileva: http://127.0.0.1:$maileva_port (letters: Accounting > Customers > Maileva Letters)

MSG
if [ "$serve" = 1 ]; then
    kill "$server_pid" && wait "$server_pid" || true
    log "serving Odoo on http://127.0.0.1:$port with its scheduled actions (Ctrl+C to stop)"
    start_server
    trap 'kill "$maileva_pid" 2>/dev/null || true' EXIT
    wait "$server_pid"
fi
