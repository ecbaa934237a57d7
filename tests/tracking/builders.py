"""Small builders for pain logs and sessions, shared by the tracking tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from tracking.models import PainLog, Session


def make_log(
    user,
    pain: int = 5,
    *,
    kind: str = "morning",
    at: datetime | None = None,
    note: str = "",
    session=None,
) -> PainLog:
    from django.utils import timezone

    return PainLog.objects.create(
        user=user, pain=pain, kind=kind, note=note, logged_at=at or timezone.now(), session=session
    )


def make_mornings(user, pain: int, days_ago: Iterable[int]) -> None:
    """A morning log `d` days before now for each `d`, all at the same time of day."""
    from django.utils import timezone

    now = timezone.now()
    for d in days_ago:
        make_log(user, pain, at=now - timedelta(days=d))


def make_session(
    user, *, at: datetime, before: int | None = 5, after: int | None = 3, status: str = "completed"
) -> Session:
    session = Session.objects.create(
        user=user,
        status=status,
        started_at=at,
        last_activity_at=at,
        ended_at=at + timedelta(minutes=10),
    )
    if before is not None:
        make_log(user, before, kind="before", at=at, session=session)
    if after is not None:
        make_log(user, after, kind="after", at=at + timedelta(minutes=10), session=session)
    return session
