#!/usr/bin/env bash
# Copyright 2026 The dunning_levels Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl)
#
# Benchmark the suite side by side with the OCA dunning modules:
#   SCALE=S (default), SCALE=M or SCALE=S,M (SCALE=XS: 1,000 invoices, a quick
#   check of the benchmark itself); BENCH_TIMEOUT (minutes, per
#   competitor run, default 20); BENCH_HTTP_PORT (default 8571);
#   BENCH_PROFILE=1 profiles each step (cProfile) into .local/bench/profiles
#   (times are then longer: compare them only with each other);
#   BENCH_STEPS=generation,send-email,... runs only those steps (the names
#   of tests/bench/run.py), e.g. the receivables analysis on M without the
#   competitors' runs; "scale-out" (on M by default) sends 10,000 reminders
#   in one background sending on a real server, by the scheduled action then
#   on queue_job with 1 and 2 workers; BENCH_BASELINE=<git revision> also
#   emails the same reminders with the suite's code at that revision, in
#   BENCH_ROUNDS rounds of 1,000 (default 5) alternating with ours, and
#   prints the median speedup; BENCH_GROUPING=invoice makes them one email
#   per reminder (default: one per customer, as the wizard's default).
# The OCA modules (tests/bench/requirements.txt) are installed with --no-deps
# into .local/bench-addons, on the benchmark's addons path only: not in the
# venv, so neither `import odoo` nor the test databases see them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

bench_addons="$LOCAL/bench-addons"
requirements="$here/tests/bench/requirements.txt"
stamp="$bench_addons/.requirements.sha1"
if [ "$(sha1sum <"$requirements")" != "$(cat "$stamp" 2>/dev/null)" ]; then
    log "installing the OCA modules compared (--no-deps) into $bench_addons"
    rm -rf "$bench_addons"
    "$VENV/bin/pip" install --quiet --no-deps --target "$bench_addons" -r "$requirements"
    sha1sum <"$requirements" >"$stamp"
fi

data_dir="$LOCAL/bench-data"
config="$LOCAL/bench.conf"
port=${BENCH_HTTP_PORT:-8571}
write_config "$config" "$data_dir" "$port"
sed -i "s|^addons_path = .*|&,$bench_addons/odoo/addons|" "$config"
mkdir -p "$LOCAL/bench" "$LOCAL/logs"
echo "logfile = $LOCAL/logs/bench.log" >>"$config"

if [ -n "${BENCH_PROFILE:-}" ]; then
    export DUNNING_BENCH_PROFILE="$LOCAL/bench/profiles"
    log "profiling each step into $DUNNING_BENCH_PROFILE"
fi

exec "$VENV/bin/python" "$here/tests/bench/run.py" \
    --config "$config" --data-dir "$data_dir" --odoo-src "$ODOO_SRC" \
    --output "$LOCAL/bench" --scales "${SCALE:-S}" --port "$port" \
    --timeout "${BENCH_TIMEOUT:-20}" --steps "${BENCH_STEPS:-}" \
    --baseline "${BENCH_BASELINE:-}" --rounds "${BENCH_ROUNDS:-5}" \
    --grouping "${BENCH_GROUPING:-customer}"
