"""The guided session as a pure state machine.

A session is a row of screens, addressed by one integer ``position``:

    0            pain now, before
    1 .. N       one screen per exercise and side, all its reps on that screen
    N + 1        pain now, after (with what to do now when the session was stopped)
    N + 2        summary

The walk is not one of them: it is done after the session, outside the flow.

On a step screen the person may also be asked a question first (``asking``:
why are you stopping, was the skip because of pain, was the "something else"
about how your body felt), or the session may be ``paused``: it keeps its
place and nothing is recorded. A stop for a cramp or spasm is recorded but
keeps the place too (``asking`` is "rest"): after the rest the person carries
on there, or ends the session. Every POST names the position it answers;
``advance`` returns ``None`` for anything that does not fit the current state
(a double tap, a replayed request, a second tab), so the caller changes
nothing and shows the current screen again.

Nothing here imports Django: plans come in as plain mappings (the JSON
snapshot taken when the session starts) and time is always a parameter.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import takewhile
from typing import Any, Protocol

from routines.stages import PAIN_MAX, PAIN_MIN

# A 4-6 s breath cycle is what the sources give; the issue asks for a calm
# ~5 s in / 5 s out rhythm, which sits inside that range for each half.
BREATH_IN_SECONDS = 5  # source="knee-to-chest guide: each breath cycle 4-6 seconds"
BREATH_OUT_SECONDS = 5  # source="knee-to-chest guide: each breath cycle 4-6 seconds"
GET_READY_SECONDS = 5
# Done before this share of a step's time counts as "cut short" (PRODUCT.md).
CUT_SHORT_BELOW = 0.5


class Status(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    STOPPED = "stopped"
    # Left in progress (or paused) past the end of its local day. Not a stop.
    NOT_FINISHED = "not_finished"


class Action(StrEnum):
    PAIN = "pain"
    DONE = "done"
    SKIP = "skip"  # without an answer: ask "because of pain?"; with one: skip now
    STOP = "stop"  # from a step: ask why; from the question: stop now
    PAUSE = "pause"
    RESUME = "resume"  # carry on after a pause, or go back to the stretch from a question


class Ask(StrEnum):
    """The question put in front of the current step, if any."""

    NOTHING = ""
    STOP = "stop"
    SKIP = "skip"
    BODY = "body"  # "something else": was it because of how your body felt?
    REST = "rest"  # not a question: resting after a cramp, then carry on here


class StopReason(StrEnum):
    SHARP_PAIN = "sharp-pain"
    NUMBNESS = "numbness"
    CRAMP = "cramp"
    FAINT = "faint"  # feeling faint or dizzy, chest pain, breathlessness
    PREGNANCY = "pregnancy"  # offered to a pregnant person only
    OTHER = "other"
    UNSAID = "not-said"  # Stop pressed, no reason given: treated as symptoms


class Screen(StrEnum):
    PAIN_BEFORE = "pain-before"
    STEP = "step"
    PAUSED = "paused"
    STOP_REASON = "stop-reason"
    SKIP_REASON = "skip-reason"
    BODY_QUESTION = "body-question"
    RESTING = "resting"  # after a cramp: rest, then carry on at the same step
    PAIN_AFTER = "pain-after"
    SUMMARY = "summary"
    CLOSED = "closed"


ASKED_SCREENS = {Ask.STOP: Screen.STOP_REASON, Ask.SKIP: Screen.SKIP_REASON}
ASKED_SCREENS[Ask.BODY] = Screen.BODY_QUESTION
ASKED_SCREENS[Ask.REST] = Screen.RESTING
# Screens that belong to one step (they show or ask about the current stretch).
STEP_SCREENS = frozenset({Screen.STEP, Screen.PAUSED, *ASKED_SCREENS.values()})


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


# "both" covers two-legged and whole-body moves (cat-cow, pelvic tilt): no side to name.
SIDE_LABELS = {"left": "Left leg", "right": "Right leg", "both": ""}


def _seconds(n: int) -> str:
    return f"{n} second" + ("" if n == 1 else "s")


@dataclass(frozen=True)
class StepScreen:
    """One exercise on one side, with all its reps on the same screen."""

    number: int  # 1-based screen position (1..N)
    slug: str
    name: str
    side: str
    reps: int
    hold_seconds: int
    rest_seconds: int  # between two reps of this step
    ready: bool  # "Get ready" first: the exercise or the side has just changed

    @property
    def side_label(self) -> str:
        return SIDE_LABELS.get(self.side, "")

    @property
    def reps_label(self) -> str:
        """ "10 times: hold 5, relax 5" or "Hold 20 seconds"."""
        if self.reps == 1:
            return f"Hold {_seconds(self.hold_seconds)}"
        return f"{self.reps} times: hold {self.hold_seconds}, relax {self.rest_seconds}"

    @property
    def instructions(self) -> str:
        """What to do without a timer on the screen."""
        if self.reps == 1:
            return f"Hold for {_seconds(self.hold_seconds)}, then press Done."
        return (
            f"Hold for {_seconds(self.hold_seconds)}, relax for {_seconds(self.rest_seconds)}, "
            f"{self.reps} times, then press Done."
        )

    @property
    def ready_seconds(self) -> int:
        return GET_READY_SECONDS if self.ready else 0

    @property
    def active_seconds(self) -> int:
        """Holding plus the rests between reps (no rest after the last rep)."""
        return self.reps * self.hold_seconds + (self.reps - 1) * self.rest_seconds

    @property
    def timer_seconds(self) -> int:
        return self.ready_seconds + self.active_seconds

    @property
    def holding_seconds(self) -> int:
        return self.reps * self.hold_seconds


def snapshot_plan(
    steps: Iterable[PlanStepLike], leave_out: Collection[str] = ()
) -> list[dict[str, Any]]:
    """The plan as JSON-ready dicts, frozen when the session starts.

    ``leave_out`` names steps that are not part of the guided flow (the walk).
    """
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
        if s.slug not in leave_out
    ]


def walk_seconds(steps: Iterable[PlanStepLike], walks: Collection[str]) -> int:
    """How long the plan's walk is (done after the session, not as a hold)."""
    return sum(int(s.hold_seconds) * max(1, int(s.reps)) for s in steps if s.slug in walks)


