"""Judge a load or fault run: what users saw, and what the database kept.

    python -m bench.check stats   OUT/locust_stats.csv
    python -m bench.check verdict --events E --ledger L [--timeline T] [--outage] [--kill]

``verdict`` prints one PASS/FAIL line per requirement and exits 1 if any
failed. The ledger comparison reads the database named by DATABASE_URL
(with DJANGO_SETTINGS_MODULE=bench.settings).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

# After the database comes back, failures must stop within this many seconds.
RECOVERY_SECONDS = 2.0
# A killed sync worker takes at most its one request in flight with it; allow
# one more for a connection the kernel had already handed to it.
KILL_ERRORS_MAX = 2
KILL_WINDOW_SECONDS = 3.0


def read_jsonl(path: str | None) -> list[dict[str, Any]]:
    if not path or not Path(path).exists():
        return []
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]


def read_timeline(path: str | None) -> dict[str, float]:
    marks: dict[str, float] = {}
    if path and Path(path).exists():
        for line in Path(path).read_text().splitlines():
            name, _, value = line.partition(" ")
            marks[name] = float(value)
    return marks


class Verdict:
    def __init__(self) -> None:
        self.failed = 0

    def line(self, ok: bool, text: str) -> None:
        self.failed += not ok
        print(f"  {'PASS' if ok else 'FAIL'}  {text}")


def check_events(v: Verdict, events: list[dict[str, Any]], marks: dict[str, float], args) -> None:
    kinds = Counter(e["kind"] for e in events)
    print(f"  requests: {len(events)} ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})")
    v.line(len(events) > 0 and kinds["ok"] > 0, "the run made successful requests")
    unclean = [e for e in events if e["kind"] in ("error", "unclean-503")]
    v.line(
        not unclean,
        f"no unexpected status and no 503 without the outage page: {len(unclean)}"
        + (f" (first: {unclean[0]['name']} {unclean[0]['status']})" if unclean else ""),
    )
    kill = marks.get("worker_kill")
    broken = [e for e in events if e["kind"] == "connection"]
    in_window = [e for e in broken if kill and kill - 1 <= e["end"] <= kill + KILL_WINDOW_SECONDS]
    if args.kill and kill:
        v.line(
            len(in_window) <= KILL_ERRORS_MAX and len(in_window) == len(broken),
            f"worker crash: {len(in_window)} broken connection(s), all at the kill "
            f"(at most {KILL_ERRORS_MAX}; {len(broken) - len(in_window)} elsewhere)",
        )
        replaced = marks.get("worker_replaced", 0) == 1
        v.line(replaced, "worker crash: the master started a new worker (2 workers again)")
    else:
        v.line(not broken, f"no broken connections: {len(broken)}")
    outages = [e for e in events if e["kind"] == "outage"]
    if not args.outage:
        v.line(not outages, f"no 503 responses: {len(outages)}")
        return
    down, up = marks.get("db_stop"), marks.get("db_up")
    gone = marks.get("db_down", down)
    if down is None or up is None:
        v.line(False, "database outage: the timeline has no stop/start marks")
        return
    htmx = sum(1 for e in outages if e.get("htmx"))
    v.line(
        len(outages) > 0,
        f"database outage ({up - gone:.1f} s down): {len(outages)} requests got the clean "
        "503 page with Retry-After",
    )
    v.line(htmx > 0, f"database outage: {htmx} htmx swaps got the short message fragment")
    early = [e for e in outages if e["end"] < down - 0.5]
    v.line(not early, f"no 503 before the database stopped: {len(early)}")
    last = max((e["end"] for e in outages), default=up)
    late = [e for e in outages if e["end"] > up + RECOVERY_SECONDS]
    v.line(
        not late,
        f"503s stop within {RECOVERY_SECONDS:.0f} s of the database answering again: "
        f"last one {last - up:+.2f} s after it, {len(late)} later than allowed",
    )
    after = [e for e in events if e["kind"] == "ok" and e["start"] > up + RECOVERY_SECONDS]
    v.line(len(after) > 0, f"requests succeed again after the outage: {len(after)}")


def check_ledger(v: Verdict, ledger: list[dict[str, Any]]) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from tracking.models import PainLog, SessionStep

    outcomes = Counter(entry["outcome"] for entry in ledger)
    print(f"  writes: {len(ledger)} ({', '.join(f'{k} {n}' for k, n in sorted(outcomes.items()))})")
    notes = [e for e in ledger if e["kind"] == "painlog"]
    stored = set(
        PainLog.objects.filter(note__in=[e["note"] for e in notes]).values_list("note", flat=True)
    )
    lost = [e for e in notes if e["outcome"] == "acknowledged" and e["note"] not in stored]
    ghost = [e for e in notes if e["outcome"] == "refused" and e["note"] in stored]
    unknown_kept = sum(1 for e in notes if e["outcome"] == "unknown" and e["note"] in stored)
    acked = sum(1 for e in notes if e["outcome"] == "acknowledged")
    v.line(not lost, f"pain logs: {acked} acknowledged, {len(lost)} missing from the database")
    refused = sum(1 for e in notes if e["outcome"] == "refused")
    v.line(not ghost, f"pain logs: {refused} refused (503), {len(ghost)} stored anyway")
    if unknown_kept or outcomes["unknown"]:
        print(
            f"  note: {unknown_kept} pain log(s) cut off mid-request were stored (either is fine)"
        )

    # Session answers: one row per (session, screen); a retry may follow a refusal.
    by_screen: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    for e in ledger:
        if e["kind"] == "step":
            by_screen[(e["session"], e["position"])].append(e)
    sessions = {s for s, _ in by_screen}
    steps = set(
        SessionStep.objects.filter(session_id__in=sessions).values_list("session_id", "number")
    )
    pains = set(PainLog.objects.filter(session_id__in=sessions).values_list("session_id", "kind"))
    lost_steps, ghost_steps, acked_steps, refused_steps = [], [], 0, 0
    for (session, position), tries in by_screen.items():
        action = tries[0]["action"]
        if action == "pain":
            kept = (session, "before" if position == 0 else "after") in pains
        else:
            kept = (session, position) in steps
        if any(t["outcome"] == "acknowledged" for t in tries):
            acked_steps += 1
            if not kept:
                lost_steps.append((session, position))
        elif all(t["outcome"] == "refused" for t in tries):
            refused_steps += 1
            if kept:
                ghost_steps.append((session, position))
    v.line(
        not lost_steps,
        f"session answers: {acked_steps} acknowledged, {len(lost_steps)} missing"
        + (f" (first: session {lost_steps[0][0]} screen {lost_steps[0][1]})" if lost_steps else ""),
    )
    refused_tries = sum(1 for e in ledger if e["kind"] == "step" and e["outcome"] == "refused")
    v.line(
        not ghost_steps,
        f"session answers: {refused_tries} POSTs refused (503); {refused_steps} screens only "
        f"ever refused, {len(ghost_steps)} of them stored anyway"
        + (f" (first: {ghost_steps[0]})" if ghost_steps else ""),
    )


def stats_table(path: str) -> str:
    """Locust's stats CSV as a Markdown table: requests/s and p50/p95/p99 per endpoint."""
    with Path(path).open() as handle:
        rows = list(csv.DictReader(handle))
    out = [
        "| Endpoint | Requests | Failures | Req/s | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        name = r["Name"] if r["Name"] != "Aggregated" else "**All**"
        out.append(
            f"| {name} | {r['Request Count']} | {r['Failure Count']} | "
            f"{float(r['Requests/s']):.1f} | {r['50%']} | {r['95%']} | {r['99%']} |"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    stats = sub.add_parser("stats")
    stats.add_argument("csv")
    verdict = sub.add_parser("verdict")
    verdict.add_argument("--title", default="run")
    verdict.add_argument("--events")
    verdict.add_argument("--ledger")
    verdict.add_argument("--timeline")
    verdict.add_argument("--outage", action="store_true")
    verdict.add_argument("--kill", action="store_true")
    args = parser.parse_args()
    if args.command == "stats":
        print(stats_table(args.csv))
        return
    v = Verdict()
    print(f"== {args.title} ==")
    check_events(v, read_jsonl(args.events), read_timeline(args.timeline), args)
    if args.ledger:
        check_ledger(v, read_jsonl(args.ledger))
    print(f"  {'PASS' if not v.failed else 'FAIL'}: {args.title}")
    sys.exit(1 if v.failed else 0)


if __name__ == "__main__":
    main()
