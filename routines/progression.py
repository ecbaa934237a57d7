"""Progression rules: which stage a person is at today, and today's plan.

Pure Python, no Django. Stage rules and the exercise library come in as frozen
dataclasses (the Django side reads them from the database); the person's
history comes in as a ``History``; ``today`` is always a parameter.

The short version of the rules, each with its source on the data it reads:

* A session went well (the pain-monitoring model, Silbernagel and Thomee):
  finished, pain after at most 5 out of 10 and less than 2 points above pain
  before, no hold cut short or skipped because of pain, and no pain lasting
  over 2 hours the next day. A rise of 1 point that stays at 5 or lower is
  fine and is not called a warning.
* Advance one stage only when the stage's minimum days have passed and the
  last sessions at this stage (at least 8) all went well.
* Stay when pain after a session was above 5, or there is too little to judge.
* Regress one stage when pain after rose by 2 or more, pain lasted over
  2 hours after a session, or a session was stopped with a warning sign.
* Flare mode when morning pain is 7 or more, or 3 or more above its 7-day
  average: gentlest stretches, shorter holds, 3 short sessions a day.
* Cautions from screening always win over the stage.

Sessions are judged the day after they happen (``day < today``), so a session
done on the day a stage starts belongs to the new stage. Turning a decision
into today's list of steps is ``routines.planning``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from routines.stages import (
    DEFAULT_RULES,
    DEFAULT_THRESHOLDS,
    MAINTENANCE,
    StageRule,
    Thresholds,
    rules_by_number,
    stage_label,
)

LEFT, RIGHT, BOTH = "left", "right", "both"  # PlanStep.side


class Action(StrEnum):
    ADVANCE = "advance"
    STAY = "stay"
    REGRESS = "regress"
    FLARE = "flare"


@dataclass(frozen=True)
class SessionRecord:
    day: date
    pain_before: int | None
    pain_after: int | None
    completed: bool
    stopped: bool
    pain_lasted_over_2h: bool | None = None
    # A hold pressed Done before half its time, or a stretch skipped because
    # of pain: the session did not go well (PRODUCT.md, pain-monitoring model).
    cut_short: bool = False
    skipped_for_pain: bool = False

    @property
    def rise(self) -> int | None:
        if self.pain_before is None or self.pain_after is None:
            return None
        return self.pain_after - self.pain_before

    def went_well(self, t: Thresholds = DEFAULT_THRESHOLDS) -> bool:
        """Finished, no stop signal, pain after at most 5 and less than 2 points
        above pain before, no long after-effect, no hold cut short and no
        stretch skipped because of pain."""
        return (
            self.completed
            and not self.stopped
            and not self.cut_short
            and not self.skipped_for_pain
            and self.rise is not None
            and self.rise < t.regress_rise
            and self.pain_after is not None
            and self.pain_after <= t.after_pain_max
            and self.pain_lasted_over_2h is not True
        )

    def caused_no_pain(self, t: Thresholds = DEFAULT_THRESHOLDS) -> bool:
        """Pain after no higher than before and low: what opens both knees in together."""
        return (
            self.went_well(t)
            and self.rise is not None
            and self.rise <= 0
            and self.pain_after is not None
            and self.pain_after <= t.double_knee_pain_max
        )


@dataclass(frozen=True)
class History:
    sessions: tuple[SessionRecord, ...] = ()
    morning_pain: tuple[tuple[date, int], ...] = ()


@dataclass(frozen=True)
class Decision:
    day: date
    from_stage: int
    to_stage: int
    action: Action
    reasons: tuple[str, ...]
    since: date  # the day to_stage began
    flare: bool = False

    @property
    def stage(self) -> int:
        return self.to_stage

    @property
    def summary(self) -> str:
        """One short line: what happens to the stage."""
        to = stage_label(self.to_stage)
        if self.flare:
            return f"A gentle day at {to}."
        return {
            Action.ADVANCE: f"Moving up to {to}.",
            Action.REGRESS: f"Going back to {to}.",
        }.get(self.action, f"Staying at {to}.")


@dataclass(frozen=True)
class PlanStep:
    slug: str
    name: str
    side: str  # "left" | "right" | "both"
    hold_seconds: int
    reps: int
    rest_seconds: int

    @property
    def total_seconds(self) -> int:
        return self.reps * (self.hold_seconds + self.rest_seconds)


@dataclass(frozen=True)
class Plan:
    stage: int  # the stage whose rule set the holds (stage 1 on a flare day)
    steps: tuple[PlanStep, ...]
    sessions_min: int
    sessions_max: int
    per_week: bool
    flare: bool
    notes: tuple[str, ...]
    sessions: int = 0  # how many the person chose, within the range (a day, or a week)
    walk_seconds: int = 0  # the walk is done on its own, outside the guided session

    @property
    def total_seconds(self) -> int:
        return sum(step.total_seconds for step in self.steps)

    @property
    def guided_seconds(self) -> int:
        """The guided session alone, without the walk."""
        return self.total_seconds - self.walk_seconds


@dataclass(frozen=True)
class Outcome:
    decision: Decision
    plan: Plan


# --- helpers -------------------------------------------------------------------


# Spelled out here, not by strftime, so a reason reads the same whatever the locale.
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day_name(day: date) -> str:
    """'Tuesday 3 March', as the reasons name a session's day."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def sessions_at_stage(history: History, since: date, today: date) -> tuple[SessionRecord, ...]:
    """Sessions done at the current stage and already judgeable (before today)."""
    picked = [s for s in history.sessions if since <= s.day < today]
    return tuple(sorted(picked, key=lambda s: s.day))  # stable: keeps same-day order


