#!/usr/bin/env bash
# make fault: Limber under load while things break, then a check that every
# write the app acknowledged is in the database and none that it refused.
#   1. PostgreSQL stopped mid-load (pg_ctlcluster stop/start, needs root);
#      later in the same run one gunicorn worker is killed (SIGKILL).
#   2. The embedded SQLite default with 8 concurrent writers.
# FAULT_SHORT=1 is the CI version (about 2 minutes). Prints PASS/FAIL and
# exits non-zero when anything failed.
source "$(dirname "$0")/lib.sh"
BASE_OUT="$OUT"
if [ "${FAULT_SHORT:-0}" = "1" ]; then
  USERS=15 RUN=40 OUTAGE_AT=15 OUTAGE=5 KILL_AT=30 SQLITE_RUN=12
else
  USERS=30 RUN=75 OUTAGE_AT=20 OUTAGE=10 KILL_AT=52 SQLITE_RUN=30
fi
SQLITE_WRITERS=8
PG_STOPPED=0
results=()

restart_pg_if_stopped() {
  if [ "$PG_STOPPED" = "1" ]; then
    # shellcheck disable=SC2086
    as_root pg_ctlcluster $PG_CLUSTER start || true
    PG_STOPPED=0
  fi
}
trap 'restart_pg_if_stopped; cleanup; drop_pg_database' EXIT

mark() { echo "$1 $(date +%s.%N)" >>"$OUT/timeline.txt"; }

run_locust() {  # run_locust USERS SECONDS [env...] ; in the background, sets LOCUST_PID
  local users=$1 secs=$2
  shift 2
  env "$@" BENCH_EVENTS="$OUT/events.jsonl" BENCH_LEDGER="$OUT/ledger.jsonl" \
    "$ROOT/.venv/bin/locust" -f bench/locustfile.py --headless --only-summary \
    -u "$users" -r "$users" -t "${secs}s" --host "$HOST_URL" --csv "$OUT/locust" \
    >"$OUT/locust.log" 2>&1 &
  LOCUST_PID=$!
}

verdict() {  # verdict TITLE [check args...]
  local title=$1
  shift
  set +e
  "$PY" -m bench.check verdict --title "$title" --events "$OUT/events.jsonl" \
    --ledger "$OUT/ledger.jsonl" --timeline "$OUT/timeline.txt" "$@" | tee -a "$BASE_OUT/summary.txt"
  local status=${PIPESTATUS[0]}
  set -e
  results+=("$([ "$status" = 0 ] && echo PASS || echo FAIL)  $title")
}

# -- 1. PostgreSQL outage and a worker crash -----------------------------------
OUT="$BASE_OUT/postgres"
mkdir -p "$OUT"
ensure_pg
server_env "$(bench_pg_url)"
log "PostgreSQL: fresh $BENCH_DB, $USERS accounts"
fresh_pg_database
prepare_app
"$PY" -m bench.setup_data --load-users "$USERS" --load-days 14
start_server
log "locust: $USERS users for ${RUN} s; database stops at ${OUTAGE_AT} s for ${OUTAGE} s, a worker is killed at ${KILL_AT} s"
t0=$(date +%s)
run_locust "$USERS" "$RUN" BENCH_PREFIX=load BENCH_OUTAGE_OK=1 BENCH_THINK=0.3
sleep "$OUTAGE_AT"
mark db_stop
PG_STOPPED=1
# shellcheck disable=SC2086
as_root pg_ctlcluster $PG_CLUSTER stop
mark db_down
log "database stopped"
sleep "$OUTAGE"
mark db_start
# "Returning" is the moment it accepts connections, which comes before
# pg_ctlcluster itself returns: poll for it while the start runs.
# shellcheck disable=SC2086
as_root pg_ctlcluster $PG_CLUSTER start &
start_pid=$!
for _ in $(seq 1 600); do pg_ready && break; sleep 0.05; done
mark db_up
wait "$start_pid"
PG_STOPPED=0
log "database answering again"
sleep $(( KILL_AT - ($(date +%s) - t0) > 0 ? KILL_AT - ($(date +%s) - t0) : 0 ))
victim="$(worker_pids | sed -n 1p)"  # sed reads it all: no broken pipe
mark worker_kill
kill -KILL "$victim"
log "killed worker $victim"
replaced=0
for _ in $(seq 1 50); do
  pids="$(worker_pids)"
  if [ "$(echo "$pids" | grep -c .)" = 2 ] && ! echo "$pids" | grep -qx "$victim"; then
    replaced=1
    break
  fi
  sleep 0.2
done
echo "worker_replaced $replaced" >>"$OUT/timeline.txt"
log "workers now: $(worker_pids | tr '\n' ' ')"
wait "$LOCUST_PID" || true
stop_server
verdict "PostgreSQL outage of ${OUTAGE} s and a killed worker, $USERS users" --outage --kill

# -- 2. The embedded SQLite default, 8 concurrent writers ----------------------
OUT="$BASE_OUT/sqlite"
mkdir -p "$OUT"
# Same settings as the default db.sqlite3 (WAL, busy timeout, IMMEDIATE), in a temporary file.
server_env "sqlite:///$TMP/limber.sqlite3"
log "SQLite: $SQLITE_WRITERS writers for ${SQLITE_RUN} s (2 workers x 4 threads)"
prepare_app
"$PY" -m bench.setup_data --load-users "$SQLITE_WRITERS" --load-days 14
start_server --threads 4
run_locust "$SQLITE_WRITERS" "$SQLITE_RUN" BENCH_PREFIX=load BENCH_MIX=painlog BENCH_THINK=0
wait "$LOCUST_PID" || true
stop_server
locked=$(cat "$OUT"/*.log | grep -ci "database is locked" || true)
echo "  $([ "$locked" = 0 ] && echo PASS || echo FAIL)  'database is locked' in the server logs: $locked" \
  | tee -a "$BASE_OUT/summary.txt"
verdict "SQLite default, $SQLITE_WRITERS concurrent writers"
[ "$locked" = 0 ] || results+=("FAIL  SQLite: 'database is locked' in the server logs")

echo
echo "== fault summary =="
failed=0
for line in "${results[@]}"; do
  echo "  $line"
  case "$line" in FAIL*) failed=1 ;; esac
done
log "details in ${BASE_OUT#"$ROOT"/}"
if [ "$failed" = 0 ]; then echo "FAULT TESTS: PASS"; else echo "FAULT TESTS: FAIL"; fi
exit "$failed"
