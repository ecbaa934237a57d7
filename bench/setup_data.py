"""Create the bench accounts: a current clear screening and months or years of history.

Run with DJANGO_SETTINGS_MODULE=bench.settings against the bench database:

    python -m bench.setup_data --load-users 50 --bench-users 4

Six-week accounts reuse tracking's demo history (``seed_history``); the
five-year and load accounts are written with bulk inserts, because row by
row five years take minutes.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import time
import zoneinfo
from datetime import date, datetime, timedelta
from datetime import time as clock
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.accounts import (  # noqa: E402
    LOAD_PREFIX,
    LONG_PREFIX,
    PASSWORD,
    SHORT_PREFIX,
    START_PREFIX,
    STEP_PREFIX,
    username,
)
from config.middleware import TZ_SESSION_KEY  # noqa: E402
from config.models import Profile  # noqa: E402
from routines.today import today_for  # noqa: E402
from screening.models import Screening  # noqa: E402
from screening.rules import RULES_VERSION, Tier, assess, clean_answers  # noqa: E402
from tracking import session_flow as flow  # noqa: E402
from tracking.history import history_for  # noqa: E402
from tracking.management.commands.seed_demo import CLEAR_ANSWERS, seed_history  # noqa: E402
from tracking.models import PainLog, PegCheckin, Session, ShareLink  # noqa: E402

ZONE = zoneinfo.ZoneInfo("Europe/London")
FIVE_YEARS = 5 * 365 + 1


def make_user(name: str, encoded_password: str, joined: datetime) -> Any:
    user = get_user_model().objects.create(
        username=name, email=f"{name}@example.com", password=encoded_password, date_joined=joined
    )
    Profile.objects.create(user=user, time_zone=ZONE.key)
    return user


def clear_screening(user: Any, at: datetime) -> Screening:
    """A current, non-blocking result, made through the screening rules themselves."""
    answers = clean_answers(CLEAR_ANSWERS)
    assessment = assess(answers, today=at.date())
    if assessment.tier != Tier.CLEAR:
        raise SystemExit("The demo answers no longer give a clear screening.")
    return Screening.record(user, assessment, answers, version=RULES_VERSION, created_at=at)


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, clock(hour, minute), tzinfo=ZONE)


def bulk_history(user: Any, *, days: int, now: datetime, seed: int) -> int:
    """Morning pain, two sessions on most days with before/after pain, weekly PEG-3."""
    rng = random.Random(seed)
    today = now.astimezone(ZONE).date()
    first = today - timedelta(days=days)
    sessions: list[Session] = []
    pains: list[tuple[int, int, datetime, datetime]] = []  # (before, after, start, end)
    logs: list[PainLog] = []
    pegs: list[PegCheckin] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        level = 3 + 2.5 * abs(((offset // 30) % 6) - 3) / 3
        if rng.random() > 0.05:
            logs.append(
                _log(user, "morning", level + rng.gauss(0, 0.7), _at(day, 7, rng.randint(0, 40)))
            )
        if rng.random() < 0.1:
            continue
        for hour in (8, 18):
            start = _at(day, hour, rng.randint(0, 30))
            end = start + timedelta(minutes=rng.randint(8, 14))
            sessions.append(
                Session(user=user, status=Session.Status.COMPLETED, started_at=start,
                        ended_at=end, last_activity_at=end, stage=1, position=0)
            )  # fmt: skip
            before = _clamp(level + rng.gauss(0, 0.5))
            pains.append((before, _clamp(before - rng.choice([0, 1, 1, 2])), start, end))
        if offset % 7 == 6:
            pegs.append(
                PegCheckin(user=user, pain=_clamp(level), enjoyment=_clamp(level - 0.5),
                           activity=_clamp(level + 0.3), checked_at=_at(day, 20, 0))
            )  # fmt: skip
    Session.objects.bulk_create(sessions, batch_size=2000)
    for session, (before, after, start, end) in zip(sessions, pains, strict=True):
        logs.append(_log(user, "before", before, start, session))
        logs.append(_log(user, "after", after, end, session))
    PainLog.objects.bulk_create(logs, batch_size=2000)
    PegCheckin.objects.bulk_create(pegs, batch_size=2000)
    return len(logs) + len(sessions) + len(pegs)


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))


def _log(
    user: Any, kind: str, pain: float, at: datetime, session: Session | None = None
) -> PainLog:
    return PainLog(user=user, kind=kind, pain=_clamp(pain), logged_at=at, session=session)


def signed_in(user: Any) -> str:
    """A stored login session for the benchmarks, so they spend no time on password hashing."""
    store = importlib.import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[TZ_SESSION_KEY] = ZONE.key
    store.create()
    return store.session_key


def running_session(user: Any, now: datetime) -> Session:
    """Today's session, started the way the view starts it, with the pain-before answered."""
    day = now.astimezone(ZONE).date()
    today = today_for(user, day, history_for(user, day))
    session = Session.begin(user, today.plan.steps, stage=today.decision.stage, now=now)
    event = flow.Event(0, flow.Action.PAIN, pain=4)
    transition = flow.advance(session.state, event, session.steps)
    if transition is None:
        raise RuntimeError("the session flow refused the pain-before answer")
    session.apply(transition, now)
    return session


