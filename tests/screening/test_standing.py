"""The safety standing, decided from the whole history: exact outcomes, with time passed in.

No database. Each row is a history, a moment, and the literal standing it gives.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from screening.rules import Caution, Tier
from screening.standing import (
    Assessment,
    Clearance,
    DraftAnswer,
    History,
    Next,
    Recall,
    Result,
    Standing,
    State,
    Stop,
    StopKind,
    clearance_ends,
    decide,
)

T0 = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
H = timedelta(hours=1)
D = timedelta(days=1)
M = timedelta(minutes=1)

NO_BLADDER = (("bladder", "no"), ("fever", "no"))


def clear(id: int, at: datetime, answers=NO_BLADDER, cautions=frozenset()) -> Result:
    return Result(id, at, Tier.CAUTION if cautions else Tier.CLEAR, frozenset(), cautions, answers)


def emergency(id: int, at: datetime) -> Result:
    return Result(
        id, at, Tier.EMERGENCY, frozenset({"bladder"}), frozenset(), (("bladder", "yes"),)
    )


def urgent(id: int, at: datetime) -> Result:
    return Result(id, at, Tier.URGENT, frozenset({"fever"}), frozenset(), (("fever", "yes"),))


def clinician(id: int, at: datetime, code: str = "cancer", answers=None) -> Result:
    question = {"cancer": "cancer", "osteoporosis": "osteoporosis"}.get(code, code)
    return Result(
        id,
        at,
        Tier.CLINICIAN,
        frozenset({code}),
        frozenset(),
        answers if answers is not None else ((question, "yes"),),
    )


def seen(recorded: datetime, on: date | None = None) -> Assessment:
    return Assessment(at=recorded, seen_on=on or recorded.date())


def draft(at: datetime, corrected: datetime | None = None) -> DraftAnswer:
    return DraftAnswer(at, "bladder", "yes", Tier.EMERGENCY, frozenset({"bladder"}), corrected)


def state_of(history: History, now: datetime, today: date | None = None) -> tuple:
    s = decide(history, now=now, today=today or now.date())
    return (s.state, s.next, s.tier, s.flags, s.result_id)


GO = (State.GO, Next.NOTHING, Tier.CLEAR, (), 1)
CHECK = (State.CHECK, Next.ANSWER, None, (), None)
EMERGENCY_1 = (State.BLOCKED, Next.GET_HELP, Tier.EMERGENCY, ("bladder",), 1)

ROWS = [
    ("nothing yet", History(), T0, CHECK),
    ("a clear result", History(results=(clear(1, T0),)), T0 + D, GO),
    ("a clear result on its last minute", History(results=(clear(1, T0),)), T0 + 30 * D - M, GO),
    ("a clear result after 30 days", History(results=(clear(1, T0),)), T0 + 30 * D, CHECK),
    (
        "a caution result",
        History(results=(clear(1, T0, cautions=frozenset({Caution.KNEE})),)),
        T0 + H,
        (State.GO_WITH_CAUTIONS, Next.NOTHING, Tier.CAUTION, (), 1),
    ),
    ("an emergency result", History(results=(emergency(1, T0),)), T0 + M, EMERGENCY_1),
    (
        "emergency, then an all-no check a minute later",
        History(results=(emergency(1, T0), clear(2, T0 + M))),
        T0 + 2 * M,
        EMERGENCY_1,
    ),
    (
        "emergency, one minute before the cool-down ends",
        History(results=(emergency(1, T0),)),
        T0 + 24 * H - M,
        EMERGENCY_1,
    ),
    ("emergency, cool-down over", History(results=(emergency(1, T0),)), T0 + 24 * H, CHECK),
    (
        "emergency, cool-down over, then an all-no check",
        History(results=(emergency(1, T0), clear(2, T0 + 25 * H))),
        T0 + 26 * H,
        (State.GO, Next.NOTHING, Tier.CLEAR, (), 2),
    ),
    (
        "emergency, then an all-no check inside the cool-down, after it ends",
        History(results=(emergency(1, T0), clear(2, T0 + H))),
        T0 + 25 * H,
        CHECK,
    ),
    (
        "emergency, then recorded as seen the same day",
        History(results=(emergency(1, T0),), assessments=(seen(T0 + 5 * H),)),
        T0 + 6 * H,
        (State.GO, Next.NOTHING, Tier.CLEAR, ("bladder",), 1),
    ),
    (
        "emergency, seen on a day before the answer",
        History(results=(emergency(1, T0),), assessments=(seen(T0 + 5 * H, T0.date() - D),)),
        T0 + 6 * H,
        EMERGENCY_1,
    ),
    (
        "emergency, a record of being seen made before the answer",
        History(results=(emergency(1, T0 + 2 * H),), assessments=(seen(T0 + H),)),
        T0 + 3 * H,
        EMERGENCY_1,
    ),
    (
        "an urgent result",
        History(results=(urgent(1, T0),)),
        T0 + H,
        (State.BLOCKED, Next.GET_HELP, Tier.URGENT, ("fever",), 1),
    ),
    (
        "emergency and urgent: the emergency decides",
        History(results=(urgent(1, T0), emergency(2, T0 + H))),
        T0 + 2 * H,
        (State.BLOCKED, Next.GET_HELP, Tier.EMERGENCY, ("bladder",), 2),
    ),
    (
        "a clear result, then an emergency answer in a draft",
        History(results=(clear(1, T0),), drafts=(draft(T0 + H),)),
        T0 + 2 * H,
        (State.BLOCKED, Next.GET_HELP, Tier.EMERGENCY, ("bladder",), None),
    ),
    (
        "a draft emergency answer corrected as a mistake",
        History(results=(clear(1, T0),), drafts=(draft(T0 + H, T0 + H + M),)),
        T0 + 2 * H,
        GO,
    ),
    (
        "a draft emergency answer left unseen past the cool-down",
        History(results=(clear(1, T0),), drafts=(draft(T0 + H),)),
        T0 + 26 * H,
        CHECK,
    ),
    (
        "a draft emergency answer, then seen",
        History(results=(clear(1, T0),), drafts=(draft(T0 + H),), assessments=(seen(T0 + 3 * H),)),
        T0 + 4 * H,
        GO,
    ),
    (
        "a clinician result without clearance",
        History(results=(clinician(1, T0),)),
        T0 + H,
        (State.BLOCKED, Next.SEE_CLINICIAN, Tier.CLINICIAN, ("cancer",), 1),
    ),
    (
        "a clinician result, cleared",
        History(
            results=(clinician(1, T0),),
            clearances=(Clearance(1, frozenset({"cancer"}), T0.date() + D),),
        ),
        T0 + 2 * D,
        (State.GO, Next.NOTHING, Tier.CLEAR, ("cancer",), 1),
    ),
    (
        "a clearance dated after today does not count yet",
        History(
            results=(clinician(1, T0),),
            clearances=(Clearance(1, frozenset({"cancer"}), T0.date() + 3 * D),),
        ),
        T0 + 2 * D,
        (State.BLOCKED, Next.SEE_CLINICIAN, Tier.CLINICIAN, ("cancer",), 1),
    ),
    (
        "a clearance for other flags does not cover this one",
        History(
            results=(clinician(1, T0),),
            clearances=(Clearance(1, frozenset({"weight-loss"}), T0.date()),),
        ),
        T0 + D,
        (State.BLOCKED, Next.SEE_CLINICIAN, Tier.CLINICIAN, ("cancer",), 1),
    ),
    (
        "a permanent feature stays cleared in a check 35 days later",
        History(
            results=(clinician(1, T0), clinician(2, T0 + 35 * D)),
            clearances=(Clearance(1, frozenset({"cancer"}), T0.date()),),
        ),
        T0 + 36 * D,
        (State.GO, Next.NOTHING, Tier.CLEAR, ("cancer",), 2),
    ),
    (
        "a permanent feature's clearance ends when the answers changed in between",
        History(
            results=(clinician(1, T0), clear(2, T0 + 10 * D), clinician(3, T0 + 20 * D)),
            clearances=(Clearance(1, frozenset({"cancer"}), T0.date()),),
        ),
        T0 + 21 * D,
        (State.BLOCKED, Next.SEE_CLINICIAN, Tier.CLINICIAN, ("cancer",), 3),
    ),
    (
        "a clearance of a later result does not reach back",
        History(
            results=(clinician(1, T0), clinician(2, T0 + D)),
            clearances=(Clearance(2, frozenset({"cancer"}), T0.date() + D),),
        ),
        T0 + 2 * D,
        (State.GO, Next.NOTHING, Tier.CLEAR, ("cancer",), 2),
    ),
    (
        "a time-bound clearance on its last day",
        History(
            results=(
                clinician(1, T0, "recent-surgery"),
                clinician(2, T0 + 20 * D, "recent-surgery"),
            ),
            clearances=(Clearance(1, frozenset({"recent-surgery"}), T0.date()),),
        ),
        T0 + 29 * D,
        (State.GO, Next.NOTHING, Tier.CLEAR, ("recent-surgery",), 2),
    ),
    (
        "a time-bound clearance after its 30 days, counted from its own date",
        History(
            results=(
                clinician(1, T0, "recent-surgery"),
                clinician(2, T0 + 20 * D, "recent-surgery"),
            ),
            clearances=(Clearance(1, frozenset({"recent-surgery"}), T0.date()),),
        ),
        T0 + 30 * D,
        (State.BLOCKED, Next.SEE_CLINICIAN, Tier.CLINICIAN, ("recent-surgery",), 2),
    ),
    (
        "a flag from older rules is blocked until cleared",
        History(results=(clinician(1, T0, "retired-flag"),)),
        T0 + H,
        (State.BLOCKED, Next.SEE_CLINICIAN, Tier.CLINICIAN, ("retired-flag",), 1),
    ),
    (
        "a stop for sharp pain, the same day",
        History(results=(clear(1, T0),), stops=(Stop(T0 + H, T0.date(), StopKind.SYMPTOM),)),
        T0 + 2 * H,
        (State.WAIT, Next.REST, None, (), None),
    ),
    (
        "a stop for sharp pain, the next day",
        History(results=(clear(1, T0),), stops=(Stop(T0 + H, T0.date(), StopKind.SYMPTOM),)),
        T0 + D,
        CHECK,
    ),
    (
        "a stop for sharp pain, then a new check the next day",
        History(
            results=(clear(1, T0), clear(2, T0 + D)),
            stops=(Stop(T0 + H, T0.date(), StopKind.SYMPTOM),),
        ),
        T0 + D + H,
        (State.GO, Next.NOTHING, Tier.CLEAR, (), 2),
    ),
    (
        "a cramp: rest for 30 minutes",
        History(results=(clear(1, T0),), stops=(Stop(T0 + H, T0.date(), StopKind.CRAMP),)),
        T0 + H + 29 * M,
        (State.WAIT, Next.REST, None, (), None),
    ),
    (
        "a cramp, after 30 minutes: carry on",
        History(results=(clear(1, T0),), stops=(Stop(T0 + H, T0.date(), StopKind.CRAMP),)),
        T0 + H + 30 * M,
        GO,
    ),
    (
        "a stop for chest pain blocks until seen",
        History(results=(clear(1, T0),), stops=(Stop(T0 + H, T0.date(), StopKind.EMERGENCY),)),
        T0 + 3 * D,
        (State.BLOCKED, Next.GET_HELP, Tier.EMERGENCY, (), None),
    ),
    (
        "a stop for chest pain, then seen: answer again",
        History(
            results=(clear(1, T0),),
            stops=(Stop(T0 + H, T0.date(), StopKind.EMERGENCY),),
            assessments=(seen(T0 + 4 * H),),
        ),
        T0 + 5 * H,
        CHECK,
    ),
]


@pytest.mark.parametrize(
    ("history", "now", "expected"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS]
)
def test_standing(history: History, now: datetime, expected: tuple) -> None:
    assert state_of(history, now) == expected


def test_the_stop_day_is_the_persons_own_day() -> None:
    # Stopped at 23:30 local time on 2 November; at 00:30 local it is a new day.
    history = History(
        results=(clear(1, T0),), stops=(Stop(T0 + H, date(2026, 11, 2), StopKind.SYMPTOM),)
    )

    assert decide(history, now=T0 + 2 * H, today=date(2026, 11, 2)).state is State.WAIT
    assert decide(history, now=T0 + 2 * H, today=date(2026, 11, 3)).state is State.CHECK


def test_a_live_emergency_ends_at_the_end_of_its_cool_down() -> None:
    standing = decide(History(results=(emergency(1, T0),)), now=T0 + H, today=T0.date())

    assert standing.until == T0 + 24 * H
    assert standing.since == T0
    assert standing.alarm is True
    assert standing.may_recheck is False


def test_a_result_is_current_until_30_days_after_it() -> None:
    standing = decide(History(results=(clear(1, T0),)), now=T0 + H, today=T0.date())

    assert standing.until == T0 + 30 * D
    assert standing.may_stretch is True
    assert standing.alarm is False


def test_a_clinician_block_may_be_checked_again_but_is_not_an_alarm() -> None:
    standing = decide(History(results=(clinician(1, T0),)), now=T0 + H, today=T0.date())

    assert (standing.alarm, standing.may_recheck, standing.may_stretch) == (False, True, False)


def test_a_wait_may_not_be_checked_again() -> None:
    history = History(results=(clear(1, T0),), stops=(Stop(T0 + H, T0.date(), StopKind.SYMPTOM),))

    assert decide(history, now=T0 + 2 * H, today=T0.date()).may_recheck is False


def test_a_check_after_the_cool_down_recalls_the_emergency_answer() -> None:
    standing = decide(History(results=(emergency(1, T0),)), now=T0 + 25 * H, today=T0.date())

    assert standing.recalls == (Recall("bladder", "yes", T0),)


def test_a_draft_answer_is_recalled_unless_corrected() -> None:
    kept = History(drafts=(draft(T0),))
    corrected = History(drafts=(draft(T0, T0 + M),))

    assert decide(kept, now=T0 + 25 * H, today=T0.date()).recalls == (Recall("bladder", "yes", T0),)
    assert decide(corrected, now=T0 + 25 * H, today=T0.date()).recalls == ()


def test_a_later_no_ends_the_recall() -> None:
    history = History(results=(emergency(1, T0), clear(2, T0 + 25 * H)))

    assert decide(history, now=T0 + 26 * H, today=T0.date()).recalls == ()


def test_recalls_reach_back_30_days() -> None:
    history = History(results=(clinician(1, T0, "osteoporosis"),))

    assert decide(history, now=T0 + 30 * D - M, today=T0.date()).recalls == (
        Recall("osteoporosis", "yes", T0),
    )
    assert decide(history, now=T0 + 30 * D + M, today=T0.date()).recalls == ()


def test_age_and_onset_are_never_recalled() -> None:
    result = Result(
        1,
        T0,
        Tier.CLINICIAN,
        frozenset({"new-pain-over-50"}),
        frozenset(),
        (("age", "60"), ("pain_start", "recent-no-cause")),
    )

    assert decide(History(results=(result,)), now=T0 + H, today=T0.date()).recalls == ()


def test_a_symptom_stop_is_asked_about_in_the_next_check() -> None:
    stop = Stop(T0 + H, T0.date(), StopKind.SYMPTOM, "sharp or shooting pain")
    standing = decide(
        History(results=(clear(1, T0),), stops=(stop,)), now=T0 + D, today=T0.date() + D
    )

    assert standing.stop == stop
    assert "sharp or shooting pain" in standing.reason


def test_cautions_come_from_the_current_result() -> None:
    result = clear(1, T0, cautions=frozenset({Caution.FLOOR, Caution.KNEE}))

    standing = decide(History(results=(result,)), now=T0 + H, today=T0.date())

    assert standing.cautions == frozenset({Caution.FLOOR, Caution.KNEE})


# Exact standings, every field: the reason shown, the deciding answer's time,
# the end of a wait, the stop asked about (see docs/mutation.md).
CHEST = Stop(T0 + H, T0.date(), StopKind.EMERGENCY, "chest pain")
UNLABELLED_EMERGENCY_STOP = Stop(T0 + H, T0.date(), StopKind.EMERGENCY)
CRAMP = Stop(T0 + H, T0.date(), StopKind.CRAMP)
SHARP = Stop(T0 + H, T0.date(), StopKind.SYMPTOM, "sharp pain")
UNLABELLED_SYMPTOM_STOP = Stop(T0 + H, T0.date(), StopKind.SYMPTOM)
GET_CHECKED = "Get checked first, then record that you have been seen."
ASK_AGAIN = "Your last safety check no longer counts. Answer the questions again."
NO_MORE_TODAY = "No more stretching today. Tomorrow we will ask how it is."

EXACT = [
    (
        "a live emergency",
        History(results=(emergency(1, T0),)),
        T0 + H,
        Standing(
            State.BLOCKED,
            Next.GET_HELP,
            "You told us about a sign that needs care now. Get help first, then record "
            "that you have been seen.",
            tier=Tier.EMERGENCY,
            flags=("bladder",),
            result_id=1,
            until=T0 + 24 * H,
            since=T0,
        ),
    ),
    (
        "a stop for chest pain",
        History(results=(clear(1, T0),), stops=(CHEST,)),
        T0 + 2 * H,
        Standing(
            State.BLOCKED,
            Next.GET_HELP,
            f"You stopped a session because of chest pain. {GET_CHECKED}",
            tier=Tier.EMERGENCY,
            stop=CHEST,
            since=T0 + H,
        ),
    ),
    (
        "an emergency stop without words",
        History(results=(clear(1, T0),), stops=(UNLABELLED_EMERGENCY_STOP,)),
        T0 + 2 * H,
        Standing(
            State.BLOCKED,
            Next.GET_HELP,
            f"You stopped a session because of a warning sign. {GET_CHECKED}",
            tier=Tier.EMERGENCY,
            stop=UNLABELLED_EMERGENCY_STOP,
            since=T0 + H,
        ),
    ),
    (
        "a cramp",
        History(results=(clear(1, T0),), stops=(CRAMP,)),
        T0 + H + M,
        Standing(
            State.WAIT,
            Next.REST,
            "Rest for 30 minutes after a cramp or spasm, then you can carry on.",
            until=T0 + H + 30 * M,
            stop=CRAMP,
            since=T0 + H,
        ),
    ),
    (
        "a stop for sharp pain, the same day",
        History(results=(clear(1, T0),), stops=(SHARP,)),
        T0 + 2 * H,
        Standing(
            State.WAIT,
            Next.REST,
            f"You stopped a session today because of sharp pain. {NO_MORE_TODAY}",
            stop=SHARP,
            since=T0 + H,
        ),
    ),
    (
        "a symptom stop without words, the same day",
        History(results=(clear(1, T0),), stops=(UNLABELLED_SYMPTOM_STOP,)),
        T0 + 2 * H,
        Standing(
            State.WAIT,
            Next.REST,
            f"You stopped a session today because of your symptoms. {NO_MORE_TODAY}",
            stop=UNLABELLED_SYMPTOM_STOP,
            since=T0 + H,
        ),
    ),
    (
        "a symptom stop without words, the next day",
        History(results=(clear(1, T0),), stops=(UNLABELLED_SYMPTOM_STOP,)),
        T0 + D,
        Standing(
            State.CHECK,
            Next.ANSWER,
            "You stopped a session because of your symptoms. "
            "Answer the safety questions again before your next session.",
            stop=UNLABELLED_SYMPTOM_STOP,
        ),
    ),
    (
        "nothing yet",
        History(),
        T0,
        Standing(State.CHECK, Next.ANSWER, "Answer the safety questions before you start."),
    ),
    (
        "a result after 30 days",
        History(results=(clear(1, T0),)),
        T0 + 30 * D,
        Standing(State.CHECK, Next.ANSWER, ASK_AGAIN),
    ),
    (
        "a stop for chest pain, then seen: the stop is not asked about",
        History(results=(clear(1, T0),), stops=(CHEST,), assessments=(seen(T0 + 4 * H),)),
        T0 + 5 * H,
        Standing(State.CHECK, Next.ANSWER, ASK_AGAIN),
    ),
    (
        "a cramp with no result yet: the cramp is not asked about",
        History(stops=(CRAMP,)),
        T0 + 2 * H,
        Standing(State.CHECK, Next.ANSWER, "Answer the safety questions before you start."),
    ),
    (
        "a clinician result",
        History(results=(clinician(1, T0),)),
        T0 + H,
        Standing(
            State.BLOCKED,
            Next.SEE_CLINICIAN,
            "Once they have seen you, record what they told you.",
            tier=Tier.CLINICIAN,
            flags=("cancer",),
            result_id=1,
            until=T0 + 30 * D,
            recalls=(Recall("cancer", "yes", T0),),
            since=T0,
        ),
    ),
    (
        "a clear result",
        History(results=(clear(1, T0),)),
        T0 + H,
        Standing(
            State.GO,
            Next.NOTHING,
            "You can start your stretching plan.",
            tier=Tier.CLEAR,
            result_id=1,
            until=T0 + 30 * D,
            since=T0,
        ),
    ),
    (
        "a caution result",
        History(results=(clear(1, T0, cautions=frozenset({Caution.KNEE})),)),
        T0 + H,
        Standing(
            State.GO_WITH_CAUTIONS,
            Next.NOTHING,
            "You can start your stretching plan, with some changes.",
            tier=Tier.CAUTION,
            result_id=1,
            cautions=frozenset({Caution.KNEE}),
            until=T0 + 30 * D,
            since=T0,
        ),
    ),
    (
        "a cleared clinician result, recalled",
        History(
            results=(clinician(1, T0),),
            clearances=(Clearance(1, frozenset({"cancer"}), T0.date()),),
        ),
        T0 + D,
        Standing(
            State.GO,
            Next.NOTHING,
            "You can start your stretching plan.",
            tier=Tier.CLEAR,
            flags=("cancer",),
            result_id=1,
            until=T0 + 30 * D,
            recalls=(Recall("cancer", "yes", T0),),
            since=T0,
        ),
    ),
]


@pytest.mark.parametrize(
    ("history", "now", "expected"), [r[1:] for r in EXACT], ids=[r[0] for r in EXACT]
)
def test_exact_standing(history: History, now: datetime, expected: Standing) -> None:
    assert decide(history, now=now, today=now.date()) == expected


def cleared(*clearances: Clearance) -> History:
    return History(results=(clinician(1, T0),), clearances=clearances)


def urgent_draft(at: datetime) -> DraftAnswer:
    return DraftAnswer(at, "fever", "yes", Tier.URGENT, frozenset({"fever"}))


EDGES = [
    (
        "an emergency at the very moment of the answer",
        History(results=(emergency(1, T0),)),
        T0,
        EMERGENCY_1,
    ),
    (
        "two emergencies: the later one decides",
        History(results=(emergency(1, T0), emergency(2, T0 + H))),
        T0 + 2 * H,
        (State.BLOCKED, Next.GET_HELP, Tier.EMERGENCY, ("bladder",), 2),
    ),
    (
        "an urgent answer in a draft",
        History(results=(clear(1, T0),), drafts=(urgent_draft(T0 + H),)),
        T0 + 2 * H,
        (State.BLOCKED, Next.GET_HELP, Tier.URGENT, ("fever",), None),
    ),
    (
        "seen, recorded at the very moment of the answer",
        History(results=(emergency(1, T0),), assessments=(seen(T0),)),
        T0 + H,
        (State.GO, Next.NOTHING, Tier.CLEAR, ("bladder",), 1),
    ),
    (
        "emergency, then an all-no check exactly when the cool-down ends",
        History(results=(emergency(1, T0), clear(2, T0 + 24 * H))),
        T0 + 25 * H,
        (State.GO, Next.NOTHING, Tier.CLEAR, (), 2),
    ),
    (
        "a stop at this very moment",
        History(results=(clear(1, T0),), stops=(Stop(T0 + H, T0.date(), StopKind.SYMPTOM),)),
        T0 + H,
        (State.WAIT, Next.REST, None, (), None),
    ),
    (
        "the latest stop decides, in whatever order the stops come",
        History(
            results=(clear(1, T0),),
            stops=(
                Stop(T0 + 2 * H, T0.date(), StopKind.SYMPTOM),
                Stop(T0 + H, T0.date(), StopKind.CRAMP),
            ),
        ),
        T0 + 3 * H,
        (State.WAIT, Next.REST, None, (), None),
    ),
    (
        "a clearance dated today counts",
        cleared(Clearance(1, frozenset({"cancer"}), T0.date())),
        T0 + H,
        (State.GO, Next.NOTHING, Tier.CLEAR, ("cancer",), 1),
    ),
    (
        "a clearance for other flags, then one for this flag",
        cleared(
            Clearance(1, frozenset({"weight-loss"}), T0.date()),
            Clearance(1, frozenset({"cancer"}), T0.date()),
        ),
        T0 + H,
        (State.GO, Next.NOTHING, Tier.CLEAR, ("cancer",), 1),
    ),
    (
        "a clearance dated in the future, then one dated today",
        cleared(
            Clearance(1, frozenset({"cancer"}), T0.date() + D),
            Clearance(1, frozenset({"cancer"}), T0.date()),
        ),
        T0 + H,
        (State.GO, Next.NOTHING, Tier.CLEAR, ("cancer",), 1),
    ),
    (
        "a clearance of a result no longer in the history covers nothing",
        History(
            results=(clinician(2, T0),),
            clearances=(Clearance(1, frozenset({"cancer"}), T0.date()),),
        ),
        T0 + H,
        (State.BLOCKED, Next.SEE_CLINICIAN, Tier.CLINICIAN, ("cancer",), 2),
    ),
    (
        "an expired time-bound clearance, then a newer one",
        History(
            results=(
                clinician(1, T0, "recent-surgery"),
                clinician(2, T0 + 20 * D, "recent-surgery"),
            ),
            clearances=(
                Clearance(1, frozenset({"recent-surgery"}), T0.date()),
                Clearance(2, frozenset({"recent-surgery"}), T0.date() + 20 * D),
            ),
        ),
        T0 + 35 * D,
        (State.GO, Next.NOTHING, Tier.CLEAR, ("recent-surgery",), 2),
    ),
]


@pytest.mark.parametrize(
    ("history", "now", "expected"), [r[1:] for r in EDGES], ids=[r[0] for r in EDGES]
)
def test_standing_at_the_edges(history: History, now: datetime, expected: tuple) -> None:
    assert state_of(history, now) == expected


def test_recalls_reach_back_exactly_30_days_and_up_to_now() -> None:
    history = History(results=(clinician(1, T0, "osteoporosis"),))

    assert decide(history, now=T0 + 30 * D, today=T0.date()).recalls == (
        Recall("osteoporosis", "yes", T0),
    )
    assert decide(history, now=T0, today=T0.date()).recalls == (Recall("osteoporosis", "yes", T0),)


def test_an_age_answer_does_not_hide_the_answers_after_it() -> None:
    result = Result(
        1,
        T0,
        Tier.CLINICIAN,
        frozenset({"osteoporosis"}),
        frozenset(),
        (("age", "60"), ("osteoporosis", "yes")),
    )

    assert decide(History(results=(result,)), now=T0 + H, today=T0.date()).recalls == (
        Recall("osteoporosis", "yes", T0),
    )


def test_recalls_keep_the_order_the_questions_were_asked_in() -> None:
    # weight_loss is asked before osteoporosis, against the alphabet.
    result = Result(
        1,
        T0,
        Tier.CLINICIAN,
        frozenset({"weight-loss", "osteoporosis"}),
        frozenset(),
        (("weight_loss", "yes"), ("osteoporosis", "yes")),
    )

    assert decide(History(results=(result,)), now=T0 + H, today=T0.date()).recalls == (
        Recall("weight_loss", "yes", T0),
        Recall("osteoporosis", "yes", T0),
    )


def test_recalls_come_oldest_first() -> None:
    # "known" sorts before "yes": the order is by time, not by answer.
    known = Result(
        2, T0 + D, Tier.CLINICIAN, frozenset({"saddle-known"}), frozenset(), (("saddle", "known"),)
    )
    history = History(results=(clinician(1, T0, "osteoporosis"), known))

    assert decide(history, now=T0 + D + H, today=T0.date() + D).recalls == (
        Recall("osteoporosis", "yes", T0),
        Recall("saddle", "known", T0 + D),
    )


def test_recalls_follow_the_clock_not_the_order_of_the_lists() -> None:
    # A draft's "yes", then a finished check's "no" an hour later: nothing to recall.
    history = History(results=(clear(1, T0 + H),), drafts=(draft(T0),))

    assert decide(history, now=T0 + 26 * H, today=T0.date() + D).recalls == ()


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (("recent-surgery",), date(2026, 12, 2)),
        (("cancer",), None),
        (("cancer", "weight-loss"), date(2026, 12, 2)),
        (("retired-flag",), date(2026, 12, 2)),
        ((), None),
    ],
)
def test_when_a_clearance_ends(flags: tuple[str, ...], expected: date | None) -> None:
    assert clearance_ends(flags, date(2026, 11, 2)) == expected


@pytest.mark.parametrize(
    ("state", "stopped"),
    [
        (State.GO, False),
        (State.GO_WITH_CAUTIONS, False),
        (State.CHECK, False),
        (State.BLOCKED, True),
        (State.WAIT, True),
    ],
)
def test_only_a_block_or_a_wait_is_a_stop_rather_than_a_question(state, stopped) -> None:
    assert Standing(state=state, next=Next.ANSWER, reason="").stopped is stopped
