"""What a session tells the person: its summary in words and the advice after a stop."""

from datetime import UTC, datetime, timedelta

import pytest

from screening.rules import Tier
from screening.standing import History, Result, State, Stop, StopKind, decide
from tracking.session_advice import (
    NEXT_WORDS,
    STOP_ADVICE,
    NextSession,
    clock,
    describe_change,
    describe_duration,
    describe_holds,
    describe_minutes,
    stop_reasons,
    stop_rule,
)
from tracking.session_flow import StopReason


@pytest.mark.parametrize(
    ("before", "after", "words"),
    [
        (5, 3, "Your pain went down by 2 points, from 5 to 3."),
        (4, 3, "Your pain went down by 1 point, from 4 to 3."),
        (4, 4, "Your pain stayed the same, at 4 out of 10."),
        (3, 5, "Your pain went up by 2 points, from 3 to 5."),
        (3, None, "We do not have both pain scores for this session."),
        (None, 2, "We do not have both pain scores for this session."),
    ],
)
def test_describe_change(before, after, words):
    assert describe_change(before, after) == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (0, "0 seconds"),
        (1, "1 second"),
        (45, "45 seconds"),
        (60, "1 minute"),
        (380, "6 minutes 20 seconds"),
        (3661, "1 hour 1 minute 1 second"),
    ],
)
def test_describe_duration(seconds, words):
    assert describe_duration(seconds) == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0, "0:00"), (5, "0:05"), (597, "9:57"), (600, "10:00"), (3723, "1:02:03")],
)
def test_clock(seconds, words):
    assert clock(seconds) == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0, "less than a minute"), (29, "less than a minute"), (60, "about 1 minute"),
     (745, "about 12 minutes")],
)  # fmt: skip
def test_describe_minutes(seconds, words):
    assert describe_minutes(seconds) == words


@pytest.mark.parametrize(
    ("done", "cut", "skipped", "words"),
    [
        (12, 0, 0, "12 done."),
        (9, 0, 2, "9 done, 2 skipped."),
        (
            9,
            3,
            0,
            "9 done. 3 holds were cut short. That is fine: next time, hold as long as "
            "feels comfortable, even if it is less than the full time.",
        ),
        (
            1,
            1,
            1,
            "1 done, 1 skipped. 1 hold was cut short. That is fine: next time, hold as long "
            "as feels comfortable, even if it is less than the full time.",
        ),
    ],
)
def test_describe_holds(done, cut, skipped, words):
    assert describe_holds(done, cut, skipped) == words


@pytest.mark.parametrize("reason", list(StopReason))
def test_every_stop_reason_has_concrete_advice(reason):
    advice = STOP_ADVICE[reason]
    assert advice.label and advice.now and advice.source
    help_text = " ".join(advice.get_help)
    assert "GP or physio" in help_text
    # No one country's number: the call button and warning card give the person's own.
    assert not any(number in help_text for number in ("999", "112", "911", "000"))


def test_emergency_reasons_say_who_to_call():
    calls = {reason: advice.call for reason, advice in STOP_ADVICE.items() if advice.call}
    assert calls == {StopReason.FAINT: "emergency", StopReason.PREGNANCY: "maternity"}
    assert "maternity unit now" in STOP_ADVICE[StopReason.PREGNANCY].now[0]


S, C, E = StopKind.SYMPTOM, StopKind.CRAMP, StopKind.EMERGENCY
R = NextSession
# reason, about the body?, pregnant?, same day? -> (kind written into the standing, next session)
STOP_TABLE = [
    (StopReason.SHARP_PAIN, True, False, True, (S, R.NOT_TODAY)),
    (StopReason.SHARP_PAIN, True, False, False, (S, R.CHECK_FIRST)),
    (StopReason.SHARP_PAIN, True, True, True, (S, R.NOT_TODAY)),
    (StopReason.SHARP_PAIN, True, True, False, (S, R.CHECK_FIRST)),
    (StopReason.NUMBNESS, True, False, True, (S, R.NOT_TODAY)),
    (StopReason.NUMBNESS, True, False, False, (S, R.CHECK_FIRST)),
    (StopReason.NUMBNESS, True, True, True, (S, R.NOT_TODAY)),
    (StopReason.NUMBNESS, True, True, False, (S, R.CHECK_FIRST)),
    (StopReason.CRAMP, True, False, True, (C, R.AFTER_REST)),
    (StopReason.CRAMP, True, False, False, (C, R.AS_USUAL)),
    (StopReason.CRAMP, True, True, True, (C, R.AFTER_REST)),
    (StopReason.CRAMP, True, True, False, (C, R.AS_USUAL)),
    (StopReason.FAINT, True, False, True, (E, R.AFTER_ASSESSMENT)),
    (StopReason.FAINT, True, False, False, (E, R.AFTER_ASSESSMENT)),
    (StopReason.FAINT, True, True, True, (E, R.AFTER_ASSESSMENT)),
    (StopReason.FAINT, True, True, False, (E, R.AFTER_ASSESSMENT)),
    (StopReason.PREGNANCY, True, False, True, None),
    (StopReason.PREGNANCY, True, False, False, None),
    (StopReason.PREGNANCY, True, True, True, (E, R.AFTER_ASSESSMENT)),
    (StopReason.PREGNANCY, True, True, False, (E, R.AFTER_ASSESSMENT)),
    (StopReason.OTHER, True, False, True, (S, R.NOT_TODAY)),
    (StopReason.OTHER, True, False, False, (S, R.CHECK_FIRST)),
    (StopReason.OTHER, True, True, True, (S, R.NOT_TODAY)),
    (StopReason.OTHER, True, True, False, (S, R.CHECK_FIRST)),
    (StopReason.OTHER, False, False, True, (None, R.CARRY_ON)),
    (StopReason.OTHER, False, False, False, (None, R.AS_USUAL)),
    (StopReason.OTHER, False, True, True, (None, R.CARRY_ON)),
    (StopReason.OTHER, False, True, False, (None, R.AS_USUAL)),
    (StopReason.UNSAID, True, False, True, (S, R.NOT_TODAY)),
    (StopReason.UNSAID, True, False, False, (S, R.CHECK_FIRST)),
    (StopReason.UNSAID, True, True, True, (S, R.NOT_TODAY)),
    (StopReason.UNSAID, True, True, False, (S, R.CHECK_FIRST)),
]


