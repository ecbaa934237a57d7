"""The stage table: each stage's holds, reps, sessions and the gates to reach it.

Pure Python, no Django. ``DEFAULT_RULES`` is what a fresh database is seeded
with (the content editor may change those rows in the admin); ``Thresholds``
are the engine's fixed safety numbers, which nobody edits. The rules that read
them are in ``routines.progression``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

MAINTENANCE = 4
# The 0-10 pain scale every score in Limber uses (0 no pain, 10 the worst imaginable).
PAIN_MIN, PAIN_MAX = 0, 10


@dataclass(frozen=True)
class StageRule:
    """One row of the stage table. Gates (min_days, min_sessions, settled_*)
    describe what it takes to be offered *this* stage from the one below."""

    number: int
    name: str
    hold_min: int
    hold_max: int
    reps_min: int
    reps_max: int
    sessions_min: int
    sessions_max: int
    per_week: bool = False
    flare_sessions: int = 3
    double_knee: bool = False
    double_knee_max_hold: int = 30
    rocking: bool = False
    min_days: int = 0
    min_sessions: int = 0
    settled_pain_max: int | None = None
    settled_days: int = 14
    walk_minutes: int = 10
    source: str = ""

    @property
    def label(self) -> str:
        return stage_label(self.number)


def stage_label(number: int) -> str:
    return "maintenance" if number == MAINTENANCE else f"stage {number}"


DEFAULT_RULES: tuple[StageRule, ...] = (
    StageRule(
        number=1,
        name="Beginner",
        hold_min=15,
        hold_max=20,
        reps_min=2,
        reps_max=3,
        sessions_min=1,
        sessions_max=2,
        flare_sessions=3,
        walk_minutes=10,
        source="Weeks 1-2: 15-20 s single-leg holds, 2-3 reps per leg, twice daily, "
        "3 times daily in acute pain (article A); daily, 15 s holds for beginners (article D).",
    ),
    StageRule(
        number=2,
        name="Intermediate",
        hold_min=30,
        hold_max=45,
        reps_min=2,
        reps_max=3,
        sessions_min=1,
        sessions_max=2,
        double_knee=True,
        double_knee_max_hold=30,
        min_days=14,
        min_sessions=8,
        walk_minutes=15,
        source="Weeks 3-4: 30-45 s holds (article A), daily (article D); double knee only "
        "after 2 weeks of pain-free single-leg work, 30 s maximum (article A; article C "
        "allows 15-30 s).",
    ),
    StageRule(
        number=3,
        name="Advanced",
        hold_min=45,
        hold_max=60,
        reps_min=2,
        reps_max=3,
        sessions_min=1,
        sessions_max=2,
        double_knee=True,
        double_knee_max_hold=30,
        rocking=True,
        min_days=14,
        min_sessions=8,
        walk_minutes=20,
        source="Week 5 on: 45-60 s holds (article A), gentle rocking and a combined "
        "sequence (article D); maintenance 1-2 times daily (article A).",
    ),
    StageRule(
        number=MAINTENANCE,
        name="Maintenance",
        hold_min=45,
        hold_max=60,
        reps_min=2,
        reps_max=3,
        sessions_min=3,
        sessions_max=4,
        per_week=True,
        double_knee=True,
        double_knee_max_hold=30,
        rocking=True,
        min_days=14,
        min_sessions=8,
        settled_pain_max=2,
        settled_days=14,
        walk_minutes=20,
        source="After pain settles: keep stretching 3-4 times a week with daily "
        "20-minute walks and core work such as bird-dog or dead bug (article A).",
    ),
)


@dataclass(frozen=True)
class Thresholds:
    """Engine constants. Not editable: they are the safety rules themselves."""

    # Pain after minus pain before: +2 or more steps down; +1 is fine while pain
    # after stays at after_pain_max or lower, and above it the stage holds.
    # Source: the pain-monitoring model (Silbernagel et al. 2007; Thomee 1997):
    # pain up to 5/10 during and after exercise is acceptable if it settles by the
    # next morning; article A (stop signs, pain lasting over 2 hours).
    regress_rise: int = 2
    after_pain_max: int = 5
    # Both knees in together open only after this many sessions in a row left pain
    # no higher and at double_knee_pain_max or lower. Source: article A ("only
    # attempt this version if single-leg causes no pain").
    double_knee_sessions: int = 4
    double_knee_pain_max: int = 3
    # Sessions looked at when judging rises and stop signals.
    recent_sessions: int = 8
    # Flare: morning pain this high, or this far above its recent average.
    flare_pain: int = 7
    flare_jump: int = 3
    average_days: int = 7
    # Settled pain for maintenance needs scores on this many of the settled days.
    settled_min_logs: int = 10
    # Holds grow by hold_step seconds after every sessions_per_step good sessions.
    hold_step: int = 5
    sessions_per_step: int = 2
    rest_seconds: int = 10
    core_rest_seconds: int = 5  # short, controlled holds need less rest
    flare_walk_minutes: int = 5
    # Both knees in together stretch the lower back furthest: never past 30 s,
    # whatever a stage row says. Source: article A (30 s maximum) over article C.
    double_knee_ceiling: int = 30


DEFAULT_THRESHOLDS = Thresholds()


def rules_by_number(rules: Iterable[StageRule]) -> dict[int, StageRule]:
    table = {rule.number: rule for rule in rules}
    if sorted(table) != list(range(1, MAINTENANCE + 1)):
        raise ValueError("Stage rules must cover stages 1 to 4 exactly once.")
    for rule in table.values():
        if (
            rule.hold_min > rule.hold_max
            or rule.reps_min > rule.reps_max
            or rule.sessions_min > rule.sessions_max
        ):
            raise ValueError(f"{rule.label}: a range's minimum is above its maximum.")
    return table
