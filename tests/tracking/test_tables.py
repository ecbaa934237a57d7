"""The chart's numbers as table rows: exact HTML for each kind of row."""
# ruff: noqa: RUF001 - the tables write an en dash in an empty cell

from datetime import date

import pytest

from tracking.adherence import WeekRow
from tracking.tables import daily_rows, long_day, one_decimal, short_day, weekly_rows
from tracking.trends import DayPair, TrendPoint

MON = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "–"),
        (4.0, "4.0"),
        (4, "4.0"),
        (3.66, "3.7"),
        (3.64, "3.6"),
        (-0.04, "0.0"),
        (10, "10.0"),
    ],
)
def test_one_decimal(value, text) -> None:
    assert one_decimal(value) == text


def test_days_are_written_out_in_english() -> None:
    assert (long_day(MON), short_day(MON)) == ("Mon 2 Nov 2026", "2 Nov 2026")
    assert long_day(date(2027, 1, 9)) == "Sat 9 Jan 2027"


def test_a_day_row_has_its_pain_average_and_sessions() -> None:
    points = [
        TrendPoint(MON, 4.0, None),
        TrendPoint(date(2026, 11, 3), None, None),  # nothing that day: no row
        TrendPoint(date(2026, 11, 4), 3.5, 3.75, DayPair(date(2026, 11, 4), 5.0, 2.5, 2)),
        TrendPoint(date(2026, 11, 5), None, 3.75, DayPair(date(2026, 11, 5), 4.0, 3.0, 1)),
    ]
    assert daily_rows(points) == (
        '<tr><th scope="row">Mon 2 Nov 2026</th><td>4.0</td><td>–</td><td>–</td></tr>'
        '<tr><th scope="row">Wed 4 Nov 2026</th><td>3.5</td><td>3.8</td><td>5.0 → 2.5 (2)</td></tr>'
        '<tr><th scope="row">Thu 5 Nov 2026</th><td>–</td><td>3.8</td><td>4.0 → 3.0 (1)</td></tr>'
    )


def test_a_week_row_has_its_average_sessions_and_their_effect() -> None:
    weeks = [
        WeekRow(MON, 4.25, 3, 5.0, 3.0),
        WeekRow(date(2026, 11, 9), None, 0, None, None),  # nothing that week: no row
        WeekRow(date(2026, 11, 16), None, 2, None, None),
        WeekRow(date(2026, 11, 23), 2.0, 0, None, None),
    ]
    assert weekly_rows(weeks) == (
        '<tr><th scope="row">2 Nov 2026</th><td>4.2</td><td>3</td><td>5.0 → 3.0</td></tr>'
        '<tr><th scope="row">16 Nov 2026</th><td>–</td><td>2</td><td>–</td></tr>'
        '<tr><th scope="row">23 Nov 2026</th><td>2.0</td><td>0</td><td>–</td></tr>'
    )


def test_no_rows_say_so() -> None:
    expected = '<tr><td colspan="4">No logs yet.</td></tr>'
    assert daily_rows([TrendPoint(MON, None, None)]) == expected
    assert weekly_rows([]) == expected