def good_streak(sessions: Sequence[SessionRecord], t: Thresholds = DEFAULT_THRESHOLDS) -> int:
    """How many sessions in a row, counting back from the latest, went well."""
    streak = 0
    for session in reversed(sessions):
        if not session.went_well(t):
            break
        streak += 1
    return streak


def _morning_by_day(history: History) -> dict[date, int]:
    return dict(history.morning_pain)  # a later log on the same day wins


def _number(value: float) -> str:
    """3 -> '3', 3.5 -> '3.5': an average said as a person would say it."""
    return f"{value:.1f}".removesuffix(".0")


def flare_reason(history: History, today: date, t: Thresholds = DEFAULT_THRESHOLDS) -> str | None:
    """A sentence if today is a flare day, else None.

    Reads the latest morning score from today or yesterday (a flare reported
    yesterday still counts when today's score is missing: the safer reading).
    """
    by_day = _morning_by_day(history)
    latest = next((d for d in (today, today - timedelta(days=1)) if d in by_day), None)
    if latest is None:
        return None
    pain = by_day[latest]
    when = "this morning" if latest == today else f"on the morning of {day_name(latest)}"
    gentle = "so today has the gentlest stretches, the shortest holds and 3 short sessions."
    if pain >= t.flare_pain:
        return f"Gentle day: your pain was {pain} out of 10 {when}, {gentle}"
    window = [by_day[d] for d in by_day if latest - timedelta(days=t.average_days) <= d < latest]
    if window:
        average = sum(window) / len(window)
        if pain - average >= t.flare_jump:
            return (
                f"Gentle day: your pain was {pain} out of 10 {when}, {_number(pain - average)} "
                f"points above your {t.average_days}-day average of {_number(average)}, {gentle}"
            )
    return None


def _flare_over(history: History, today: date) -> str:
    """Why yesterday's gentle day is not repeated today, in true words."""
    pain = _morning_by_day(history).get(today)
    if pain is not None:
        return f"Your pain was down to {pain} out of 10 this morning, so the usual plan is back."
    # No score since the flare: a gentle day is not carried on for ever.
    return (
        "There is no morning pain score since your last gentle day, so the usual plan is "
        "back. If your pain is still high, log it and today turns gentle again."
    )


def _setback(sessions: Sequence[SessionRecord], t: Thresholds) -> tuple[str, SessionRecord] | None:
    """The newest sign to step down ("regress") or hold ("stay"), with its session."""
    recent = sessions[-t.recent_sessions :]
    for session in reversed(recent):
        if (
            session.stopped
            or session.pain_lasted_over_2h
            or (session.rise is not None and session.rise >= t.regress_rise)
        ):
            return "regress", session
    for session in reversed(recent):
        if session.pain_after is not None and session.pain_after > t.after_pain_max:
            return "stay", session
    return None


def _setback_words(kind: str, session: SessionRecord, t: Thresholds) -> str:
    when = f"your session on {day_name(session.day)}"
    if kind == "stay":
        return (
            f"your pain was {session.pain_after} out of 10 after {when}. The plan moves on "
            f"when pain after a session stays at {t.after_pain_max} or lower."
        )
    if kind == "regress" and session.stopped:
        return f"you stopped {when} because of a warning sign."
    rose_enough = session.rise is not None and session.rise >= t.regress_rise
    if kind == "regress" and session.pain_lasted_over_2h and not rose_enough:
        return f"pain lasted more than 2 hours after {when}."
    return f"pain rose from {session.pain_before} to {session.pain_after} after {when}."


