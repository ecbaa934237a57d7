"""The session state machine, with hand-made plan steps and no database."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from tracking import session_flow as flow
from tracking.session_flow import (
    Action,
    Event,
    Finish,
    FlowState,
    Outcome,
    PainKind,
    RecordPain,
    RecordStep,
    RecordStop,
    Screen,
    Status,
    StopReason,
)


@dataclass(frozen=True)
class Step:
    slug: str
    name: str
    side: str
    hold_seconds: int
    reps: int
    rest_seconds: int


PLAN = (
    Step("single-knee-to-chest", "Single knee-to-chest", "left", 20, 2, 10),
    Step("single-knee-to-chest", "Single knee-to-chest", "right", 20, 2, 10),
    Step("cat-cow", "Cat-cow", "both", 30, 1, 0),
)
STEPS = flow.expand(flow.snapshot_plan(PLAN))
N = len(STEPS)  # 5
IN = Status.IN_PROGRESS


def test_snapshot_is_plain_json_data():
    assert flow.snapshot_plan(PLAN[:1]) == [
        {
            "slug": "single-knee-to-chest",
            "name": "Single knee-to-chest",
            "side": "left",
            "hold_seconds": 20,
            "reps": 2,
            "rest_seconds": 10,
        }
    ]


def test_expand_gives_one_screen_per_rep_per_side_in_order():
    got = [(s.number, s.group, s.side_label, s.rep_label) for s in STEPS]
    assert got == [
        (1, 0, "Left leg", "Rep 1 of 2"),
        (2, 0, "Left leg", "Rep 2 of 2"),
        (3, 1, "Right leg", "Rep 1 of 2"),
        (4, 1, "Right leg", "Rep 2 of 2"),
        (5, 2, "", "Rep 1 of 1"),
    ]


def test_expand_keeps_hold_and_rest():
    assert (STEPS[0].hold_seconds, STEPS[0].rest_seconds) == (20, 10)
    assert STEPS[4].hold_seconds == 30


def test_expand_treats_zero_reps_as_one():
    one = flow.expand([{**flow.snapshot_plan(PLAN[:1])[0], "reps": 0}])
    assert len(one) == 1


def test_expand_empty_plan():
    assert flow.expand([]) == ()


@pytest.mark.parametrize(
    ("state", "screen"),
    [
        (FlowState(0, IN), Screen.PAIN_BEFORE),
        (FlowState(1, IN), Screen.STEP),
        (FlowState(N, IN), Screen.STEP),
        (FlowState(3, IN, stopping=True), Screen.STOP_REASON),
        (FlowState(N + 1, Status.COMPLETED), Screen.PAIN_AFTER),
        (FlowState(N + 1, Status.STOPPED), Screen.PAIN_AFTER),
        (FlowState(N + 2, Status.COMPLETED), Screen.SUMMARY),
        (FlowState(2, Status.ABANDONED), Screen.CLOSED),
    ],
)
def test_screen_for(state, screen):
    assert flow.screen_for(state, N) is screen


# (state, event) -> (new state, effects)
TRANSITIONS = [
    pytest.param(
        FlowState(0, IN),
        Event(0, Action.PAIN, pain=4),
        FlowState(1, IN),
        (RecordPain(PainKind.BEFORE, 4),),
        id="pain-before-starts-the-first-step",
    ),
    pytest.param(
        FlowState(1, IN),
        Event(1, Action.DONE),
        FlowState(2, IN),
        (RecordStep(1, Outcome.DONE),),
        id="done-moves-to-the-next-rep",
    ),
    pytest.param(
        FlowState(2, IN),
        Event(2, Action.DONE),
        FlowState(3, IN),
        (RecordStep(2, Outcome.DONE),),
        id="done-moves-to-the-other-side",
    ),
    pytest.param(
        FlowState(N, IN),
        Event(N, Action.DONE),
        FlowState(N + 1, Status.COMPLETED),
        (RecordStep(N, Outcome.DONE), Finish(Status.COMPLETED)),
        id="done-on-the-last-step-completes",
    ),
    pytest.param(
        FlowState(1, IN),
        Event(1, Action.SKIP),
        FlowState(5, IN),
        tuple(RecordStep(k, Outcome.SKIPPED) for k in (1, 2, 3, 4)),
        id="skip-skips-this-stretch-on-both-sides",
    ),
    pytest.param(
        FlowState(3, IN),
        Event(3, Action.SKIP),
        FlowState(5, IN),
        (RecordStep(3, Outcome.SKIPPED), RecordStep(4, Outcome.SKIPPED)),
        id="skip-skips-the-rest-of-this-stretch",
    ),
    pytest.param(
        FlowState(4, IN),
        Event(4, Action.SKIP),
        FlowState(5, IN),
        (RecordStep(4, Outcome.SKIPPED),),
        id="skip-on-the-last-rep-skips-one",
    ),
    pytest.param(
        FlowState(N, IN),
        Event(N, Action.SKIP),
        FlowState(N + 1, Status.COMPLETED),
        (RecordStep(N, Outcome.SKIPPED), Finish(Status.COMPLETED)),
        id="skip-on-the-last-stretch-completes",
    ),
    pytest.param(
        FlowState(2, IN),
        Event(2, Action.STOP),
        FlowState(2, IN, stopping=True),
        (),
        id="stop-without-reason-asks-why",
    ),
    pytest.param(
        FlowState(2, IN, stopping=True),
        Event(2, Action.RESUME),
        FlowState(2, IN),
        (),
        id="resume-goes-back-to-the-stretch",
    ),
    pytest.param(
        FlowState(2, IN, stopping=True),
        Event(2, Action.STOP, reason=StopReason.NUMBNESS),
        FlowState(N + 1, Status.STOPPED),
        (RecordStop(StopReason.NUMBNESS, "", 2), Finish(Status.STOPPED)),
        id="stop-with-reason-stops",
    ),
    pytest.param(
        FlowState(2, IN),
        Event(2, Action.STOP, reason=StopReason.CRAMP),
        FlowState(N + 1, Status.STOPPED),
        (RecordStop(StopReason.CRAMP, "", 2), Finish(Status.STOPPED)),
        id="stop-with-reason-straight-from-a-step",
    ),
    pytest.param(
        FlowState(1, IN, stopping=True),
        Event(1, Action.STOP, reason=StopReason.OTHER, note="  dizzy  "),
        FlowState(N + 1, Status.STOPPED),
        (RecordStop(StopReason.OTHER, "dizzy", 1), Finish(Status.STOPPED)),
        id="other-keeps-its-note",
    ),
    pytest.param(
        FlowState(1, IN, stopping=True),
        Event(1, Action.STOP, reason=StopReason.SHARP_PAIN, note="ignored"),
        FlowState(N + 1, Status.STOPPED),
        (RecordStop(StopReason.SHARP_PAIN, "", 1), Finish(Status.STOPPED)),
        id="note-only-for-other",
    ),
    pytest.param(
        FlowState(N + 1, Status.COMPLETED),
        Event(N + 1, Action.PAIN, pain=2),
        FlowState(N + 2, Status.COMPLETED),
        (RecordPain(PainKind.AFTER, 2),),
        id="pain-after-shows-the-summary",
    ),
    pytest.param(
        FlowState(N + 1, Status.STOPPED),
        Event(N + 1, Action.PAIN, pain=6),
        FlowState(N + 2, Status.STOPPED),
        (RecordPain(PainKind.AFTER, 6),),
        id="pain-after-a-stop-keeps-stopped",
    ),
]


@pytest.mark.parametrize(("state", "event", "new_state", "effects"), TRANSITIONS)
def test_advance(state, event, new_state, effects):
    got = flow.advance(state, event, STEPS)
    assert got == flow.Transition(new_state, effects)


IGNORED = [
    pytest.param(FlowState(2, IN), Event(1, Action.DONE), id="old-position-double-tap"),
    pytest.param(FlowState(2, IN), Event(3, Action.DONE), id="future-position"),
    pytest.param(FlowState(1, IN), Event(0, Action.PAIN, pain=3), id="pain-before-twice"),
    pytest.param(FlowState(0, IN), Event(0, Action.DONE), id="done-on-pain-screen"),
    pytest.param(FlowState(2, IN), Event(2, Action.PAIN, pain=3), id="pain-on-step"),
    pytest.param(FlowState(2, IN), Event(2, Action.RESUME), id="resume-when-not-stopping"),
    pytest.param(
        FlowState(2, IN, stopping=True),
        Event(2, Action.DONE),
        id="done-while-asking-why",
    ),
    pytest.param(
        FlowState(2, IN, stopping=True),
        Event(2, Action.SKIP),
        id="skip-while-asking-why",
    ),
    pytest.param(
        FlowState(2, IN, stopping=True),
        Event(2, Action.STOP),
        id="stop-twice-without-reason",
    ),
    pytest.param(
        FlowState(N + 1, Status.STOPPED),
        Event(2, Action.STOP, reason=StopReason.CRAMP),
        id="stop-replayed-after-stopping",
    ),
    pytest.param(
        FlowState(N + 1, Status.COMPLETED),
        Event(N + 1, Action.DONE),
        id="done-on-pain-after",
    ),
    pytest.param(
        FlowState(N + 2, Status.COMPLETED),
        Event(N + 1, Action.PAIN, pain=1),
        id="pain-after-twice",
    ),
    pytest.param(
        FlowState(N + 2, Status.COMPLETED),
        Event(N + 2, Action.PAIN, pain=1),
        id="anything-on-summary",
    ),
    pytest.param(
        FlowState(2, Status.ABANDONED),
        Event(2, Action.DONE),
        id="abandoned-takes-nothing",
    ),
]


@pytest.mark.parametrize(("state", "event"), IGNORED)
def test_advance_ignores(state, event):
    assert flow.advance(state, event, STEPS) is None


@pytest.mark.parametrize("pain", [None, -1, 11, True])
def test_advance_refuses_a_bad_pain(pain):
    with pytest.raises(ValueError):
        flow.advance(FlowState(0, IN), Event(0, Action.PAIN, pain=pain), STEPS)


def test_empty_plan_goes_from_pain_before_to_pain_after():
    got = flow.advance(FlowState(0, IN), Event(0, Action.PAIN, pain=3), ())
    assert got == flow.Transition(
        FlowState(1, Status.COMPLETED),
        (RecordPain(PainKind.BEFORE, 3), Finish(Status.COMPLETED)),
    )
    assert flow.screen_for(got.state, 0) is Screen.PAIN_AFTER


def test_a_full_run_visits_every_screen_once():
    state, seen = FlowState(0, IN), []
    for event in (
        [Event(0, Action.PAIN, pain=5)]
        + [Event(i, Action.DONE) for i in range(1, N + 1)]
        + [Event(N + 1, Action.PAIN, pain=3)]
    ):
        seen.append(flow.screen_for(state, N))
        state = flow.advance(state, event, STEPS).state
    seen.append(flow.screen_for(state, N))
    assert seen == [Screen.PAIN_BEFORE] + [Screen.STEP] * N + [
        Screen.PAIN_AFTER,
        Screen.SUMMARY,
    ]
    assert state.status is Status.COMPLETED


NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("status", "idle", "expected"),
    [
        (Status.IN_PROGRESS, timedelta(hours=11, minutes=59), False),
        (Status.IN_PROGRESS, timedelta(hours=12), True),
        (Status.IN_PROGRESS, timedelta(days=3), True),
        (Status.COMPLETED, timedelta(days=3), False),
        (Status.STOPPED, timedelta(days=3), False),
    ],
)
def test_is_abandoned(status, idle, expected):
    assert flow.is_abandoned(status, NOW - idle, NOW) is expected


@pytest.mark.parametrize(
    ("seconds", "scale", "ms"),
    [(20, 1, 20000), (5, 0.01, 50), (0, 1, 0), (30, 0.001, 30)],
)
def test_scaled_ms(seconds, scale, ms):
    assert flow.scaled_ms(seconds, scale) == ms


def test_breath_rhythm_is_within_the_sources_range():
    assert 4 <= flow.BREATH_IN_SECONDS <= 6 and 4 <= flow.BREATH_OUT_SECONDS <= 6