@pytest.mark.parametrize(("reason", "body", "pregnant", "same_day", "expected"), STOP_TABLE)
def test_what_a_stop_does(reason, body, pregnant, same_day, expected):
    rule = stop_rule(reason, pregnant=pregnant, about_body=body)
    got = None if rule is None else (rule.kind, rule.next_session(same_day=same_day))
    assert got == expected


@pytest.mark.parametrize(
    ("reason", "label"),
    [
        (StopReason.SHARP_PAIN, "sharp or shooting pain"),
        (StopReason.NUMBNESS, "numbness or tingling getting worse"),
        (StopReason.CRAMP, "cramp or spasm"),
        (StopReason.FAINT, "feeling faint or dizzy, chest pain or breathlessness"),
        (StopReason.PREGNANCY, "a pregnancy warning sign"),
        (StopReason.OTHER, "how your body felt"),
        (StopReason.UNSAID, "your symptoms"),
    ],
)
def test_the_words_a_stop_leaves_in_the_standing(reason, label):
    assert stop_rule(reason, pregnant=True).label == label


def test_the_reasons_offered():
    assert stop_reasons(pregnant=False) == (
        StopReason.SHARP_PAIN,
        StopReason.NUMBNESS,
        StopReason.CRAMP,
        StopReason.FAINT,
        StopReason.OTHER,
    )
    assert stop_reasons(pregnant=True) == (
        StopReason.SHARP_PAIN,
        StopReason.NUMBNESS,
        StopReason.CRAMP,
        StopReason.FAINT,
        StopReason.PREGNANCY,
        StopReason.OTHER,
    )


# The table's promise checked against the safety standing itself: a clear
# result in the morning, the stop at 10:00, then the standing 10 minutes later,
# 40 minutes later, and the next morning.
MORNING = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
STOPPED_AT = MORNING + timedelta(hours=2)
STANDING_AFTER = {
    # next session -> (10 min later, 40 min later, next morning) as standing states
    R.NOT_TODAY: (State.WAIT, State.WAIT, None),
    R.CHECK_FIRST: (None, None, State.CHECK),
    R.AFTER_REST: (State.WAIT, State.GO, None),
    R.AS_USUAL: (None, None, State.GO),
    R.AFTER_ASSESSMENT: (State.BLOCKED, State.BLOCKED, State.BLOCKED),
}


@pytest.mark.parametrize("reason", [r for r in StopReason if r is not StopReason.PREGNANCY])
def test_the_standing_does_what_the_table_says(reason):
    rule = stop_rule(reason, pregnant=False)
    clear = Result(id=1, at=MORNING, tier=Tier.CLEAR, flags=frozenset())
    stop = Stop(at=STOPPED_AT, day=STOPPED_AT.date(), kind=rule.kind, label=rule.label)
    history = History(results=(clear,), stops=(stop,))

    def state(at: datetime) -> State:
        return decide(history, now=at, today=at.date()).state

    same_day = STANDING_AFTER[rule.same_day]
    next_day = STANDING_AFTER[rule.next_day]
    assert state(STOPPED_AT + timedelta(minutes=10)) is same_day[0]
    assert state(STOPPED_AT + timedelta(minutes=40)) is same_day[1]
    assert state(MORNING + timedelta(days=1)) is next_day[2]


def test_every_next_session_has_words():
    assert set(NEXT_WORDS) == set(NextSession)


@pytest.mark.parametrize("reason", [StopReason.SHARP_PAIN, StopReason.NUMBNESS])
def test_nerve_signals_stop_stretching_for_today(reason):
    advice = STOP_ADVICE[reason]
    assert advice.now[0] == "Stop stretching for today."
    assert any("GP or physio" in line for line in advice.get_help)