def _settled(history: History, limit: int, days: int, today: date, t: Thresholds) -> bool:
    """Enough morning scores in the last ``days`` days, all at ``limit`` or lower."""
    start = today - timedelta(days=days)
    scores = [p for d, p in _morning_by_day(history).items() if start <= d < today]
    return len(scores) >= t.settled_min_logs and all(p <= limit for p in scores)


def _advance_block(
    history: History,
    sessions: Sequence[SessionRecord],
    here: StageRule,
    nxt: StageRule,
    since: date,
    today: date,
    t: Thresholds,
) -> str | None:
    """Why the person cannot move up yet, or None when every gate is open."""
    days = (today - since).days
    if days < nxt.min_days:
        so_far = f"you have been here {_plural(days, 'day')}"
        if days == 0:
            so_far = "today is your first day"
        return (
            f"Staying at {here.label}: {nxt.label} opens after {nxt.min_days} days here, "
            f"and {so_far}."
        )
    needed = max(nxt.min_sessions, 1)
    if len(sessions) < needed:
        return (
            f"Staying at {here.label}: we need {_plural(needed, 'session')} at this stage to judge "
            f"how it is going, and have {len(sessions)} so far."
        )
    unclear = [s for s in sessions[-needed:] if not s.went_well(t)]
    if unclear:
        return (
            f"Staying at {here.label}: {len(unclear)} of your last {needed} sessions did not "
            "go well enough to move on: not finished, no pain scores, pain after above "
            f"{t.after_pain_max}, or holds cut short or skipped because of pain."
        )
    if nxt.settled_pain_max is not None and not _settled(
        history, nxt.settled_pain_max, nxt.settled_days, today, t
    ):
        return (
            f"Staying at {here.label}: {nxt.label} starts once your morning pain has "
            f"stayed at {nxt.settled_pain_max} or lower for {nxt.settled_days} days."
        )
    return None


# --- the decision --------------------------------------------------------------


def decide(
    *,
    stage: int,
    since: date,
    history: History,
    today: date,
    rules: Iterable[StageRule] = DEFAULT_RULES,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Decision:
    """Advance, stay, regress or flare, with the reasons the person sees."""
    t = thresholds
    table = rules_by_number(rules)
    here = table[stage]
    sessions = sessions_at_stage(history, since, today)
    flare = flare_reason(history, today, t)
    to_stage, action, reasons = stage, Action.STAY, []

    setback = _setback(sessions, t)
    if setback and setback[0] == "regress" and stage > 1:
        to_stage, action = stage - 1, Action.REGRESS
        reasons.append(f"Going back to {table[to_stage].label}: {_setback_words(*setback, t)}")
    elif setback:
        reasons.append(f"Staying at {here.label}: {_setback_words(*setback, t)}")
        if setback[0] == "regress":
            reasons.append("Holds go back to the start of their range until sessions settle.")
    elif stage == MAINTENANCE:
        reasons.append(
            "You are at the maintenance stage: keep going 3 to 4 times a week with your walks."
        )
    else:
        nxt = table[stage + 1]
        block = _advance_block(history, sessions, here, nxt, since, today, t)
        if block:
            reasons.append(block)
        elif flare:
            reasons.append(f"Staying at {here.label} until the flare settles.")
        else:
            to_stage, action = stage + 1, Action.ADVANCE
            settled = ""
            if nxt.settled_pain_max is not None:
                settled = (
                    f", and your morning pain has stayed at {nxt.settled_pain_max} or lower "
                    f"for {nxt.settled_days} days"
                )
            needed = max(nxt.min_sessions, 1)
            last = "session" if needed == 1 else f"{needed} sessions"
            reasons.append(
                f"Moving up to {nxt.label}: {_plural((today - since).days, 'day')} at "
                f"{here.label}, your last {last} went well, "
                f"with pain after at {t.after_pain_max} or lower{settled}."
            )

    if flare:
        action = Action.FLARE
        reasons.insert(0, flare)
    elif flare_reason(history, today - timedelta(days=1), t):
        reasons.append(_flare_over(history, today))

    return Decision(
        day=today,
        from_stage=stage,
        to_stage=to_stage,
        action=action,
        reasons=tuple(reasons),
        since=since if to_stage == stage else today,
        flare=flare is not None,
    )
