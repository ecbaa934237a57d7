#!/usr/bin/env bash
# make load: 50 people using Limber at once for 60 s against gunicorn
# (2 workers, production settings) on PostgreSQL. Passes with zero errors;
# prints requests/s and p50/p95/p99 per endpoint.
#   LOAD_USERS=50 LOAD_SECONDS=60 DATABASE_URL=postgres://limber:...@127.0.0.1:5432/limber
source "$(dirname "$0")/lib.sh"
USERS="${LOAD_USERS:-50}"
SECONDS_RUN="${LOAD_SECONDS:-60}"

ensure_pg
server_env "$(bench_pg_url)"
log "fresh bench database $BENCH_DB with $USERS accounts (six weeks of history each)"
fresh_pg_database
trap 'cleanup; drop_pg_database' EXIT
prepare_app
"$PY" -m bench.setup_data --load-users "$USERS"
start_server

log "locust: $USERS users for ${SECONDS_RUN} s"
set +e
BENCH_PREFIX=load BENCH_EVENTS="$OUT/events.jsonl" BENCH_LEDGER="$OUT/ledger.jsonl" \
  "$ROOT/.venv/bin/locust" -f bench/locustfile.py --headless --only-summary \
  -u "$USERS" -r 10 -t "${SECONDS_RUN}s" --host "$HOST_URL" --csv "$OUT/locust" \
  >"$OUT/locust.log" 2>&1
set -e
stop_server

"$PY" -m bench.check stats "$OUT/locust_stats.csv" | tee "$OUT/summary.md"
set +e
"$PY" -m bench.check verdict --title "load: $USERS users, ${SECONDS_RUN} s" \
  --events "$OUT/events.jsonl" --ledger "$OUT/ledger.jsonl" | tee -a "$OUT/summary.md"
status=${PIPESTATUS[0]}
set -e
log "details in ${OUT#"$ROOT"/}"
exit "$status"
