#!/usr/bin/env bash
# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
#
# Capture the documentation screenshots into dunning_levels/static/description/
# from a copy of the demo database (built first if missing), served on
# http://127.0.0.1:$SCREENSHOT_PORT and driven by setup/screenshots.py in a
# headless Chromium. The copy is dropped afterwards: the demo stays as it was.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

demo_db=${DEMO_DB:-dunning_demo}
db="${demo_db}_screenshots"
port=${SCREENSHOT_PORT:-8071}
data_dir="$LOCAL/demo-data"
config="$LOCAL/screenshots.conf"
write_config "$config" "$data_dir" "$port"
mkdir -p "$LOCAL/logs"
server_log="$LOCAL/logs/screenshots-server.log"
: >"$server_log"

if ! db_exists "$demo_db"; then
    log "no demo database $demo_db: building it first"
    SERVE=0 DEMO_DB="$demo_db" bash "$here/setup/demo.sh"
fi
log "copying $demo_db to $db"
copy_db "$demo_db" "$db" "$data_dir"

addons=$(suite_addons | paste -sd, -)
log "updating the suite in $db, so that the screens show the current code"
"${ODOO_BIN[@]}" -c "$config" -d "$db" -u "$addons" --i18n-overwrite --stop-after-init --no-http \
    --log-level=warn --logfile="$server_log" \
    || { tail -n 30 "$server_log" >&2; die "updating $addons failed (log: $server_log)"; }

log "starting Odoo on http://127.0.0.1:$port (log: $server_log)"
# No cron: the queued reminder emails stay queued.
"${ODOO_BIN[@]}" -c "$config" -d "$db" --db-filter="^$db\$" --max-cron-threads=0 \
    --http-interface=127.0.0.1 --http-port="$port" --logfile="$server_log" &
server_pid=$!
cleanup() {
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    dropdb --if-exists "$db"
    rm -rf "${data_dir:?}/filestore/$db"
}
trap cleanup EXIT
for _ in $(seq 1 60); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/web/login" && break
    kill -0 "$server_pid" 2>/dev/null || die "Odoo did not start (log: $server_log); is port $port free?"
    sleep 1
done

log "capturing the screens"
"$VENV/bin/python" "$here/setup/screenshots.py" --url "http://127.0.0.1:$port" --db "$db"
log "screenshots written to dunning_levels/static/description/"