def answer_every_screen(session: Session, now: datetime) -> None:
    """Pain before, every hold done, pain after: the session ends on its summary."""
    while session.screen in (flow.Screen.PAIN_BEFORE, flow.Screen.STEP, flow.Screen.PAIN_AFTER):
        if session.screen is flow.Screen.STEP:
            event = flow.Event(session.position, flow.Action.DONE)
        else:
            event = flow.Event(session.position, flow.Action.PAIN, pain=3)
        transition = flow.advance(session.state, event, session.steps)
        if transition is None:
            raise RuntimeError(f"the session flow refused {event}")
        session.apply(transition, now)


def page_fixtures(encoded_password: str, now: datetime) -> dict[str, Any]:
    """What the page-weight check needs beyond plain URLs: a share link, a
    finished session and a session still on its first screen."""
    owner = get_user_model().objects.get(username=username(SHORT_PREFIX, 1))
    _, token = ShareLink.create_for(owner, now)
    starter = make_user(username(START_PREFIX, 1), encoded_password, now - timedelta(days=15))
    bulk_history(starter, days=14, now=now, seed=3000)
    clear_screening(starter, now - timedelta(days=1))
    day = now.astimezone(ZONE).date()
    today = today_for(starter, day, history_for(starter, day))
    done = Session.begin(starter, today.plan.steps, stage=today.decision.stage, now=now)
    answer_every_screen(done, now)
    fresh = Session.begin(starter, today.plan.steps, stage=today.decision.stage, now=now)
    key = signed_in(starter)
    return {
        "summary": [key, done.pk],
        "share_token": token,
        "pain_before": [key, fresh.pk],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-users", type=int, default=0)
    parser.add_argument("--load-days", type=int, default=42)
    parser.add_argument("--bench-users", type=int, default=0)
    parser.add_argument("--step-users", type=int, default=0, help="each with a running session")
    parser.add_argument("--logins", help="write stored login sessions (JSON) here")
    args = parser.parse_args()
    started = time.monotonic()
    now = timezone.now()
    encoded = make_password(PASSWORD)  # one slow hash, shared by every account
    rows = 0
    logins: dict[str, Any] = {"load": [], "short": [], "long": [], "step": []}
    with transaction.atomic():
        for n in range(1, args.load_users + 1):
            user = make_user(
                username(LOAD_PREFIX, n), encoded, now - timedelta(days=args.load_days + 1)
            )
            rows += bulk_history(user, days=args.load_days, now=now, seed=n)
            clear_screening(user, now - timedelta(days=1))
            logins["load"].append(signed_in(user))
        for n in range(1, args.bench_users + 1):
            user = make_user(username(SHORT_PREFIX, n), encoded, now - timedelta(days=43))
            # tracking's own demo story; it also records a current clear screening.
            seed_history(user, today=now.astimezone(ZONE).date(), now=now, zone=ZONE)
            clear_screening(user, now - timedelta(days=1))
            logins["short"].append(signed_in(user))
            user = make_user(
                username(LONG_PREFIX, n), encoded, now - timedelta(days=FIVE_YEARS + 1)
            )
            rows += bulk_history(user, days=FIVE_YEARS, now=now, seed=1000 + n)
            clear_screening(user, now - timedelta(days=1))
            logins["long"].append(signed_in(user))
        for n in range(1, args.step_users + 1):
            user = make_user(username(STEP_PREFIX, n), encoded, now - timedelta(days=15))
            rows += bulk_history(user, days=14, now=now, seed=2000 + n)
            clear_screening(user, now - timedelta(days=1))
            session = running_session(user, now)
            logins["step"].append([signed_in(user), session.pk])
        if args.bench_users:
            logins["pages"] = page_fixtures(encoded, now)
    if connection.vendor == "postgresql":
        # What autovacuum would do soon after a bulk load, done now so that it
        # does not run in the middle of a measurement.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    if args.logins:
        with open(args.logins, "w") as handle:
            json.dump(logins, handle)
    print(
        f"bench data: {args.load_users} load, {args.bench_users}+{args.bench_users} history and "
        f"{args.step_users} session accounts, {rows} bulk rows, in "
        f"{time.monotonic() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
