"""The guided session as a pure state machine.

A session is a row of screens, addressed by one integer ``position``:

    0            pain now, before
    1 .. N       one screen per hold (each rep of each side of each stretch)
    N + 1        pain now, after (with stop advice when the session was stopped)
    N + 2        summary

plus a ``stopping`` flag that puts the "why are you stopping?" question in
front of the current step screen. Every POST names the position it answers;
``advance`` returns ``None`` for anything that does not fit the current state
(a double tap, a replayed request, a second tab), so the caller changes
nothing and shows the current screen again.

Nothing here imports Django: plans come in as plain mappings (the JSON
snapshot taken when the session starts) and time is always a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import takewhile
from typing import Any, Protocol

# A 4-6 s breath cycle is what the sources give; the issue asks for a calm
# ~5 s in / 5 s out rhythm, which sits inside that range for each half.
BREATH_IN_SECONDS = 5  # source="knee-to-chest guide: each breath cycle 4-6 seconds"
BREATH_OUT_SECONDS = 5  # source="knee-to-chest guide: each breath cycle 4-6 seconds"
GET_READY_SECONDS = 5
ABANDON_AFTER = timedelta(hours=12)
PAIN_MIN, PAIN_MAX = 0, 10


class Status(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    STOPPED = "stopped"
    ABANDONED = "abandoned"


class Action(StrEnum):
    PAIN = "pain"
    DONE = "done"
    SKIP = "skip"
    STOP = "stop"  # without a reason: ask why; with a reason: stop now
    RESUME = "resume"  # "go back to the stretch" from the stop question


class StopReason(StrEnum):
    SHARP_PAIN = "sharp-pain"
    NUMBNESS = "numbness"
    CRAMP = "cramp"
    OTHER = "other"


class Screen(StrEnum):
    PAIN_BEFORE = "pain-before"
    STEP = "step"
    STOP_REASON = "stop-reason"
    PAIN_AFTER = "pain-after"
    SUMMARY = "summary"
    CLOSED = "closed"


class PainKind(StrEnum):
    BEFORE = "before"
    AFTER = "after"


class Outcome(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"


class PlanStepLike(Protocol):
    """The parts of ``routines.progression.PlanStep`` a session needs."""

    slug: str
    name: str
    side: str
    hold_seconds: int
    reps: int
    rest_seconds: int


# "both" covers two-legged and whole-body moves (cat-cow, a walk): no side to name.
SIDE_LABELS = {"left": "Left leg", "right": "Right leg", "both": ""}


@dataclass(frozen=True)
class StepScreen:
    """One hold: a single rep on a single side of one stretch."""

    number: int  # 1-based screen position (1..N)
    group: int  # index of the plan step it came from
    slug: str
    name: str
    side: str
    rep: int
    reps: int
    hold_seconds: int
    rest_seconds: int

    @property
    def side_label(self) -> str:
        return SIDE_LABELS.get(self.side, "")

    @property
    def rep_label(self) -> str:
        return f"Rep {self.rep} of {self.reps}"


def snapshot_plan(steps: Iterable[PlanStepLike]) -> list[dict[str, Any]]:
    """The plan as JSON-ready dicts, frozen when the session starts."""
    return [
        {
            "slug": s.slug,
            "name": s.name,
            "side": s.side,
            "hold_seconds": int(s.hold_seconds),
            "reps": int(s.reps),
            "rest_seconds": int(s.rest_seconds),
        }
        for s in steps
    ]


def expand(snapshot: Sequence[Mapping[str, Any]]) -> tuple[StepScreen, ...]:
    """Every hold of the plan, in order: all reps of a step, then the next step.

    A per-side stretch arrives as two plan steps (left, then right), so this
    gives "Left leg, Rep 1..n" followed by "Right leg, Rep 1..n".
    """
    screens: list[StepScreen] = []
    for group, step in enumerate(snapshot):
        reps = max(1, int(step["reps"]))
        for rep in range(1, reps + 1):
            screens.append(
                StepScreen(
                    number=len(screens) + 1,
                    group=group,
                    slug=str(step["slug"]),
                    name=str(step["name"]),
                    side=str(step["side"]),
                    rep=rep,
                    reps=reps,
                    hold_seconds=max(0, int(step["hold_seconds"])),
                    rest_seconds=max(0, int(step.get("rest_seconds", 0))),
                )
            )
    return tuple(screens)


@dataclass(frozen=True)
class FlowState:
    position: int
    status: Status
    stopping: bool = False


@dataclass(frozen=True)
class Event:
    position: int
    action: Action
    pain: int | None = None
    reason: StopReason | None = None
    note: str = ""


# Effects the caller applies, in order, inside one transaction.
@dataclass(frozen=True)
class RecordPain:
    kind: PainKind
    pain: int


@dataclass(frozen=True)
class RecordStep:
    number: int
    outcome: Outcome


@dataclass(frozen=True)
class RecordStop:
    reason: StopReason
    note: str
    step_number: int


@dataclass(frozen=True)
class Finish:
    status: Status


Effect = RecordPain | RecordStep | RecordStop | Finish


@dataclass(frozen=True)
class Transition:
    state: FlowState
    effects: tuple[Effect, ...]


def pain_after_position(step_count: int) -> int:
    return step_count + 1


def summary_position(step_count: int) -> int:
    return step_count + 2


def screen_for(state: FlowState, step_count: int) -> Screen:
    """Which screen the session shows now."""
    if state.status is Status.ABANDONED:
        return Screen.CLOSED
    if state.position == 0:
        return Screen.PAIN_BEFORE
    if state.position <= step_count:
        return Screen.STOP_REASON if state.stopping else Screen.STEP
    if state.position == pain_after_position(step_count):
        return Screen.PAIN_AFTER
    return Screen.SUMMARY


def advance(state: FlowState, event: Event, steps: Sequence[StepScreen]) -> Transition | None:
    """The next state and what to record, or None when the event must be ignored."""
    n = len(steps)
    if event.position != state.position:
        return None  # answers a screen that is no longer current
    screen = screen_for(state, n)
    if screen is Screen.PAIN_BEFORE and event.action is Action.PAIN:
        return _after_pain_before(state, _valid_pain(event.pain), n)
    if screen is Screen.STEP:
        return _on_step(state, event, steps)
    if screen is Screen.STOP_REASON:
        return _on_stop_reason(state, event, n)
    if screen is Screen.PAIN_AFTER and event.action is Action.PAIN:
        pain = _valid_pain(event.pain)
        return Transition(
            FlowState(summary_position(n), state.status),
            (RecordPain(PainKind.AFTER, pain),),
        )
    return None


def _valid_pain(pain: int | None) -> int:
    # Forms turn bad input into a message before it gets here; this guards the rule.
    if pain is None or isinstance(pain, bool) or not PAIN_MIN <= pain <= PAIN_MAX:
        raise ValueError(f"pain must be an integer {PAIN_MIN}..{PAIN_MAX}, got {pain!r}")
    return pain


def _after_pain_before(state: FlowState, pain: int, n: int) -> Transition:
    effects: tuple[Effect, ...] = (RecordPain(PainKind.BEFORE, pain),)
    if n == 0:  # an empty plan goes straight to "pain after"
        return Transition(FlowState(1, Status.COMPLETED), (*effects, Finish(Status.COMPLETED)))
    return Transition(FlowState(1, Status.IN_PROGRESS), effects)


def _on_step(state: FlowState, event: Event, steps: Sequence[StepScreen]) -> Transition | None:
    n = len(steps)
    here = state.position
    if event.action is Action.DONE:
        return _move_to(here + 1, (RecordStep(here, Outcome.DONE),), n)
    if event.action is Action.SKIP:
        skipped = [s.number for s in _rest_of_stretch(steps, here)]
        effects = tuple(RecordStep(k, Outcome.SKIPPED) for k in skipped)
        return _move_to(skipped[-1] + 1, effects, n)
    if event.action is Action.STOP:
        if event.reason is None:
            return Transition(FlowState(here, state.status, stopping=True), ())
        return _stop(state, event, n)
    return None


def _rest_of_stretch(steps: Sequence[StepScreen], here: int) -> Iterator[StepScreen]:
    """This hold and every hold of the same stretch straight after it, both sides.

    "Skip this stretch" on the left leg must not land on the same stretch for
    the right leg: that would look as if the button did nothing.
    """
    slug = steps[here - 1].slug
    return takewhile(lambda step: step.slug == slug, steps[here - 1 :])


def _on_stop_reason(state: FlowState, event: Event, n: int) -> Transition | None:
    if event.action is Action.RESUME:
        return Transition(FlowState(state.position, state.status), ())
    if event.action is Action.STOP and event.reason is not None:
        return _stop(state, event, n)
    return None


def _stop(state: FlowState, event: Event, n: int) -> Transition:
    assert event.reason is not None
    note = event.note.strip() if event.reason is StopReason.OTHER else ""
    return Transition(
        FlowState(pain_after_position(n), Status.STOPPED),
        (RecordStop(event.reason, note, state.position), Finish(Status.STOPPED)),
    )


def _move_to(position: int, effects: tuple[Effect, ...], n: int) -> Transition:
    if position > n:  # the last hold is answered: the stretching part is over
        return Transition(
            FlowState(pain_after_position(n), Status.COMPLETED),
            (*effects, Finish(Status.COMPLETED)),
        )
    return Transition(FlowState(position, Status.IN_PROGRESS), effects)


def is_abandoned(status: Status, last_activity: datetime, now: datetime) -> bool:
    """An unfinished session with no activity for 12 hours is closed."""
    return status is Status.IN_PROGRESS and now - last_activity >= ABANDON_AFTER


def scaled_ms(seconds: float, scale: float) -> int:
    """Milliseconds for the timer's data-* attributes (tests shrink the scale)."""
    return max(0, round(seconds * 1000 * scale))
