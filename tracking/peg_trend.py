"""The weekly PEG-3 check-in: its score, when it is due and whether it changed.

Pure Python: no Django, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tracking.change import PEG_RULE, Change, compare

PEG_INTERVAL_DAYS = 7


@dataclass(frozen=True)
class PegPoint:
    day: date
    score: float


def peg_score(pain: int, enjoyment: int, activity: int) -> float:
    """PEG-3: the mean of its three 0-10 items (Krebs et al. 2009)."""
    return (pain + enjoyment + activity) / 3


def peg_due(last_day: date | None, today: date) -> bool:
    """The check-in is offered once a week."""
    return last_day is None or (today - last_day).days >= PEG_INTERVAL_DAYS


def peg_next_due(last_day: date) -> date:
    """The day the next check-in is offered, a week after the last."""
    return last_day + timedelta(days=PEG_INTERVAL_DAYS)


def peg_change(points: Sequence[PegPoint]) -> Change:
    """First check-in against the latest, judged by the PEG rule."""
    if len(points) < 2:
        first = points[0].score if points else None
        return compare(first, None, PEG_RULE)
    ordered = sorted(points, key=lambda p: p.day)
    return compare(ordered[0].score, ordered[-1].score, PEG_RULE)
