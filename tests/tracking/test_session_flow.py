"""The session state machine, with hand-made plan steps and no database."""

from dataclasses import dataclass
from datetime import date

import pytest

from tracking import session_flow as flow
from tracking.session_flow import (
    Action,
    Ask,
    Event,
    Finish,
    FlowState,
    KeepNote,
    Outcome,
    PainKind,
    Pause,
    RecordPain,
    RecordStep,
    RecordStop,
    Resume,
    Screen,
    ShowStep,
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
    Step("pelvic-tilt", "Pelvic tilt", "both", 5, 10, 5),
    Step("short-walk", "Short walk", "both", 600, 1, 0),
)
SNAPSHOT = flow.snapshot_plan(PLAN, leave_out={"short-walk"})
STEPS = flow.expand(SNAPSHOT)
N = len(STEPS)  # 3: one screen per exercise and side
IN = Status.IN_PROGRESS


def test_snapshot_is_plain_json_data_without_the_walk():
    # Taken here, not read from SNAPSHOT (made at import), so a change to it shows.
    assert flow.snapshot_plan(PLAN, leave_out={"short-walk"}) == [
        {
            "slug": "single-knee-to-chest",
            "name": "Single knee-to-chest",
            "side": "left",
            "hold_seconds": 20,
            "reps": 2,
            "rest_seconds": 10,
        },
        {
            "slug": "single-knee-to-chest",
            "name": "Single knee-to-chest",
            "side": "right",
            "hold_seconds": 20,
            "reps": 2,
            "rest_seconds": 10,
        },
        {
            "slug": "pelvic-tilt",
            "name": "Pelvic tilt",
            "side": "both",
            "hold_seconds": 5,
            "reps": 10,
            "rest_seconds": 5,
        },
    ]


def test_the_walk_is_kept_apart_with_its_length():
    assert flow.walk_seconds(PLAN, {"short-walk"}) == 600
    assert flow.walk_seconds(PLAN, set()) == 0
    twice = Step("short-walk", "Short walk", "both", 300, 2, 0)
    assert flow.walk_seconds((twice,), {"short-walk"}) == 600
    assert (
        flow.walk_seconds((Step("short-walk", "Short walk", "both", 300, 0, 0),), {"short-walk"})
        == 300
    )


def test_expand_gives_one_screen_per_exercise_and_side_with_its_reps():
    got = [(s.number, s.side_label, s.reps_label, s.ready, s.instructions) for s in STEPS]
    assert got == [
        (1, "Left leg", "2 times: hold 20, relax 10", True,
         "Hold for 20 seconds, relax for 10 seconds, 2 times, then press Done."),
        (2, "Right leg", "2 times: hold 20, relax 10", True,
         "Hold for 20 seconds, relax for 10 seconds, 2 times, then press Done."),
        (3, "", "10 times: hold 5, relax 5", True,
         "Hold for 5 seconds, relax for 5 seconds, 10 times, then press Done."),
    ]  # fmt: skip


def test_a_single_hold_reads_as_one_hold():
    one = flow.expand([{**SNAPSHOT[0], "reps": 1}])[0]
    assert (one.reps_label, one.instructions) == (
        "Hold 20 seconds",
        "Hold for 20 seconds, then press Done.",
    )


def test_get_ready_only_when_the_exercise_or_side_changes():
    same = flow.expand([SNAPSHOT[0], SNAPSHOT[0], SNAPSHOT[1]])
    assert [s.ready for s in same] == [True, False, True]
    assert [s.ready_seconds for s in same] == [5, 0, 5]


def test_step_times():
    tilt = STEPS[2]
    assert (tilt.active_seconds, tilt.timer_seconds, tilt.holding_seconds) == (95, 100, 50)
    assert flow.timeline(STEPS) == flow.Timeline(timer_seconds=100 + 55 + 55, holding_seconds=130)


def test_expand_treats_zero_reps_as_one():
    one = flow.expand([{**SNAPSHOT[0], "reps": 0}])
    assert one[0].reps == 1


def test_expand_empty_plan():
    assert flow.expand([]) == ()


@pytest.mark.parametrize(
    ("held", "cut"),
    [
        # Left knee: 5 s get ready + (2 x 20 + 10) / 2 = 30 s is half its time.
        (None, False),
        (0, True),
        (29.9, True),
        (30, False),
        (120, False),
    ],
)
def test_is_cut_short(held, cut):
    assert flow.is_cut_short(STEPS[0], held) is cut


