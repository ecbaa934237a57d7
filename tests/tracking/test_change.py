"""Whether a change in pain is meaningful, at its boundaries. No database, no clock."""

import pytest

from tracking.change import Verdict, compare, describe_change

# --- meaningful change ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "verdict"),
    [
        (6.0, 4.1, Verdict.SMALL_CHANGE),  # -1.9 points, 32 %
        (6.0, 4.0, Verdict.MEANINGFUL_FALL),  # -2.0 points, 33 %
        (6.1, 4.1, Verdict.MEANINGFUL_FALL),  # -2.0 points despite float rounding
        (10.0, 7.1, Verdict.SMALL_CHANGE),  # -2.9 points, 29 %
        (10.0, 7.0, Verdict.MEANINGFUL_FALL),  # -3.0 points, 30 %
        (9.0, 6.3, Verdict.MEANINGFUL_FALL),  # -2.7 points, 30 % exactly
        (8.0, 5.7, Verdict.SMALL_CHANGE),  # -2.3 points, 28.75 %
        (3.0, 1.0, Verdict.MEANINGFUL_FALL),
        (5.0, 5.0, Verdict.SMALL_CHANGE),
        (3.0, 5.0, Verdict.MEANINGFUL_RISE),
        (3.0, 4.9, Verdict.SMALL_CHANGE),
        (0.0, 0.0, Verdict.SMALL_CHANGE),  # no percentage of zero
        (0.0, 3.0, Verdict.SMALL_CHANGE),
        (None, 3.0, Verdict.NOT_ENOUGH_DATA),
        (6.0, None, Verdict.NOT_ENOUGH_DATA),
    ],
)
def test_compare_boundaries(start: float | None, end: float | None, verdict: Verdict) -> None:
    assert compare(start, end).verdict is verdict


@pytest.mark.parametrize(
    ("start", "threshold"),
    [(6.0, 4.0), (10.0, 7.0), (5.0, 3.0), (8.0, 5.6)],
)
def test_threshold_is_the_stricter_of_points_and_percent(start: float, threshold: float) -> None:
    assert compare(start, None).threshold == pytest.approx(threshold)


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
        (3.0, 4.0, "Morning pain rose from 3.0 to 4.0, not a meaningful change yet."),
        (3.0, 6.0, "Morning pain rose from 3.0 to 6.0, a clear rise."),
        (4.02, 3.98, "Morning pain stayed at about 4.0."),
        (None, None, "There are not enough logs yet to show a trend in morning pain."),
    ],
)
def test_describe_change(start: float | None, end: float | None, text: str) -> None:
    assert describe_change("Morning pain", compare(start, end)) == text
