"""The HTTP half of ``make bench``: throughput per scenario, swap sizes and page weight.

    python -m bench.driver --host URL --logins LOGINS.json --access-log LOG --out OUT.json

Each scenario keeps the server busy with a few closed-loop clients (no
think time) for a fixed time and counts what completes after a warm-up.
The baseline runs first and last, so drift during the run shows. Server
time per request comes from gunicorn's access log (``%(D)s``), between
marker requests sent before and after each scenario.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests

from bench.markup import ANSWER

CSRF = "benchcsrfbenchcsrfbenchcsrf00001"  # 32 characters: an unmasked CSRF secret
ASSETS = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"')
IMAGES = re.compile(r'<img[^>]*src="([^"]+)"')


class LoopbackSession(requests.Session):
    """The server keeps its production Secure cookies; this loopback client
    sends them back over plain HTTP (requests would otherwise drop them)."""

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        response = super().request(*args, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False
        return response


def client(host: str, session_key: str | None) -> requests.Session:
    s = LoopbackSession()
    s.headers["Accept-Encoding"] = "identity"  # page weight before compression
    s.cookies.set("csrftoken", CSRF, domain="127.0.0.1", path="/")
    if session_key:
        s.cookies.set("sessionid", session_key, domain="127.0.0.1", path="/")
    return s


TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from "state" on


def children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and int(fields[1]) == parent:
                found.append(int(entry.name))
    return found


class ServerCpu:
    """CPU seconds used by gunicorn (master and workers) and by PostgreSQL's processes.

    Unlike requests per second this does not move when other work shares
    the machine, so it gives a second, steadier view of the same ratios.
    """

    def __init__(self, gunicorn_pid: int | None, postmaster_pid: int | None) -> None:
        self.roots = [p for p in (gunicorn_pid, postmaster_pid) if p]

    def seconds(self) -> float:
        total = 0
        for root in self.roots:
            fields = _stat(root)
            if fields is not None:
                # Its own time, and that of children that have exited (a database
                # connection closed after CONN_MAX_AGE, a replaced worker).
                total += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
            for pid in children(root):
                fields = _stat(pid)
                if fields is not None:
                    total += int(fields[11]) + int(fields[12])  # utime + stime
        return total / TICK


def postmaster_pid() -> int | None:
    """The PostgreSQL server process, found as the parent of our own connection."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return None
    import psycopg

    with psycopg.connect(url) as conn:
        backend = conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    fields = _stat(backend)
    return int(fields[1]) if fields else None


@dataclass
class Sample:
    end: float
    seconds: float
    status: int
    size: int


@dataclass
class Scenario:
    name: str
    path: str
    method: str
    samples: list[Sample] = field(default_factory=list)
    bad: list[str] = field(default_factory=list)


class StepPool:
    """Running sessions to answer; each client takes the next one when its session ends."""

    def __init__(self, steps: list[list[Any]]) -> None:
        self.items = list(steps)
        self.lock = threading.Lock()

    def take(self) -> list[Any] | None:
        with self.lock:
            return self.items.pop(0) if self.items else None