def expand(snapshot: Sequence[Mapping[str, Any]]) -> tuple[StepScreen, ...]:
    """One screen per plan step, in order: a per-side stretch gives left, then right."""
    screens: list[StepScreen] = []
    previous: tuple[str, str] | None = None
    for step in snapshot:
        here = (str(step["slug"]), str(step["side"]))
        screens.append(
            StepScreen(
                number=len(screens) + 1,
                slug=here[0],
                name=str(step["name"]),
                side=here[1],
                reps=max(1, int(step["reps"])),
                hold_seconds=max(0, int(step["hold_seconds"])),
                rest_seconds=max(0, int(step.get("rest_seconds", 0))),
                ready=here != previous,
            )
        )
        previous = here
    return tuple(screens)


def is_cut_short(step: StepScreen, held_seconds: float | None) -> bool:
    """Done before half the step's time (after its "Get ready")?

    ``held_seconds`` is the time since the step was shown, in timer seconds
    (tests shrink the timer). None: not known (a session from before this was
    stored), which is never held against the person.
    """
    if held_seconds is None:
        return False
    return held_seconds < step.ready_seconds + step.active_seconds * CUT_SHORT_BELOW


@dataclass(frozen=True)
class Timeline:
    """A session's length with real timers, from the plan alone."""

    timer_seconds: int  # every "Get ready", hold and rest between reps
    holding_seconds: int  # the holds alone


def timeline(steps: Sequence[StepScreen]) -> Timeline:
    return Timeline(sum(s.timer_seconds for s in steps), sum(s.holding_seconds for s in steps))


# A screen number longer than this is not one a session has.
POSITION_DIGITS = 4


def read_answer(position: str, action: str) -> tuple[int, Action] | None:
    """The screen a POST answers and what it asks for, from the form's two fields.

    None for anything else (empty, not a whole number, an action not listed):
    the caller treats that as "not an answer to the current screen".
    """
    position = position.strip()
    if not (position.isascii() and position.isdigit()) or len(position) > POSITION_DIGITS:
        return None
    if action not in Action._value2member_map_:
        return None
    return int(position), Action(action)


@dataclass(frozen=True)
class FlowState:
    position: int
    status: Status
    asking: Ask = Ask.NOTHING
    paused: bool = False


