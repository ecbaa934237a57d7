"""How long the progress dashboard takes, and how many queries it makes, for
six weeks and for five years of history.

    .venv/bin/python bench/dashboard.py [--runs 30]

It builds its own throwaway test database (in-memory SQLite by default; a
temporary PostgreSQL database when DATABASE_URL points at PostgreSQL),
fills it, times full requests through the whole middleware stack in-process,
prints a table and drops the database again. Nothing in the checkout changes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import zoneinfo
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402

from config.models import Profile  # noqa: E402
from screening.models import Screening  # noqa: E402
from screening.rules import RULES_VERSION, assess, clean_answers  # noqa: E402
from tracking.management.commands.seed_demo import CLEAR_ANSWERS, seed_history  # noqa: E402
from tracking.models import PainLog, PegCheckin, Session  # noqa: E402

ZONE = zoneinfo.ZoneInfo("Europe/London")
FIVE_YEARS = 5 * 365


def make_person(name: str) -> Any:
    user = get_user_model().objects.create_user(name)  # no password: logged in directly
    user.date_joined = timezone.now() - timedelta(days=FIVE_YEARS + 2)
    user.save()
    Profile.objects.create(user=user, time_zone=ZONE.key)
    answers = clean_answers(CLEAR_ANSWERS)
    now = timezone.now()
    Screening.record(user, assess(answers, today=now.date()), answers, version=RULES_VERSION)
    return user


def five_years(user: Any) -> None:
    """A morning log and two sessions (each with before/after logs) a day, weekly PEG-3."""
    today = timezone.now().astimezone(ZONE).date()
    days = [today - timedelta(days=d) for d in range(1, FIVE_YEARS + 1)]

    def at(day: Any, hour: int) -> datetime:
        return datetime.combine(day, clock(hour, 0), tzinfo=ZONE)

    sessions = Session.objects.bulk_create(
        (
            Session(
                user=user,
                status="completed",
                started_at=at(day, hour),
                ended_at=at(day, hour) + timedelta(minutes=10),
                last_activity_at=at(day, hour) + timedelta(minutes=10),
            )
            for day in days
            for hour in (8, 18)
        ),
        batch_size=2000,
    )
    logs = [
        PainLog(user=user, kind="morning", pain=3 + d % 4, logged_at=at(day, 7))
        for d, day in enumerate(days)
    ]
    for s in sessions:
        logs.append(PainLog(user=user, kind="before", pain=5, logged_at=s.started_at, session=s))
        logs.append(PainLog(user=user, kind="after", pain=3, logged_at=s.ended_at, session=s))
    PainLog.objects.bulk_create(logs, batch_size=5000)
    PegCheckin.objects.bulk_create(
        PegCheckin(user=user, pain=5, enjoyment=4, activity=5, checked_at=at(day, 20))
        for day in days[::7]
    )


def measure(client: Client, period: str, runs: int) -> tuple[float, float, int]:
    url = f"/progress/?period={period}"
    client.get(url)  # warm: the time zone is cached in the session after the first request
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), statistics.quantiles(timings, n=10)[-1], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed requests per row (default 30)")
    args = parser.parse_args()

    setup_test_environment()
    if connection.vendor != "sqlite":
        # Its own name, so it never clobbers the test database of a suite running beside it.
        connection.settings_dict.setdefault("TEST", {})["NAME"] = (
            f"test_{os.getpid()}_bench_dashboard"
        )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        short = make_person("bench6w")
        now = timezone.now()
        seed_history(short, today=now.astimezone(ZONE).date(), now=now, zone=ZONE)
        long = make_person("bench5y")
        five_years(long)
        rows = PainLog.objects.count()
        took = time.perf_counter() - started
        print(f"{connection.vendor}: {rows} pain logs written in {took:.1f} s")
        print(f"{'history':<10} {'period':<7} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
        for label, user in (("6 weeks", short), ("5 years", long)):
            client = Client()
            client.force_login(user)
            for period in ("6w", "all"):
                median, p90, queries = measure(client, period, args.runs)
                print(f"{label:<10} {period:<7} {median:>10.1f} {p90:>8.1f} {queries:>8}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