def run(
    scenario: Scenario,
    host: str,
    make_worker: Callable[[int], Callable[[], tuple[int, int, bool]]],
    *,
    concurrency: int,
    seconds: float,
    warmup: float,
    cpu: ServerCpu,
) -> dict[str, Any]:
    stop = threading.Event()
    start = time.perf_counter()
    lock = threading.Lock()

    def loop(index: int) -> None:
        work = make_worker(index)
        while not stop.is_set():
            t0 = time.perf_counter()
            try:
                status, size, ok = work()
            except StopIteration:
                return
            except requests.RequestException as exc:
                status, size, ok = 0, 0, False
                with lock:
                    scenario.bad.append(repr(exc)[:200])
            t1 = time.perf_counter()
            with lock:
                if t0 - start >= warmup:
                    scenario.samples.append(Sample(t1, t1 - t0, status, size))
                if not ok:
                    scenario.bad.append(f"status {status}")

    requests.get(urljoin(host, f"/healthz?mark=start-{scenario.name}"), timeout=30)
    threads = [threading.Thread(target=loop, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    time.sleep(warmup)
    cpu_start, counted_from = cpu.seconds(), time.perf_counter()
    time.sleep(seconds)
    cpu_used, counted_to = cpu.seconds() - cpu_start, time.perf_counter()
    stop.set()
    for t in threads:
        t.join()
    requests.get(urljoin(host, f"/healthz?mark=end-{scenario.name}"), timeout=30)
    measured = [s for s in scenario.samples if s.end - start <= warmup + seconds + 60]
    window = (max(s.end for s in measured) - start - warmup) if measured else seconds
    sizes = [s.size for s in measured]
    in_cpu_window = sum(1 for s in measured if counted_from <= s.end <= counted_to)
    return {
        "cpu_ms": 1000 * cpu_used / in_cpu_window if in_cpu_window else 0.0,
        "name": scenario.name,
        "path": scenario.path,
        "method": scenario.method,
        "requests": len(measured),
        "rps": len(measured) / window if window > 0 else 0.0,
        "client_ms_p50": 1000 * statistics.median(s.seconds for s in measured) if measured else 0,
        "bytes_p50": statistics.median(sizes) if sizes else 0,
        "bytes_max": max(sizes) if sizes else 0,
        "errors": len(scenario.bad),
        "first_error": scenario.bad[0] if scenario.bad else "",
    }


def get_worker(host: str, keys: list[str], path: str) -> Callable[[int], Callable[[], Any]]:
    def make(index: int) -> Callable[[], tuple[int, int, bool]]:
        s = client(host, keys[index % len(keys)])

        def work() -> tuple[int, int, bool]:
            r = s.get(host + path, allow_redirects=False, timeout=60)
            return r.status_code, len(r.content), r.status_code == 200

        return work

    return make


def painlog_worker(host: str, keys: list[str]) -> Callable[[int], Callable[[], Any]]:
    def make(index: int) -> Callable[[], tuple[int, int, bool]]:
        s = client(host, keys[index % len(keys)])

        def work() -> tuple[int, int, bool]:
            data = {"pain": 3, "kind": "evening", "note": f"bench {uuid.uuid4().hex}"}
            r = s.post(
                host + "/log/",
                data={**data, "logged_at": "", "csrfmiddlewaretoken": CSRF},
                headers={"X-CSRFToken": CSRF, "Referer": host + "/log/"},
                allow_redirects=False,
                timeout=60,
            )
            return r.status_code, len(r.content), r.headers.get("Location") == "/log/"

        return work

    return make


def step_worker(host: str, pool: StepPool) -> Callable[[int], Callable[[], Any]]:
    """htmx "Done" POSTs; a client moves to a fresh session when its holds run out."""

    def make(index: int) -> Callable[[], tuple[int, int, bool]]:
        state: dict[str, Any] = {"session": None, "position": 1}

        def next_session() -> None:
            taken = pool.take()
            if taken is None:
                raise StopIteration
            key, pk = taken
            state.update(session=client(host, key), url=f"{host}/sessions/{pk}/", position=1)

        def work() -> tuple[int, int, bool]:
            if state["session"] is None:
                next_session()
            r = state["session"].post(
                state["url"],
                data={"position": state["position"], "action": "done", "csrfmiddlewaretoken": CSRF},
                headers={"HX-Request": "true", "X-CSRFToken": CSRF},
                allow_redirects=False,
                timeout=60,
            )
            found = [(int(p), a) for p, a in ANSWER.findall(r.text)]
            ok = r.status_code == 200 and bool(found) and found[0][0] == state["position"] + 1
            if found and found[0][1] == "done":
                state["position"] = found[0][0]
            else:
                state["session"] = None  # the pain-after screen: this session's holds are done
            return r.status_code, len(r.content), ok

        return work

    return make


def page_weight(host: str, pages: list[tuple[str, str, str | None]]) -> list[dict[str, Any]]:
    """HTML + CSS + JS of each page, uncompressed, as a browser with an empty cache loads it."""
    results = []
    for name, path, key in pages:
        s = client(host, key)
        r = s.get(host + path, timeout=60)
        html = r.content
        assets = sorted(set(ASSETS.findall(r.text)))
        asset_bytes = {a: len(s.get(urljoin(r.url, a), timeout=60).content) for a in assets}
        images = sorted(set(IMAGES.findall(r.text)))
        image_bytes = sum(len(s.get(urljoin(r.url, i), timeout=60).content) for i in images)
        results.append(
            {
                "name": name,
                "path": r.url.removeprefix(host),
                "status": r.status_code,
                "html": len(html),
                "css_js": sum(asset_bytes.values()),
                "total": len(html) + sum(asset_bytes.values()),
                "images": image_bytes,
                "assets": asset_bytes,
            }
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--logins", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--server-pid", type=int, help="the gunicorn master, for CPU time")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="only the dashboards, against a server that keeps no figures (BENCH_CACHE=none)",
    )
    args = parser.parse_args()
    logins = json.loads(Path(args.logins).read_text())
    short, long_, steps = logins["short"], logins["long"], logins["step"]
    host = args.host.rstrip("/")
    # The last running session is for the query count, the one before for page weight.
    weighed_session = steps[-2]
    pool = StepPool(steps[:-2])

    library = "" if args.cold else client(host, short[0]).get(host + "/routines/", timeout=60).text
    stretch = re.search(r'href="(/routines/stretches/[^"]+/)"', library)
    pages: list[tuple[str, str, str | None]] = [
        ("Home (signed out)", "/", None),
        ("Log in", "/accounts/login/", None),
        ("Sign up", "/accounts/signup/", None),
        ("Progress dashboard (6 weeks)", "/progress/", short[0]),
        ("Progress dashboard (5 years)", "/progress/", long_[0]),
        ("Clinician report", "/progress/report/", short[0]),
        ("Share links", "/progress/shares/", short[0]),
        ("Log pain", "/log/", short[0]),
        ("Weekly check-in (PEG-3)", "/log/weekly/", short[0]),
        ("Today's routine", "/routines/today/", short[0]),
        ("Why this plan", "/routines/why/", short[0]),
        ("Stretch library", "/routines/", short[0]),
        ("Safety check history", "/screening/history/", short[0]),
        ("Safety check result", "/screening/result/", short[0]),
        ("Account", "/accounts/profile/", short[0]),
        ("Guided session (a hold)", f"/sessions/{weighed_session[1]}/", weighed_session[0]),
    ]
    if stretch:
        pages.insert(12, ("One stretch", stretch.group(1), short[0]))
    extra = logins.get("pages", {})
    if extra:
        pages += [
            ("Guided session (pain before)", f"/sessions/{extra['pain_before'][1]}/",
             extra["pain_before"][0]),
            ("Guided session (summary)", f"/sessions/{extra['summary'][1]}/", extra["summary"][0]),
            ("Shared report (clinician link)", f"/shared/{extra['share_token']}/", None),
        ]  # fmt: skip
    pages += [
        ("Safety check questions", "/screening/", short[0]),
        ("Change password", "/accounts/password_change/", short[0]),
        ("Delete my data", "/progress/delete-my-data/", short[0]),
    ]
    weights = [] if args.cold else page_weight(host, pages)

    cpu = ServerCpu(args.server_pid, postmaster_pid())
    load_before = os.getloadavg()[0]
    common = {"concurrency": args.concurrency, "seconds": args.seconds, "warmup": args.warmup}
    base = "/bench/baseline/"
    scenarios = [
        ("baseline", base, "GET", get_worker(host, short, base)),
        ("dashboard-6w", "/progress/", "GET", get_worker(host, short, "/progress/")),
        ("dashboard-5y", "/progress/", "GET", get_worker(host, long_, "/progress/")),
        ("step-post", "/sessions/", "POST", step_worker(host, pool)),
        ("painlog-post", "/log/", "POST", painlog_worker(host, logins["load"])),
    ]
    if args.cold:
        # Every view computes the figures, as the first view after a change does.
        scenarios = [
            scenarios[0],
            ("dashboard-6w-cold", "/progress/", "GET", get_worker(host, short, "/progress/")),
            ("dashboard-5y-cold", "/progress/", "GET", get_worker(host, long_, "/progress/")),
        ]
    runs = []
    # Each measurement is paired with a baseline run just before it, and each
    # ratio taken within its pair: other work on the machine moves both alike.
    base_name, base_path, base_method, base_make = scenarios[0]
    for round_number in range(1, args.rounds + 1):
        for name, path, method, make in scenarios[1:]:
            pair = []
            for label, p, m, mk in ((base_name, base_path, base_method, base_make),
                                    (name, path, method, make)):  # fmt: skip
                scenario = Scenario(f"{label}.{name}.{round_number}", p, m)
                result = run(scenario, host, mk, cpu=cpu, **common)
                result.update(scenario=label, pair=name, round=round_number)
                pair.append(result)
            pair[1]["baseline_rps"] = pair[0]["rps"]
            pair[1]["baseline_cpu_ms"] = pair[0]["cpu_ms"]
            for result in pair:
                print(
                    f"  {result['name']:<28} {result['rps']:7.1f} req/s"
                    f"  p50 {result['client_ms_p50']:6.1f} ms  cpu {result['cpu_ms']:5.1f} ms"
                    f"  {result['bytes_p50']:>7.0f} B"
                    f"  errors {result['errors']}"
                )
            runs.extend(pair)
    load = {"load_before": load_before, "load_after": os.getloadavg()[0]}
    report = {"runs": runs, "pages": weights, "rounds": args.rounds, **load, **common}
    Path(args.out).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