@dataclass(frozen=True)
class Event:
    position: int
    action: Action
    pain: int | None = None
    reason: StopReason | None = None
    note: str = ""
    yes: bool | None = None  # the answer to a yes/no question (skip: pain? other: body?)
    held_seconds: float | None = None  # for Done: time since the step was shown
    rested: bool = False  # for Resume after a cramp: the rest is over


# Effects the caller applies, in order, inside one transaction.
@dataclass(frozen=True)
class RecordPain:
    kind: PainKind
    pain: int


@dataclass(frozen=True)
class RecordStep:
    number: int
    outcome: Outcome
    cut_short: bool = False
    for_pain: bool = False


@dataclass(frozen=True)
class RecordStop:
    reason: StopReason
    note: str
    step_number: int


@dataclass(frozen=True)
class KeepNote:
    """The "something else" note, kept while the body question is asked."""

    note: str


@dataclass(frozen=True)
class ShowStep:
    """A step screen is shown from now: its timer starts (for "cut short")."""


@dataclass(frozen=True)
class Pause:
    pass


@dataclass(frozen=True)
class Resume:
    pass


@dataclass(frozen=True)
class Finish:
    status: Status


Effect = RecordPain | RecordStep | RecordStop | KeepNote | ShowStep | Pause | Resume | Finish


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
    if state.status is Status.NOT_FINISHED:
        return Screen.CLOSED
    if state.position == 0:
        return Screen.PAIN_BEFORE
    if state.position <= step_count:
        if state.asking is not Ask.NOTHING:
            return ASKED_SCREENS[state.asking]
        return Screen.PAUSED if state.paused else Screen.STEP
    if state.position == pain_after_position(step_count):
        return Screen.PAIN_AFTER
    return Screen.SUMMARY


def is_left_unfinished(status: Status, last_active_on: date, today: date) -> bool:
    """A session still in progress (or paused) after the local day it was last used on."""
    return status is Status.IN_PROGRESS and last_active_on < today


def advance(state: FlowState, event: Event, steps: Sequence[StepScreen]) -> Transition | None:
    """The next state and what to record, or None when the event must be ignored."""
    n = len(steps)
    if event.position != state.position:
        return None  # answers a screen that is no longer current
    screen = screen_for(state, n)
    if screen is Screen.PAIN_BEFORE and event.action is Action.PAIN:
        return _after_pain_before(_valid_pain(event.pain), n)
    if screen is Screen.STEP:
        return _on_step(state, event, steps)
    if screen is Screen.PAUSED:
        return _on_paused(state, event)
    if screen in (Screen.STOP_REASON, Screen.BODY_QUESTION):
        return _on_stop_question(state, event, n)
    if screen is Screen.SKIP_REASON:
        return _on_skip_question(state, event, steps)
    if screen is Screen.RESTING:
        return _on_resting(state, event, n)
    if screen is Screen.PAIN_AFTER and event.action is Action.PAIN:
        # After a stop the pain score is optional: nobody is made to rate pain to leave.
        optional = state.status is Status.STOPPED and event.pain is None
        pain = None if optional else _valid_pain(event.pain)
        effects = () if pain is None else (RecordPain(PainKind.AFTER, pain),)
        return Transition(FlowState(summary_position(n), state.status), effects)
    return None


def _valid_pain(pain: int | None) -> int:
    # Forms turn bad input into a message before it gets here; this guards the rule.
    if pain is None or isinstance(pain, bool) or not PAIN_MIN <= pain <= PAIN_MAX:
        raise ValueError(f"pain must be an integer {PAIN_MIN}..{PAIN_MAX}, got {pain!r}")
    return pain


def _after_pain_before(pain: int, n: int) -> Transition:
    effects: tuple[Effect, ...] = (RecordPain(PainKind.BEFORE, pain),)
    if n == 0:  # an empty plan goes straight to "pain after"
        return Transition(FlowState(1, Status.COMPLETED), (*effects, Finish(Status.COMPLETED)))
    return Transition(FlowState(1, Status.IN_PROGRESS), (*effects, ShowStep()))


def _ask(state: FlowState, question: Ask) -> Transition:
    return Transition(FlowState(state.position, state.status, question), ())


def _back_to_step(state: FlowState, *effects: Effect) -> Transition:
    return Transition(FlowState(state.position, state.status), (*effects, ShowStep()))


