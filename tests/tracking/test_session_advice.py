"""What a session tells the person: its summary in words and the advice after a stop."""

import pytest

from tracking.session_advice import STOP_ADVICE, describe_change, describe_duration
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


@pytest.mark.parametrize("reason", list(StopReason))
def test_every_stop_reason_has_concrete_advice(reason):
    advice = STOP_ADVICE[reason]
    assert advice.label and advice.now and advice.source
    help_text = " ".join(advice.get_help)
    assert "GP or physio" in help_text
    # No one country's number: the warning card beside it gives the person's own.
    assert not any(number in help_text for number in ("999", "112", "911", "000"))


@pytest.mark.parametrize("reason", [StopReason.SHARP_PAIN, StopReason.NUMBNESS])
def test_nerve_signals_stop_stretching_for_today(reason):
    advice = STOP_ADVICE[reason]
    assert advice.now[0] == "Stop stretching for today."
    assert any("GP or physio" in line for line in advice.get_help)
