"""Turn one ``make bench`` run into ratios against the baseline and write bench/RESULTS.md.

Only the part between the ``measured`` markers is rewritten; notes written
by hand around it (analysis, history) stay. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

START, END = "<!-- measured:start -->", "<!-- measured:end -->"
KB = 1024
PAGE_LIMIT = 100 * KB
SESSION_PAGE_LIMIT = 150 * KB
SWAP_LIMIT = 10 * KB


def server_times(access_log: Path) -> dict[str, list[float]]:
    """Server milliseconds per scenario (all rounds), from the lines between its markers."""
    times: dict[str, list[float]] = {}
    current: str | None = None
    for line in access_log.read_text().splitlines():
        parts = line.split()
        if len(parts) < 7:
            continue
        method, path, query, micros = parts[-6], parts[-5], parts[-4], parts[-1]
        mark = re.match(r"q=mark=(start|end)-(\S+)", query)
        if mark:
            current = mark.group(2).split(".")[0] if mark.group(1) == "start" else None
            continue
        if current is not None and path != "/healthz":
            times.setdefault(f"{current} {method}", []).append(int(micros) / 1000)
    return times


def revision() -> str:
    """The commit measured, so a figure can be tied to the code behind it."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "an unknown commit"
    return f"commit {head}" + (" with uncommitted changes" if dirty else "")


def machine(database: str) -> str:
    cpu = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = f" ({found.group(1).strip()})" if found else ""
    return (
        f"{os.cpu_count()} cores{cpu}, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {database}"
    )


class Table:
    def __init__(self) -> None:
        self.rows: list[str] = []
        self.missed: list[str] = []

    def add(
        self, what: str, measured: str, target: str, ok: bool, ok_too: bool | None = None
    ) -> None:
        """``ok_too`` is the second view (CPU time); when the two disagree, say so."""
        both = ok if ok_too is None else ok and ok_too
        either = ok if ok_too is None else ok or ok_too
        result = (
            "met" if both else ("**missed**" if not either else "unclear (the two views differ)")
        )
        self.rows.append(f"| {what} | {measured} | {target} | {result} |")
        if not both:
            self.missed.append(what)


