"""Create (or refresh) a demo account with six weeks of believable history.

Development only: it refuses to run when DEBUG is off, because the demo
password is printed for anyone to read.
"""

from __future__ import annotations

import random
import zoneinfo
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from config.models import Profile
from config.time_zones import local_day
from screening.models import Screening
from screening.records import record_stop
from screening.rules import RULES_VERSION, Tier, assess, clean_answers
from screening.standing import StopKind
from tracking.erase import erase_history
from tracking.models import PainLog, PegCheckin, Session, StopSignal

USERNAME = "demo"
PASSWORD = "limber-demo-2026"  # noqa: S105 - a published development-only password
TIME_ZONE = "Europe/London"
DAYS = 42
SKIPPED_DAYS = {9, 17, 30}  # no sessions on these days
MISSED_MORNINGS = {12, 31}  # no morning log: shown as gaps
FLARE_DAYS = {20: 2.0, 21: 2.5, 22: 1.5, 23: 0.5}  # extra pain during a flare
STOP_DAY = 21  # the evening session that was stopped, mid-flare

# Answers of a person with long-standing back pain and no red flag or caution.
CLEAR_ANSWERS: dict[str, object] = {
    "age": 42, "pain_start": "long-standing", "chest_pain": "no", "upper_back": "no",
    "worsening": "no", "bladder": "no", "bowel": "no", "saddle": "no", "sex": "no",
    "both_legs": "no", "both_legs_weaker": "no", "one_leg_weaker": "no", "one_leg_numb": "no",
    "below_knee": "no", "fever": "no", "recent_infection": "no", "infection_risk": "no",
    "cancer": "no", "weight_loss": "no", "aneurysm": "no", "fall": "none",
    "severe_pain": "no", "osteoporosis": "no", "steroids": "no", "recent_surgery": "no",
    "hip_replacement": "no", "knee_replacement": "no", "pregnancy": "no",
    "pelvic_pain": "no", "straining": "no", "rest_pain": "no", "night_pain": "no",
    "late_waking": "no", "stiff_mornings": "no", "worse_bending": "no", "knee_pain": "no",
    "floor_hard": "no",
}  # fmt: skip


class Command(BaseCommand):
    help = "Create the 'demo' account with six weeks of history (development only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--site",
            default="http://127.0.0.1:8000",
            help="Where the site is served, for the log-in address printed at the end.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo only runs in development (DEBUG=1): it creates an account whose "
                "password is printed here. Nothing was changed."
            )
        zone = zoneinfo.ZoneInfo(TIME_ZONE)
        now = timezone.now()
        with transaction.atomic():
            user = self._reset_user(now)
            seed_history(user, today=local_day(now, zone), now=now, zone=zone)
        self.stdout.write(
            self.style.SUCCESS("Demo account ready with six weeks of history.")
            + f"\n  Log in at {options['site'].rstrip('/')}/accounts/login/"
            f"\n  Username: {USERNAME}\n  Password: {PASSWORD}"
        )

    @staticmethod
    def _reset_user(now: datetime) -> Any:
        """Same account, fresh history: running the command twice gives the same result."""
        user, _ = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "demo@example.com"}
        )
        user.set_password(PASSWORD)
        user.date_joined = now - timedelta(days=DAYS + 1)
        user.save()
        Profile.objects.update_or_create(user=user, defaults={"time_zone": TIME_ZONE})
        # The same erase as "Delete my data", so stage decisions and drafts
        # from trying the demo do not survive into the fresh history.
        erase_history(user)
        return user


def _at(day: date, hour: int, minute: int, zone: zoneinfo.ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=zone)


def _clamp(value: float) -> int:
    return max(0, min(10, round(value)))


def seed_history(user: Any, *, today: date, now: datetime, zone: zoneinfo.ZoneInfo) -> None:
    """Morning pain drifting from about 6 to about 3, two sessions most days, weekly PEG-3."""
    rng = random.Random(20260302)  # the same story every time
    first = today - timedelta(days=DAYS - 1)
    for offset in range(DAYS):
        day = first + timedelta(days=offset)
        level = 6.2 - 3.0 * offset / (DAYS - 1) + FLARE_DAYS.get(offset, 0.0)
        morning = _at(day, 7, rng.randint(0, 40), zone)
        if offset not in MISSED_MORNINGS and morning <= now:
            PainLog.objects.create(
                user=user,
                kind="morning",
                pain=_clamp(level + rng.gauss(0, 0.6)),
                logged_at=morning,
                note="Stiff after a long drive." if offset == 20 else "",
            )
        if offset in SKIPPED_DAYS:
            continue
        for hour in (8, 18):
            start = _at(day, hour, rng.randint(0, 30), zone)
            if start > now:
                continue
            stopped = offset == STOP_DAY and hour == 18
            _session(
                user, start, before=_clamp(level + rng.gauss(0, 0.5)), rng=rng, stopped=stopped
            )
        checked_at = _at(day, 20, 0, zone)
        if offset % 7 == 6 and checked_at <= now:
            peg = level + 0.3
            PegCheckin.objects.create(
                user=user, pain=_clamp(peg), enjoyment=_clamp(peg - 0.5 + rng.gauss(0, 0.5)),
                activity=_clamp(peg + 0.3 + rng.gauss(0, 0.5)), checked_at=checked_at,
            )  # fmt: skip
    _screenings(user, first, zone)


def _session(user: Any, start: datetime, *, before: int, rng: random.Random, stopped: bool) -> None:
    end = start + timedelta(minutes=rng.randint(8, 14))
    session = Session.objects.create(
        user=user,
        status=Session.Status.STOPPED if stopped else Session.Status.COMPLETED,
        started_at=start,
        ended_at=end,
        last_activity_at=end,
        stage=1,
    )
    after = _clamp(before + 1) if stopped else _clamp(before - rng.choice([0, 1, 1, 2]))
    PainLog.objects.create(user=user, kind="before", pain=before, logged_at=start, session=session)
    PainLog.objects.create(user=user, kind="after", pain=after, logged_at=end, session=session)
    if stopped:
        StopSignal.objects.create(
            session=session, reason=StopSignal.Reason.CRAMP, step_number=3, created_at=end,
            note="Cramp in the back of my thigh.",
        )  # fmt: skip


def _screenings(user: Any, first: date, zone: zoneinfo.ZoneInfo) -> None:
    """A clear result at the start, a stop for sharp pain, and a clear result the day after."""
    answers = clean_answers(CLEAR_ANSWERS)
    stop_at = _at(first + timedelta(days=STOP_DAY), 18, 45, zone)
    for created, lapsed in (
        (_at(first, 6, 50, zone), stop_at),
        (_at(first + timedelta(days=STOP_DAY + 1), 7, 50, zone), None),
    ):
        assessment = assess(answers, today=created.date())
        if assessment.tier != Tier.CLEAR:
            raise CommandError("The demo answers no longer give a clear screening; update them.")
        Screening.record(user, assessment, answers, version=RULES_VERSION, created_at=created)
        if lapsed is not None:
            local = lapsed.astimezone(zone)
            record_stop(
                user, StopKind.SYMPTOM, label="sharp or shooting pain", at=lapsed, day=local.date()
            )