@pytest.mark.parametrize(
    ("state", "screen"),
    [
        (FlowState(0, IN), Screen.PAIN_BEFORE),
        (FlowState(1, IN), Screen.STEP),
        (FlowState(N, IN), Screen.STEP),
        (FlowState(2, IN, paused=True), Screen.PAUSED),
        (FlowState(2, IN, Ask.STOP), Screen.STOP_REASON),
        (FlowState(2, IN, Ask.SKIP), Screen.SKIP_REASON),
        (FlowState(2, IN, Ask.BODY), Screen.BODY_QUESTION),
        (FlowState(2, IN, Ask.REST, paused=True), Screen.RESTING),
        (FlowState(2, Status.NOT_FINISHED, Ask.REST, paused=True), Screen.CLOSED),
        (FlowState(N + 1, Status.COMPLETED), Screen.PAIN_AFTER),
        (FlowState(N + 1, Status.STOPPED), Screen.PAIN_AFTER),
        (FlowState(N + 2, Status.COMPLETED), Screen.SUMMARY),
        (FlowState(2, Status.NOT_FINISHED), Screen.CLOSED),
        (FlowState(2, Status.NOT_FINISHED, paused=True), Screen.CLOSED),
    ],
)
def test_screen_for(state, screen):
    assert flow.screen_for(state, N) is screen


SHOW = ShowStep()