def build(
    http: dict[str, Any], queries: dict[str, Any], times: dict[str, list[float]]
) -> tuple[str, list[str]]:
    by: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in http["runs"]:
        by[r["scenario"]].append(r)

    def rps(name: str) -> float:
        return statistics.median(r["rps"] for r in by[name])

    def ratio(name: str) -> float:
        """Median over rounds of (this scenario / the baseline run just before it)."""
        if name == "baseline":
            return 1.0
        return statistics.median(r["rps"] / r["baseline_rps"] for r in by[name])

    def cpu_ratio(name: str) -> float:
        """Median over rounds of (baseline CPU per request / this CPU per request)."""
        if name == "baseline":
            return 1.0
        pairs = [r["baseline_cpu_ms"] / r["cpu_ms"] for r in by[name] if r.get("cpu_ms")]
        return statistics.median(pairs) if pairs else 0.0

    def cpu_ms(name: str) -> float:
        return statistics.median(r.get("cpu_ms", 0.0) for r in by[name])

    def server_ms(name: str, method: str) -> float:
        return statistics.median(times.get(f"{name} {method}", [0]))

    base_ms = server_ms("baseline", "GET")
    t = Table()
    for name, label, goal in (
        ("dashboard-6w-cold", "Dashboard, 6 weeks, empty cache: throughput", 0.4),
        ("dashboard-5y-cold", "Dashboard, 5 years, empty cache: throughput", 0.4),
        ("dashboard-6w", "Dashboard, 6 weeks, cached: throughput", 0.6),
        ("dashboard-5y", "Dashboard, 5 years, cached: throughput", 0.6),
        ("step-post", "Session step POST (htmx): throughput", 0.6),
        ("painlog-post", "Pain-log POST: throughput", 0.6),
    ):
        if name not in by:
            continue
        measured, capacity = ratio(name), cpu_ratio(name)
        t.add(
            label,
            f"{rps(name):.1f} req/s = **{measured:.2f}x**; by CPU per request **{capacity:.2f}x**",
            f">= {goal}x",
            measured >= goal,
            capacity >= goal,
        )
    ms6 = server_ms("dashboard-6w", "GET")
    t.add(
        "Dashboard, 6 weeks: server time per request (median)",
        f"{ms6:.1f} ms = **{ms6 / base_ms:.2f}x**; CPU {cpu_ms('dashboard-6w'):.1f} ms = "
        f"**{1 / cpu_ratio('dashboard-6w'):.2f}x**",
        "<= 2x",
        ms6 <= 2 * base_ms,
        cpu_ratio("dashboard-6w") >= 0.5,
    )
    cpu = queries.get("_cpu", {})
    if cpu:
        base_cpu = cpu["baseline"]
        for name, label, goal in (
            ("dashboard-6w-cold", "Dashboard, 6 weeks, first view after a change", 0.4),
            ("dashboard-5y-cold", "Dashboard, 5 years, first view after a change", 0.4),
        ):
            t.add(
                f"{label} (cache empty; Django CPU in-process, queries)",
                f"{cpu[name]:.1f} ms vs baseline {base_cpu:.1f} ms = "
                f"**{base_cpu / cpu[name]:.2f}x**",
                f">= {goal}x",
                base_cpu / cpu[name] >= goal,
            )
    dash = {k: v for k, v in queries.items() if k.startswith("dashboard-")}
    cold = sorted({v["queries"] for v in dash.values()})
    warm = sorted({v.get("warm_queries", v["queries"]) for v in dash.values()})
    q6, q5 = queries["dashboard-6w"], queries["dashboard-5y"]
    t.add(
        "Dashboard: queries, 6 weeks vs 5 years (every period, full page and htmx)",
        f"first view {q6['queries']} vs {q5['queries']}, repeated view "
        f"{q6.get('warm_queries', '-')} vs {q5.get('warm_queries', '-')}; "
        f"all {len(dash)} variants: first {cold}, repeated {warm}",
        "constant",
        len(cold) == 1 and len(warm) == 1,
    )
    swap = max(r["bytes_max"] for r in by["step-post"])
    t.add(
        "Session step POST: swap size (largest)",
        f"{swap / KB:.1f} KB",
        "< 10 KB",
        0 < swap < SWAP_LIMIT,
    )
    errors = sum(r["errors"] for r in http["runs"])
    t.add("Errors during the benchmark", str(errors), "0", errors == 0)
    for page in http["pages"]:
        limit = SESSION_PAGE_LIMIT if "session" in page["name"].lower() else PAGE_LIMIT
        ok = page["status"] == 200 and page["total"] < limit
        status = "" if page["status"] == 200 else f", HTTP {page['status']}"
        t.add(
            f"Page weight: {page['name']}",
            f"{page['total'] / KB:.1f} KB (HTML {page['html'] / KB:.1f} + CSS/JS "
            f"{page['css_js'] / KB:.1f}){status}",
            f"< {limit // KB} KB",
            ok,
        )

    detail = [
        "| Scenario | Req/s per run | Ratio (median) | Server CPU ms per request | CPU ratio "
        "| Server ms median | Server ms ratio | Client ms median | Response bytes | Queries |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, runs in by.items():
        method = runs[0]["method"]
        ms = server_ms(name, method)
        detail.append(
            f"| {name} | {' / '.join(f'{r["rps"]:.1f}' for r in runs)} | {ratio(name):.2f} | "
            f"{cpu_ms(name):.1f} | {cpu_ratio(name):.2f} | {ms:.1f} | {ms / base_ms:.2f} | "
            f"{statistics.median(r['client_ms_p50'] for r in runs):.1f} | "
            f"{statistics.median(r['bytes_p50'] for r in runs):.0f} | "
            f"{queries.get(name, {}).get('queries', '')} |"
        )
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = "\n".join(
        [
            START,
            f"Measured {now} at {revision()} on {machine(queries.get('_database', 'PostgreSQL'))}.",
            f"gunicorn, 2 sync workers, production settings (DEBUG off), one run: "
            f"{http['rounds']} rounds; in each, every scenario runs right after a baseline run "
            f"({http['concurrency']} closed-loop clients, {http['seconds']:.0f} s after a "
            f"{http['warmup']:.0f} s warm-up). A ratio is scenario / its paired baseline, median "
            "over the rounds. The client shares the 2 cores with the server, and so does any "
            "other work on the machine: the second view, CPU seconds of gunicorn and PostgreSQL "
            "per request (baseline CPU / scenario CPU), does not move with that load. "
            f"Load average (1 min) {http.get('load_before', 0):.1f} at the start, "
            f"{http.get('load_after', 0):.1f} at the end.",
            f"Baseline: {rps('baseline'):.1f} req/s (rounds: "
            f"{' / '.join(f'{r["rps"]:.1f}' for r in by['baseline'])}), server time "
            f"{base_ms:.1f} ms, {queries['baseline']['queries']} queries.",
            "",
            "| Target | Measured | Goal | Result |",
            "|---|---|---|---|",
            *t.rows,
            "",
            *detail,
            "",
            f"Targets missed: {', '.join(t.missed) if t.missed else 'none'}.",
            END,
        ]
    )
    return section, t.missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--http", required=True)
    parser.add_argument("--http-cold", help="the dashboards against a server without a cache")
    parser.add_argument("--queries", required=True)
    parser.add_argument("--access-log", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--profiles")
    args = parser.parse_args()
    http = json.loads(Path(args.http).read_text())
    if args.http_cold and Path(args.http_cold).exists():
        http["runs"] += json.loads(Path(args.http_cold).read_text())["runs"]
    queries = json.loads(Path(args.queries).read_text())
    section, missed = build(http, queries, server_times(Path(args.access_log)))
    results = Path(args.results)
    old = results.read_text() if results.exists() else f"# Benchmark results\n\n{START}\n{END}\n"
    if START not in old:
        old = f"{old.rstrip()}\n\n{START}\n{END}\n"
    before, _, rest = old.partition(START)
    _, _, after = rest.partition(END)
    results.write_text(before + section + after)
    print(section)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
