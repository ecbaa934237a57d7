"""The in-process half of ``make bench``: queries per request, and profiles.

    python -m bench.queries --logins LOGINS.json --out QUERIES.json [--profile DIR]

Counts the SQL queries of each benchmarked request through the whole
middleware stack (Django's test client, the bench database and settings),
for six weeks and five years of history and every dashboard period. With
``--profile`` it also writes a pyinstrument profile of each benchmarked
request, for finding out why one is slow.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.contrib.sessions.models import Session as LoginSession  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tracking.trends import Period  # noqa: E402

HTMX = {"HX-Request": "true"}
PROFILE_RUNS = 20


def signed_in(session_key: str) -> Client:
    login = LoginSession.objects.get(session_key=session_key)
    c = Client(HTTP_HOST="127.0.0.1")
    c.cookies["sessionid"] = login.session_key
    c.get("/bench/baseline/")  # warm: caches, the time zone in the session
    return c


def counted(c: Client, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(c, method)(path, **kwargs)
    return {"queries": len(queries), "status": response.status_code, "bytes": len(response.content)}


def counted_cold_and_warm(c: Client, path: str, **kwargs: Any) -> dict[str, Any]:
    """Queries of a first view (nothing cached) and of the same view repeated."""
    from django.core.cache import cache

    cache.clear()
    cold = counted(c, "get", path, **kwargs)
    warm = counted(c, "get", path, **kwargs)
    return {**cold, "warm_queries": warm["queries"]}


def profile(c: Client, name: str, method: str, path: str, folder: Path, **kwargs: Any) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(PROFILE_RUNS):
            getattr(c, method)(path, **kwargs)
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    (folder / f"profile-{name}.txt").write_text(text)


def profile_steps(c: Client, url: str, folder: Path, *, first: int) -> None:
    """Real answers, one screen after another (a repeated one would change nothing)."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    with profiler:
        for position in range(first, first + 10):
            c.post(url, data={"position": position, "action": "done"}, headers=HTMX)
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    (folder / "profile-step-post.txt").write_text(text)


def django_cpu_ms(c: Client, path: str, *, cold: bool = False, runs: int = 30) -> float:
    """Median CPU milliseconds of one GET in this process (PostgreSQL's share not included)."""
    from django.core.cache import cache

    times = []
    for _ in range(runs):
        if cold:
            cache.clear()
        started = time.process_time()
        c.get(path)
        times.append(time.process_time() - started)
    return 1000 * statistics.median(times)


def database_version() -> str:
    if connection.vendor != "postgresql":
        return connection.display_name
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]} on 127.0.0.1"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logins", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--profile", help="write pyinstrument profiles into this folder")
    args = parser.parse_args()
    logins = json.loads(Path(args.logins).read_text())
    short, long_ = signed_in(logins["short"][0]), signed_in(logins["long"][0])
    step_key, step_pk = logins["step"][-1]
    step = signed_in(step_key)
    step_url = f"/sessions/{step_pk}/"

    result: dict[str, Any] = {
        "baseline": counted(short, "get", "/bench/baseline/"),
        "dashboard-6w": counted_cold_and_warm(short, "/progress/"),
        "dashboard-5y": counted_cold_and_warm(long_, "/progress/"),
        "dashboard-6w-htmx": counted_cold_and_warm(short, "/progress/?period=12w", headers=HTMX),
        "step-post": counted(
            step, "post", step_url, data={"position": 1, "action": "done"}, headers=HTMX
        ),
        "step-post-2": counted(
            step, "post", step_url, data={"position": 2, "action": "done"}, headers=HTMX
        ),
    }
    for period in Period:
        for label, c in (("6w", short), ("5y", long_)):
            result[f"dashboard-{label}-{period.value}"] = counted_cold_and_warm(
                c, f"/progress/?period={period.value}"
            )
    # Django's own CPU per request, in this process: repeat views (cached
    # figures) and first views after a change (the cache emptied before each).
    result["_cpu"] = {
        "baseline": django_cpu_ms(short, "/bench/baseline/"),
        "dashboard-6w": django_cpu_ms(short, "/progress/"),
        "dashboard-6w-cold": django_cpu_ms(short, "/progress/", cold=True),
        "dashboard-5y": django_cpu_ms(long_, "/progress/"),
        "dashboard-5y-cold": django_cpu_ms(long_, "/progress/", cold=True),
    }
    # After the dashboards: the next page would show its "saved" message and write
    # the session, a query that is the log's, not the page's.
    result["painlog-post"] = counted(
        short, "post", "/log/", data={"pain": 3, "kind": "evening", "note": "bench queries"}
    )
    result["_database"] = database_version()
    Path(args.out).write_text(json.dumps(result, indent=1))

    if args.profile:
        folder = Path(args.profile)
        folder.mkdir(parents=True, exist_ok=True)
        profile(short, "baseline", "get", "/bench/baseline/", folder)
        profile(short, "dashboard-6w", "get", "/progress/", folder)
        profile(long_, "dashboard-5y", "get", "/progress/", folder)
        data = {"pain": 3, "kind": "evening", "note": f"bench {uuid.uuid4().hex}"}
        profile(short, "painlog-post", "post", "/log/", folder, data=data)
        profile_steps(step, step_url, folder, first=3)


if __name__ == "__main__":
    main()