# (state, event) -> (new state, effects)
TRANSITIONS = [
    pytest.param(
        FlowState(0, IN),
        Event(0, Action.PAIN, pain=4),
        FlowState(1, IN),
        (RecordPain(PainKind.BEFORE, 4), SHOW),
        id="pain-before-starts-the-first-step",
    ),
    pytest.param(
        FlowState(1, IN),
        Event(1, Action.DONE, held_seconds=55),
        FlowState(2, IN),
        (RecordStep(1, Outcome.DONE), SHOW),
        id="done-moves-to-the-other-side",
    ),
    pytest.param(
        FlowState(1, IN),
        Event(1, Action.DONE, held_seconds=12),
        FlowState(2, IN),
        (RecordStep(1, Outcome.DONE, cut_short=True), SHOW),
        id="done-early-is-cut-short-and-still-moves-on",
    ),
    pytest.param(
        FlowState(1, IN),
        Event(1, Action.DONE),
        FlowState(2, IN),
        (RecordStep(1, Outcome.DONE), SHOW),
        id="done-with-no-known-time-is-not-held-against-anyone",
    ),
    pytest.param(
        FlowState(N, IN),
        Event(N, Action.DONE, held_seconds=100),
        FlowState(N + 1, Status.COMPLETED),
        (RecordStep(N, Outcome.DONE), Finish(Status.COMPLETED)),
        id="done-on-the-last-step-completes",
    ),
    pytest.param(
        FlowState(1, IN),
        Event(1, Action.PAUSE),
        FlowState(1, IN, paused=True),
        (Pause(),),
        id="pause-keeps-the-place",
    ),
    pytest.param(
        FlowState(1, IN, paused=True),
        Event(1, Action.RESUME),
        FlowState(1, IN),
        (Resume(), SHOW),
        id="resume-shows-the-same-step-again",
    ),
    pytest.param(
        FlowState(1, IN, paused=True),
        Event(1, Action.STOP),
        FlowState(1, IN, Ask.STOP),
        (Resume(),),
        id="stop-from-a-pause",
    ),
    pytest.param(
        FlowState(1, IN),
        Event(1, Action.SKIP),
        FlowState(1, IN, Ask.SKIP),
        (),
        id="skip-asks-because-of-pain",
    ),
    pytest.param(
        FlowState(1, IN, Ask.SKIP),
        Event(1, Action.SKIP, yes=True),
        FlowState(3, IN),
        (
            RecordStep(1, Outcome.SKIPPED, for_pain=True),
            RecordStep(2, Outcome.SKIPPED, for_pain=True),
            SHOW,
        ),
        id="skip-for-pain-skips-this-stretch-on-both-sides",
    ),
    pytest.param(
        FlowState(2, IN, Ask.SKIP),
        Event(2, Action.SKIP, yes=False),
        FlowState(3, IN),
        (RecordStep(2, Outcome.SKIPPED), SHOW),
        id="skip-not-for-pain-skips-the-rest-of-this-stretch",
    ),
    pytest.param(
        FlowState(N, IN, Ask.SKIP),
        Event(N, Action.SKIP, yes=False),
        FlowState(N + 1, Status.COMPLETED),
        (RecordStep(N, Outcome.SKIPPED), Finish(Status.COMPLETED)),
        id="skip-on-the-last-stretch-completes",
    ),
    pytest.param(
        FlowState(2, IN, Ask.SKIP),
        Event(2, Action.RESUME),
        FlowState(2, IN),
        (SHOW,),
        id="back-to-the-stretch-from-the-skip-question",
    ),
    pytest.param(
        FlowState(2, IN),
        Event(2, Action.STOP),
        FlowState(2, IN, Ask.STOP),
        (),
        id="one-tap-on-stop-ends-holding",
    ),
    pytest.param(
        FlowState(2, IN, Ask.STOP),
        Event(2, Action.RESUME),
        FlowState(2, IN),
        (SHOW,),
        id="back-to-the-stretch-from-the-stop-question",
    ),
    pytest.param(
        FlowState(2, IN, Ask.STOP),
        Event(2, Action.STOP, reason=StopReason.NUMBNESS),
        FlowState(N + 1, Status.STOPPED),
        (RecordStop(StopReason.NUMBNESS, "", 2), Finish(Status.STOPPED)),
        id="stop-with-a-reason",
    ),
    pytest.param(
        FlowState(2, IN, Ask.STOP),
        Event(2, Action.STOP),
        FlowState(N + 1, Status.STOPPED),
        (RecordStop(StopReason.UNSAID, "", 2), Finish(Status.STOPPED)),
        id="stop-without-a-reason-is-a-stop-for-symptoms",
    ),
    pytest.param(
        FlowState(1, IN, Ask.STOP),
        Event(1, Action.STOP, reason=StopReason.OTHER, note="  dizzy  "),
        FlowState(1, IN, Ask.BODY),
        (KeepNote("dizzy"),),
        id="something-else-asks-about-the-body",
    ),
    pytest.param(
        FlowState(1, IN, Ask.BODY),
        Event(1, Action.STOP, reason=StopReason.OTHER, note="  dizzy  ", yes=True),
        FlowState(N + 1, Status.STOPPED),
        (RecordStop(StopReason.OTHER, "dizzy", 1), Finish(Status.STOPPED)),
        id="something-else-about-the-body-stops",
    ),
    pytest.param(
        FlowState(1, IN, Ask.BODY),
        Event(1, Action.STOP, reason=StopReason.OTHER, note="the phone rang", yes=False),
        FlowState(1, IN, paused=True),
        (Pause(),),
        id="something-else-not-about-the-body-is-a-pause",
    ),
    pytest.param(
        FlowState(1, IN, Ask.STOP),
        Event(1, Action.STOP, reason=StopReason.OTHER, yes=False),
        FlowState(1, IN, paused=True),
        (Pause(),),
        id="something-else-answered-at-once-is-a-pause",
    ),
    pytest.param(
        FlowState(1, IN, Ask.BODY),
        Event(1, Action.RESUME),
        FlowState(1, IN),
        (SHOW,),
        id="back-to-the-stretch-from-the-body-question",
    ),
    pytest.param(
        FlowState(1, IN, Ask.STOP),
        Event(1, Action.STOP, reason=StopReason.SHARP_PAIN, note="ignored"),
        FlowState(N + 1, Status.STOPPED),
        (RecordStop(StopReason.SHARP_PAIN, "", 1), Finish(Status.STOPPED)),
        id="note-only-for-something-else",
    ),
    pytest.param(
        FlowState(2, IN, Ask.STOP),
        Event(2, Action.STOP, reason=StopReason.CRAMP),
        FlowState(2, IN, Ask.REST, paused=True),
        (RecordStop(StopReason.CRAMP, "", 2), Pause()),
        id="a-cramp-is-recorded-and-keeps-the-place",
    ),
    pytest.param(
        FlowState(2, IN, Ask.REST, paused=True),
        Event(2, Action.RESUME, rested=True),
        FlowState(2, IN),
        (Resume(), SHOW),
        id="after-the-rest-the-same-step-again",
    ),
    pytest.param(
        FlowState(2, IN, Ask.REST, paused=True),
        Event(2, Action.STOP, reason=StopReason.SHARP_PAIN),
        FlowState(N + 1, Status.STOPPED),
        (Resume(), Finish(Status.STOPPED)),
        id="ending-while-resting-records-no-second-stop",
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
    pytest.param(
        FlowState(N + 1, Status.STOPPED),
        Event(N + 1, Action.PAIN),
        FlowState(N + 2, Status.STOPPED),
        (),
        id="pain-after-a-stop-is-optional",
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
    pytest.param(FlowState(0, IN), Event(0, Action.PAUSE), id="pause-on-pain-screen"),
    pytest.param(FlowState(2, IN), Event(2, Action.PAIN, pain=3), id="pain-on-step"),
    pytest.param(FlowState(2, IN), Event(2, Action.RESUME), id="resume-when-not-paused"),
    pytest.param(FlowState(2, IN, paused=True), Event(2, Action.PAUSE), id="pause-twice"),
    pytest.param(FlowState(2, IN, paused=True), Event(2, Action.DONE), id="done-while-paused"),
    pytest.param(FlowState(2, IN, paused=True), Event(2, Action.SKIP), id="skip-while-paused"),
    pytest.param(FlowState(2, IN, Ask.STOP), Event(2, Action.DONE), id="done-while-asking-why"),
    pytest.param(FlowState(2, IN, Ask.STOP), Event(2, Action.SKIP), id="skip-while-asking-why"),
    pytest.param(FlowState(2, IN, Ask.STOP), Event(2, Action.PAUSE), id="pause-while-asking"),
    pytest.param(FlowState(2, IN, Ask.SKIP), Event(2, Action.SKIP), id="skip-without-answer"),
    pytest.param(FlowState(2, IN, Ask.SKIP), Event(2, Action.STOP), id="stop-on-skip-question"),
    pytest.param(
        FlowState(2, IN, Ask.REST, paused=True),
        Event(2, Action.RESUME),
        id="resume-before-the-rest-is-over",
    ),
    pytest.param(
        FlowState(2, IN, Ask.REST, paused=True),
        Event(2, Action.DONE, held_seconds=100),
        id="done-while-resting",
    ),
    pytest.param(
        FlowState(2, IN, Ask.REST, paused=True), Event(2, Action.PAUSE), id="pause-while-resting"
    ),
    pytest.param(
        FlowState(2, IN, Ask.BODY),
        Event(2, Action.STOP, reason=StopReason.OTHER),
        id="body-question-unanswered",
    ),
    pytest.param(
        FlowState(2, IN, Ask.BODY),
        Event(2, Action.STOP, reason=StopReason.CRAMP, yes=True),
        id="body-question-answers-only-something-else",
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
        FlowState(2, Status.NOT_FINISHED),
        Event(2, Action.DONE),
        id="not-finished-takes-nothing",
    ),
    pytest.param(
        FlowState(2, Status.NOT_FINISHED, paused=True),
        Event(2, Action.RESUME),
        id="not-finished-cannot-resume",
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
        + [Event(i, Action.DONE, held_seconds=100) for i in range(1, N + 1)]
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


TUESDAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("status", "last_active_on", "expected"),
    [
        (Status.IN_PROGRESS, TUESDAY, False),
        (Status.IN_PROGRESS, date(2026, 11, 23), True),
        (Status.IN_PROGRESS, date(2026, 11, 1), True),
        (Status.COMPLETED, date(2026, 11, 23), False),
        (Status.STOPPED, date(2026, 11, 23), False),
        (Status.NOT_FINISHED, date(2026, 11, 23), False),
    ],
)
def test_is_left_unfinished(status, last_active_on, expected):
    assert flow.is_left_unfinished(status, last_active_on, TUESDAY) is expected


@pytest.mark.parametrize(
    ("position", "action", "expected"),
    [
        ("0", "pain", (0, Action.PAIN)),
        ("12", "done", (12, Action.DONE)),
        (" 3 ", "skip", (3, Action.SKIP)),
        ("0007", "stop", (7, Action.STOP)),
        ("9999", "pause", (9999, Action.PAUSE)),
        ("4", "resume", (4, Action.RESUME)),
        ("10000", "done", None),
        ("", "done", None),
        ("   ", "done", None),
        ("-1", "done", None),
        ("+1", "done", None),
        ("1.0", "done", None),
        ("1e2", "done", None),
        ("\u0663", "done", None),  # an Arabic-Indic three
        ("\u00b2", "done", None),  # a superscript two
        ("3", "", None),
        ("3", "Done", None),
        ("3", " done", None),
        ("3", "finish", None),
    ],
)
def test_read_answer(position, action, expected):
    assert flow.read_answer(position, action) == expected


@pytest.mark.parametrize(
    ("seconds", "scale", "ms"),
    [(20, 1, 20000), (5, 0.01, 50), (0, 1, 0), (30, 0.001, 30)],
)
def test_scaled_ms(seconds, scale, ms):
    assert flow.scaled_ms(seconds, scale) == ms


def test_breath_rhythm_is_within_the_sources_range():
    assert 4 <= flow.BREATH_IN_SECONDS <= 6 and 4 <= flow.BREATH_OUT_SECONDS <= 6


# --- the frozen plan, exactly --------------------------------------------------------


FROZEN = (
    Step("single-knee-to-chest", "Single knee-to-chest", "left", 15, 2, 10),
    Step("single-knee-to-chest", "Single knee-to-chest", "right", 15, 2, 10),
    Step("pelvic-tilt", "Pelvic tilt", "both", 1, 1, 0),
    Step("short-walk", "Short walk", "both", 600, 2, 0),
)


def test_each_screen_is_numbered_and_gets_ready_only_when_the_stretch_or_side_changes():
    snapshot = flow.snapshot_plan(FROZEN, leave_out={"short-walk"})
    screens = flow.expand([*snapshot, snapshot[-1]])
    assert [(s.number, s.slug, s.side, s.ready) for s in screens] == [
        (1, "single-knee-to-chest", "left", True),
        (2, "single-knee-to-chest", "right", True),
        (3, "pelvic-tilt", "both", True),
        (4, "pelvic-tilt", "both", False),
    ]


@pytest.mark.parametrize(
    ("hold", "words"),
    [(1, "Hold for 1 second, then press Done."), (2, "Hold for 2 seconds, then press Done.")],
)
def test_a_single_hold_is_said_in_seconds(hold, words):
    (screen,) = flow.expand(
        [{"slug": "x", "name": "X", "side": "both", "hold_seconds": hold, "reps": 1}]
    )
    assert screen.instructions == words


@pytest.mark.parametrize("pain", [0, 10])
def test_advance_takes_the_ends_of_the_pain_scale(pain):
    got = flow.advance(FlowState(0, IN), Event(0, Action.PAIN, pain=pain), STEPS)
    assert got.effects[0] == flow.RecordPain(flow.PainKind.BEFORE, pain)


def test_advance_names_a_bad_pain_plainly():
    with pytest.raises(ValueError, match=r"^pain must be an integer 0\.\.10, got 11$"):
        flow.advance(FlowState(0, IN), Event(0, Action.PAIN, pain=11), STEPS)


def test_done_is_judged_against_the_screen_it_answers():
    # Screen 1 holds 15 s once; screen 2 holds 45 s twice (a different step):
    # 10 s held is cut short on screen 1 only if judged by screen 1's own time.
    steps = flow.expand(
        [
            {"slug": "a", "name": "A", "side": "both", "hold_seconds": 15, "reps": 1},
            {
                "slug": "b",
                "name": "B",
                "side": "both",
                "hold_seconds": 45,
                "reps": 2,
                "rest_seconds": 10,
            },
        ]
    )
    at_two = flow.advance(FlowState(2, IN), Event(2, Action.DONE, held_seconds=40), steps)
    assert at_two.effects[0] == flow.RecordStep(2, flow.Outcome.DONE, cut_short=True)
    at_one = flow.advance(FlowState(1, IN), Event(1, Action.DONE, held_seconds=13), steps)
    assert at_one.effects[0] == flow.RecordStep(1, flow.Outcome.DONE, cut_short=False)


def test_each_screen_carries_its_name_and_rest():
    (screen,) = flow.expand(
        [
            {
                "slug": "a",
                "name": "Cat-cow",
                "side": "both",
                "hold_seconds": 30,
                "reps": 2,
                "rest_seconds": 10,
            }
        ]
    )
    assert (screen.name, screen.rest_seconds, screen.hold_seconds) == ("Cat-cow", 10, 30)
    (bare,) = flow.expand(
        [{"slug": "a", "name": "A", "side": "both", "hold_seconds": 0, "reps": 1}]
    )
    assert (bare.rest_seconds, bare.hold_seconds) == (0, 0)
