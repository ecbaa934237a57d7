#!/usr/bin/env bash
# make bench: Limber's pages measured against a bare baseline page in one run
# on the same gunicorn (2 workers, production settings) and PostgreSQL, so
# the figures are ratios. Writes bench/RESULTS.md (date and machine).
#   BENCH_SECONDS=6 BENCH_ROUNDS=3 BENCH_CONCURRENCY=4 DATABASE_URL=postgres://...
source "$(dirname "$0")/lib.sh"
SECONDS_RUN="${BENCH_SECONDS:-6}"
CONCURRENCY="${BENCH_CONCURRENCY:-4}"
ROUNDS="${BENCH_ROUNDS:-3}"
# A step client moves to a fresh session when its holds run out: about 350
# sessions a round on this machine, so 450 leave the last round some to spare.
STEP_USERS="${BENCH_STEP_USERS:-$((ROUNDS * 450))}"

ensure_pg
server_env "$(bench_pg_url)"
log "fresh bench database $BENCH_DB: 4 accounts with 6 weeks, 4 with 5 years, $STEP_USERS sessions"
fresh_pg_database
trap 'cleanup; drop_pg_database' EXIT
prepare_app
"$PY" -m bench.setup_data --load-users 4 --bench-users 4 --step-users "$STEP_USERS" --logins "$OUT/logins.json"
log "queries per request and pyinstrument profiles (in-process)"
"$PY" -m bench.queries --logins "$OUT/logins.json" --out "$OUT/queries.json" --profile "$OUT"
start_server
log "throughput: $ROUNDS rounds of baseline/scenario pairs, $CONCURRENCY clients, ${SECONDS_RUN} s each"
"$PY" -m bench.driver --host "$HOST_URL" --server-pid "$SERVER_PID" --logins "$OUT/logins.json" --out "$OUT/http.json" \
  --seconds "$SECONDS_RUN" --concurrency "$CONCURRENCY" --rounds "$ROUNDS"
stop_server
log "throughput with an empty cache: a server that keeps no figures, so every dashboard view computes them"
BENCH_CACHE=none start_server
BENCH_CACHE=none "$PY" -m bench.driver --cold --host "$HOST_URL" --server-pid "$SERVER_PID" \
  --logins "$OUT/logins.json" --out "$OUT/http-cold.json" \
  --seconds "$SECONDS_RUN" --concurrency "$CONCURRENCY" --rounds "$ROUNDS"
stop_server
set +e
"$PY" -m bench.report --http "$OUT/http.json" --http-cold "$OUT/http-cold.json" --queries "$OUT/queries.json" \
  --access-log "$OUT/access.log" --profiles "$OUT" --results bench/RESULTS.md
status=$?
set -e
log "bench/RESULTS.md written; raw figures and profiles in ${OUT#"$ROOT"/}"
exit "$status"