def _on_step(state: FlowState, event: Event, steps: Sequence[StepScreen]) -> Transition | None:
    here = state.position
    match event.action:
        case Action.DONE:
            cut = is_cut_short(steps[here - 1], event.held_seconds)
            return _move_to(here + 1, (RecordStep(here, Outcome.DONE, cut_short=cut),), len(steps))
        case Action.SKIP:
            return _ask(state, Ask.SKIP)
        case Action.STOP:
            return _ask(state, Ask.STOP)  # holding ends here; the reason is optional
        case Action.PAUSE:
            return Transition(FlowState(here, state.status, paused=True), (Pause(),))
    return None


def _on_paused(state: FlowState, event: Event) -> Transition | None:
    if event.action is Action.RESUME:
        return _back_to_step(state, Resume())
    if event.action is Action.STOP:  # symptoms may start during a pause too
        return Transition(FlowState(state.position, state.status, Ask.STOP), (Resume(),))
    return None


def _on_skip_question(
    state: FlowState, event: Event, steps: Sequence[StepScreen]
) -> Transition | None:
    if event.action is Action.RESUME:
        return _back_to_step(state)
    if event.action is not Action.SKIP or event.yes is None:
        return None
    skipped = [s.number for s in _rest_of_stretch(steps, state.position)]
    effects = tuple(RecordStep(k, Outcome.SKIPPED, for_pain=event.yes) for k in skipped)
    return _move_to(skipped[-1] + 1, effects, len(steps))


def _rest_of_stretch(steps: Sequence[StepScreen], here: int) -> Iterator[StepScreen]:
    """This step and every step of the same stretch straight after it, both sides.

    "Skip this stretch" on the left leg must not land on the same stretch for
    the right leg: that would look as if the button did nothing.
    """
    slug = steps[here - 1].slug
    return takewhile(lambda step: step.slug == slug, steps[here - 1 :])


def _on_stop_question(state: FlowState, event: Event, n: int) -> Transition | None:
    if event.action is Action.RESUME:
        return _back_to_step(state)
    if event.action is not Action.STOP:
        return None
    reason = event.reason or StopReason.UNSAID
    if reason is StopReason.OTHER:
        if event.yes is None:
            if state.asking is Ask.BODY:
                return None  # the one question is still unanswered: ask it again
            body = FlowState(state.position, state.status, Ask.BODY)
            return Transition(body, (KeepNote(event.note.strip()),))
        if event.yes is False:  # not about the body: a pause, no signal at all
            return Transition(FlowState(state.position, state.status, paused=True), (Pause(),))
    elif state.asking is Ask.BODY:
        return None  # the body question only answers "something else"
    elif reason is StopReason.CRAMP:
        # Recorded as a stop (the standing asks for a rest), but the place is kept.
        resting = FlowState(state.position, state.status, Ask.REST, paused=True)
        return Transition(resting, (RecordStop(reason, "", state.position), Pause()))
    note = event.note.strip() if reason is StopReason.OTHER else ""
    return Transition(
        FlowState(pain_after_position(n), Status.STOPPED),
        (RecordStop(reason, note, state.position), Finish(Status.STOPPED)),
    )


def _on_resting(state: FlowState, event: Event, n: int) -> Transition | None:
    """After a cramp: carry on here once the rest is over, or end the session now."""
    if event.action is Action.RESUME:
        return _back_to_step(state, Resume()) if event.rested else None
    if event.action is Action.STOP:  # the stop is already recorded: not a second one
        return Transition(
            FlowState(pain_after_position(n), Status.STOPPED), (Resume(), Finish(Status.STOPPED))
        )
    return None


def _move_to(position: int, effects: tuple[Effect, ...], n: int) -> Transition:
    if position > n:  # the last step is answered: the stretching part is over
        return Transition(
            FlowState(pain_after_position(n), Status.COMPLETED),
            (*effects, Finish(Status.COMPLETED)),
        )
    return Transition(FlowState(position, Status.IN_PROGRESS), (*effects, ShowStep()))


def scaled_ms(seconds: float, scale: float) -> int:
    """Milliseconds for the timer's data-* attributes (tests shrink the scale)."""
    return max(0, round(seconds * 1000 * scale))
