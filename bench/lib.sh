# Shared by load.sh, fault.sh and bench.sh: the bench database, static files,
# and a production-like gunicorn that is always stopped by its own PID.
# Source it; it sets `set -euo pipefail`.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
PY="$ROOT/.venv/bin/python"
cd "$ROOT"

if [ ! -x "$PY" ] || ! "$PY" -c "import locust, gunicorn" 2>/dev/null; then
  echo "bench: run 'make load', 'make fault' or 'make bench' (they install .venv first)." >&2
  exit 2
fi

# PostgreSQL: DATABASE_URL names the server and role; the bench always uses
# its own database on it (limber_bench_<pid>, so two runs never share one),
# never the one in the URL.
PG_URL="${DATABASE_URL:-postgres://limber:limber-ci@127.0.0.1:5432/limber}"
BENCH_DB="${BENCH_DB:-limber_bench_$$}"
# The cluster that the outage test stops and starts (Debian's pg_ctlcluster).
PG_CLUSTER="${PG_CLUSTER:-15 main}"
SERVER_PID=""
TMP="$(mktemp -d "${TMPDIR:-/tmp}/limber-bench.XXXXXX")"
OUT="${BENCH_OUT:-$ROOT/bench/out/$(basename "$0" .sh)-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$OUT"

as_root() { if [ "$(id -u)" = "0" ]; then "$@"; else sudo "$@"; fi; }

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

cleanup() {
  stop_server
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_url_part() {  # pg_url_part URL host|port|user|password|db
  "$PY" - "$1" "$2" <<'PYEOF'
import sys
from urllib.parse import unquote, urlsplit
u = urlsplit(sys.argv[1])
print({"host": u.hostname or "127.0.0.1", "port": u.port or 5432, "user": unquote(u.username or ""),
       "password": unquote(u.password or ""), "db": u.path.lstrip("/")}[sys.argv[2]])
PYEOF
}

bench_pg_url() {
  local base="${PG_URL%/*}"
  echo "$base/$BENCH_DB"
}

pg_ready() {
  pg_isready -q -h "$(pg_url_part "$PG_URL" host)" -p "$(pg_url_part "$PG_URL" port)"
}

ensure_pg() {
  if ! pg_ready; then
    log "PostgreSQL is not answering: starting cluster $PG_CLUSTER"
    # shellcheck disable=SC2086
    as_root pg_ctlcluster $PG_CLUSTER start || true
    for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  fi
  pg_ready || { echo "bench: PostgreSQL at $PG_URL does not answer." >&2; exit 2; }
}

# A fresh, empty bench database, created as the limber role (it has CREATEDB).
fresh_pg_database() {
  "$PY" - "$PG_URL" "$BENCH_DB" <<'PYEOF'
import sys
import psycopg
from psycopg import sql
url, name = sys.argv[1], sys.argv[2]
# The maintenance database: the one in the URL may not exist yet.
with psycopg.connect(url, dbname="postgres", autocommit=True) as conn:
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
PYEOF
}

drop_pg_database() {
  "$PY" - "$PG_URL" "$BENCH_DB" <<'PYEOF' || true
import sys
import psycopg
from psycopg import sql
with psycopg.connect(sys.argv[1], dbname="postgres", autocommit=True) as conn:
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(sys.argv[2])))
PYEOF
}

# Production settings (DEBUG off, secure cookies, CSP, whitenoise) on plain
# HTTP over loopback; bench.settings only adds the baseline route.
server_env() {  # server_env DATABASE_URL
  export DJANGO_SETTINGS_MODULE=bench.settings
  export DEBUG=0
  export SECRET_KEY="${BENCH_SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}"
  export ALLOWED_HOSTS=127.0.0.1,localhost
  export SECURE_SSL_REDIRECT=0
  export BENCH_STATIC_ROOT="$TMP/static"
  export LOG_LEVEL="${LOG_LEVEL:-ERROR}"
  export DATABASE_URL="$1"
}

prepare_app() {  # migrate and collect static files for the current server_env
  "$PY" manage.py migrate --noinput -v 0
  "$PY" manage.py collectstatic --noinput -v 0
}

free_port() {
  "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server [extra gunicorn args...]: 2 workers, access log with the
# server time in microseconds (%(D)s) for the benchmarks.
start_server() {
  PORT="$(free_port)"
  HOST_URL="http://127.0.0.1:$PORT"
  "$ROOT/.venv/bin/gunicorn" config.wsgi:application \
    --workers 2 --bind "127.0.0.1:$PORT" --timeout 30 --no-control-socket \
    --access-logfile "$OUT/access.log" \
    --access-logformat '%(t)s %(m)s %(U)s q=%(q)s %(s)s %(B)s %(D)s' \
    --error-logfile "$OUT/gunicorn.log" "$@" >>"$OUT/django.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 60); do
    if "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
      "$HOST_URL/healthz" 2>/dev/null; then
      log "gunicorn master $SERVER_PID serving $HOST_URL"
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.5
  done
  echo "bench: gunicorn did not start; see $OUT/gunicorn.log" >&2
  tail -n 30 "$OUT/gunicorn.log" >&2 || true
  exit 1
}

worker_pids() {  # the gunicorn master's children, from /proc (no procps needed)
  "$PY" - "$SERVER_PID" <<'PYEOF'
import sys
from pathlib import Path
for entry in Path("/proc").iterdir():
    try:
        text = (entry / "stat").read_text() if entry.name.isdigit() else ""
    except OSError:
        continue
    if text and text[text.rindex(")") + 2 :].split()[1] == sys.argv[1]:
        print(entry.name)
PYEOF
}
