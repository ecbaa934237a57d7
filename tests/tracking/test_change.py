"""Whether a change in pain is meaningful, at its boundaries. No database, no clock."""

import pytest

from tracking.change import (
    PAIN_RULE,
    PEG_RULE,
    Change,
    Verdict,
    compare,
    describe_change,
    headline,
)

# --- meaningful change ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "verdict"),
    [
        # Either 2 points or 30 % of the start is enough (PRODUCT.md: ">= 2 points or >= 30 %").
        (6.0, 4.3, Verdict.SMALL_CHANGE),  # -1.7 points, 28 %
        (6.0, 4.2, Verdict.MEANINGFUL_FALL),  # -1.8 points, 30 % exactly
        (6.0, 4.1, Verdict.MEANINGFUL_FALL),  # -1.9 points, 32 %: percent alone
        (6.1, 4.1, Verdict.MEANINGFUL_FALL),  # -2.0 points despite float rounding
        (10.0, 8.1, Verdict.SMALL_CHANGE),  # -1.9 points, 19 %
        (10.0, 8.0, Verdict.MEANINGFUL_FALL),  # -2.0 points, 20 %: points alone
        (3.0, 2.2, Verdict.SMALL_CHANGE),  # -0.8 points, 27 %
        (3.0, 2.1, Verdict.MEANINGFUL_FALL),  # -0.9 points, 30 %
        (5.0, 5.0, Verdict.SMALL_CHANGE),
        (3.0, 3.8, Verdict.SMALL_CHANGE),  # +0.8 points, 27 %
        (3.0, 3.9, Verdict.MEANINGFUL_RISE),  # +0.9 points, 30 %
        (8.0, 10.0, Verdict.MEANINGFUL_RISE),  # +2 points, 25 %
        (0.0, 0.0, Verdict.SMALL_CHANGE),  # no percentage of zero
        (0.0, 1.9, Verdict.SMALL_CHANGE),
        (0.0, 2.0, Verdict.MEANINGFUL_RISE),
        (None, 3.0, Verdict.NOT_ENOUGH_DATA),
        (6.0, None, Verdict.NOT_ENOUGH_DATA),
    ],
)
def test_compare_boundaries(start: float | None, end: float | None, verdict: Verdict) -> None:
    assert compare(start, end).verdict is verdict


@pytest.mark.parametrize(
    ("start", "threshold"),
    [(6.0, 4.2), (10.0, 8.0), (5.0, 3.5), (8.0, 6.0), (3.0, 2.1), (1.0, 0.7)],
)
def test_threshold_is_the_nearer_of_points_and_percent(start: float, threshold: float) -> None:
    assert compare(start, None).threshold == pytest.approx(threshold)


def test_rule_in_words() -> None:
    assert PAIN_RULE.words == "at least 2 points or at least 30\N{NO-BREAK SPACE}%"
    assert PEG_RULE.words == "at least 1 point"


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (
            6.0,
            3.7,
            (
                "Morning pain is down 38\N{NO-BREAK SPACE}%"
                " since you started: 6.0 → 3.7, a meaningful change"
            ),
        ),
        (
            6.0,
            5.0,
            (
                "Morning pain is down 17\N{NO-BREAK SPACE}%"
                " since you started: 6.0 → 5.0, not a meaningful change yet"
            ),
        ),
        (
            5.0,
            7.0,
            "Morning pain is up 40\N{NO-BREAK SPACE}% since you started: 5.0 → 7.0, a clear rise",
        ),
        (0.0, 2.0, "Morning pain is up since you started: 0.0 → 2.0, a clear rise"),
        (4.02, 3.98, "Morning pain is about the same as when you started: 4.0"),
        (None, 3.0, "No trend in morning pain yet"),
    ],
)
def test_headline(start: float | None, end: float | None, text: str) -> None:
    assert headline("Morning pain", compare(start, end)) == text


def test_change_delta_and_fraction() -> None:
    change = compare(6.0, 3.0)
    assert change.delta == -3.0
    assert change.fraction == -0.5
    assert change.meaningful
    assert "Farrar" in change.source


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (6.1, 3.4, "Morning pain fell from 6.1 to 3.4, a meaningful change."),
        (6.0, 5.0, "Morning pain fell from 6.0 to 5.0, not a meaningful change yet."),
        (3.0, 3.5, "Morning pain rose from 3.0 to 3.5, not a meaningful change yet."),
        (3.0, 6.0, "Morning pain rose from 3.0 to 6.0, a clear rise."),
        (4.02, 3.98, "Morning pain stayed at about 4.0."),
        (None, None, "There are not enough logs yet to show a trend in morning pain."),
    ],
)
def test_describe_change(start: float | None, end: float | None, text: str) -> None:
    assert describe_change("Morning pain", compare(start, end)) == text


def test_not_enough_data_keeps_what_there_is() -> None:
    assert compare(None, 3.0) == Change(None, 3.0, Verdict.NOT_ENOUGH_DATA, None, PAIN_RULE.source)
    assert compare(6.0, None) == Change(
        6.0, None, Verdict.NOT_ENOUGH_DATA, pytest.approx(4.2), PAIN_RULE.source
    )


def test_a_full_change_carries_its_threshold() -> None:
    assert compare(6.0, 3.0).threshold == pytest.approx(4.2)


def test_a_low_start_can_fall_meaningfully_by_percent_alone() -> None:
    # 1.0 -> 0.7 is 0.3 points, but 30 % of the start.
    assert compare(1.0, 0.7).verdict is Verdict.MEANINGFUL_FALL
    assert compare(1.0, 0.8).verdict is Verdict.SMALL_CHANGE


def test_a_start_without_an_end_is_described_as_too_few_logs() -> None:
    assert describe_change("Morning pain", compare(6.0, None)) == (
        "There are not enough logs yet to show a trend in morning pain."
    )


def test_too_few_records_are_named_for_what_they_are() -> None:
    assert describe_change("The PEG-3 score", compare(6.0, None), records="check-ins") == (
        "There are not enough check-ins yet to show a trend in the PEG-3 score."
    )
