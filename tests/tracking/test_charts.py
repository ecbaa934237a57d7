"""SVG chart builder: well-formed, accessible, gaps stay gaps, text escaped."""

import itertools
import re
from datetime import date, timedelta
from xml.etree import ElementTree

import pytest

from tracking.change import compare
from tracking.charts import (
    Frame,
    _n,
    adherence_chart,
    label_spot,
    peg_chart,
    tick_indexes,
    trend_chart,
)
from tracking.peg_trend import PegPoint, peg_change
from tracking.trends import DayPair, DayValue, Trend, build_trend

SVG = "{http://www.w3.org/2000/svg}"
D0 = date(2026, 3, 2)


def parse(markup: str) -> ElementTree.Element:
    # An HTML page puts inline SVG in its namespace; a bare XML parser needs it spelled out.
    markup = markup.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return ElementTree.fromstring(markup)  # noqa: S314 - our own output, not untrusted


def make_trend(values: list[float | None], pairs: tuple[DayPair, ...] = ()) -> Trend:
    morning = [DayValue(D0 + timedelta(days=i), v) for i, v in enumerate(values) if v is not None]
    return build_trend(morning, pairs, start=D0, end=D0 + timedelta(days=len(values) - 1))


def test_trend_chart_has_title_and_description_for_screen_readers() -> None:
    root = parse(trend_chart(make_trend([6.1] * 7 + [3.4] * 7)))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "trend-title trend-desc"
    assert root.find(f"{SVG}title").text == "Morning pain"
    assert root.find(f"{SVG}desc").text == "Morning pain fell from 6.1 to 3.4, a meaningful change."


def test_trend_chart_breaks_the_line_at_gaps() -> None:
    root = parse(trend_chart(make_trend([5, 5, None, None, 4, 4])))
    (morning,) = [p for p in root.iter(f"{SVG}path") if p.get("class") == "chart-morning"]
    assert morning.get("d").count("M") == 2
    # A dot on every day with a value: the marker sits on each vertex of the line.
    assert root.find(f"{SVG}marker").get("id") == "trend-dot"
    assert morning.get("marker-mid") == morning.get("marker-start") == "url(#trend-dot)"
    numbers = re.findall(r"-?[\d.]+", morning.get("d"))
    assert len(numbers) == 8  # four points, two runs


def test_trend_chart_draws_baseline_band_and_pairs() -> None:
    pairs = (DayPair(D0, 6, 4, 2), DayPair(D0 + timedelta(days=1), 4, 5, 1))
    root = parse(trend_chart(make_trend([6] * 10, pairs), sessions=True))
    classes = [e.get("class") for e in root.iter()]
    assert "chart-band" in classes
    assert "chart-baseline" in classes
    assert "chart-pair chart-pair--down" in classes
    assert "chart-pair chart-pair--up" in classes


def test_trend_chart_by_default_draws_two_series_band_and_baseline_only() -> None:
    pairs = (DayPair(D0, 6, 4, 2), DayPair(D0 + timedelta(days=1), 4, 5, 1))
    root = parse(trend_chart(make_trend([6] * 10, pairs)))
    series = sorted(
        p.get("class") for p in root.iter(f"{SVG}path") if p.get("class") not in ("chart-grid",)
    )
    assert series == ["chart-baseline", "chart-morning", "chart-rolling", "chart-tick"]
    assert [e.get("class") for e in root.iter(f"{SVG}rect")] == ["chart-band"]


def test_trend_chart_is_drawn_at_phone_size() -> None:
    """About one unit per CSS pixel in a 340-360 px column: 12-unit labels read at 12 px."""
    root = parse(trend_chart(make_trend([6] * 10)))
    assert root.get("viewBox") == "0 0 340 224"


@pytest.mark.parametrize(
    ("count", "most", "expected"),
    [
        (0, 4, []),
        (1, 4, [0]),
        (7, 4, [0, 2, 4, 6]),
        (7, 7, [0, 1, 2, 3, 4, 5, 6]),
        (42, 4, [13, 27, 41]),  # every fortnight, counted back from today
        (42, 6, [6, 13, 20, 27, 34, 41]),  # every week
        (84, 4, [27, 55, 83]),  # every four weeks
        (1826, 3, [369, 1097, 1825]),  # every 104 weeks
    ],
)
def test_tick_indexes_are_evenly_spaced_and_end_today(
    count: int, most: int, expected: list[int]
) -> None:
    assert tick_indexes(count, most) == expected


def test_trend_chart_date_ticks_are_evenly_spaced() -> None:
    root = parse(trend_chart(make_trend([5.0] * 42)))
    (ticks,) = [p for p in root.iter(f"{SVG}path") if p.get("class") == "chart-tick"]
    xs = [float(x) for x in re.findall(r"M([\d.]+) ", ticks.get("d"))]
    gaps = [b - a for a, b in itertools.pairwise(xs)]
    assert len(xs) == 3  # 14 days of 308/42 units apart, give or take the rounding
    assert all(abs(gap - 102.67) < 0.1 for gap in gaps)
    labels = [t.text for t in root.iter(f"{SVG}text") if t.text and t.text[0].isdigit()]
    assert labels[-3:] == ["15 Mar", "29 Mar", "12 Apr"]


def test_trend_chart_without_data_is_still_valid() -> None:
    root = parse(trend_chart(make_trend([None] * 5)))
    assert "not enough logs" in root.find(f"{SVG}desc").text
    assert "chart-band" not in [e.get("class") for e in root.iter()]


def test_trend_chart_escapes_text() -> None:
    markup = trend_chart(make_trend([5]), title='<script>alert("x")</script>', prefix='a"b')
    assert "<script>" not in markup
    assert parse(markup).find(f"{SVG}title").text == '<script>alert("x")</script>'


def test_trend_chart_for_five_years_stays_light() -> None:
    markup = trend_chart(make_trend([5.0] * 1800))
    assert "chart-morning-dot" not in markup and "marker" not in markup
    assert len(markup) < 200_000


def test_peg_chart_marks_one_point_below_first_score() -> None:
    points = [PegPoint(D0, 6.0), PegPoint(D0 + timedelta(days=7), 5.0)]
    root = parse(peg_chart(points, peg_change(points), description="PEG fell."))
    (threshold,) = [e for e in root.iter() if e.get("class") == "chart-threshold"]
    assert threshold.get("d") == "M36 77H348"  # 5.0 on a 126-pixel 0-10 scale starting at 14
    (dots,) = [p for p in root.iter(f"{SVG}path") if "chart-peg-dot" in p.get("class")]
    assert dots.get("d").count("h0") == 2
    assert root.find(f"{SVG}desc").text == "PEG fell."


def test_peg_chart_without_points() -> None:
    root = parse(peg_chart([], compare(None, None)))
    assert root.find(f"{SVG}title").text == "PEG-3 score"


def test_trend_chart_draws_long_periods_one_pair_mark_per_week() -> None:
    pairs = tuple(DayPair(D0 + timedelta(days=i), 5, 3, 2) for i in range(364))
    root = parse(trend_chart(make_trend([4.0] * 364, pairs), sessions=True))
    (marks,) = [
        e for e in root.iter(f"{SVG}path") if e.get("class") == "chart-pair chart-pair--down"
    ]
    assert marks.get("d").lower().count("m") == 52  # one absolute move, then relative ones


def test_trend_chart_is_one_path_per_series_with_short_numbers() -> None:
    pairs = tuple(DayPair(D0 + timedelta(days=i), 5, 3, 2) for i in range(42))
    markup = trend_chart(make_trend([4.0] * 42, pairs), sessions=True)
    root = parse(markup)
    assert not list(root.iter(f"{SVG}line"))
    assert len(list(root.iter(f"{SVG}circle"))) == 1  # the dot marker, drawn on every day
    numbers = [p.get("d") for p in root.iter(f"{SVG}path")]
    numbers += [t.get(a) for t in root.iter(f"{SVG}text") for a in ("x", "y")]
    assert not [n for n in numbers if re.search(r"\.0(?!\d)", n)]
    assert len(markup) < 4_000


def test_trend_chart_steps_add_up_to_the_points() -> None:
    root = parse(trend_chart(make_trend([5, 4, 4, 6.5])))
    (morning,) = [p for p in root.iter(f"{SVG}path") if p.get("class") == "chart-morning"]
    start, steps = morning.get("d")[1:].split("l")
    x, y = map(float, start.split())
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", steps)]
    for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
        x, y = x + dx, y + dy
    assert (round(x, 1), round(y, 1)) == (293.5, 76.5)  # the last day, 6.5 on the pain scale


def test_pair_marks_are_relative_moves_that_add_up() -> None:
    pairs = (DayPair(D0, 6, 4, 1), DayPair(D0 + timedelta(days=2), 7, 5, 1))
    root = parse(trend_chart(make_trend([6, 6, 6], pairs), sessions=True))
    (marks,) = [
        p for p in root.iter(f"{SVG}path") if p.get("class") == "chart-pair chart-pair--down"
    ]
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", marks.get("d"))]
    x0, y0, len0, dx, dy, len1 = numbers
    # The second stroke starts where the first ended, moved; both fall by 2 points (38 units).
    assert (len0, len1) == (38, 38)
    assert (round(x0 + dx, 1), round(y0 + len0 + dy, 1)) == (284.7, 67)  # day 3 (+4), pain 7


def test_adherence_chart_merges_neighbouring_cells_of_one_shade() -> None:
    root = parse(adherence_chart([2, 2, 2, 0, 1, 1], title="Sessions per day."))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Sessions per day."
    paths = {p.get("class"): p.get("d") for p in root.iter(f"{SVG}path")}
    assert paths == {
        "strip-0": "M360 0h120v16h-120z",
        "strip-1": "M480 0h240v16h-240z",
        "strip-2": "M0 0h360v16h-360z",
    }


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (-0.0, "0"),
        (-0.04, "0"),
        (-0.05, "-0.1"),  # just below -0.05 in binary
        (0.25, "0.2"),  # an exact half: to even
        (0.35, "0.3"),  # just below 0.35 in binary
        (12.0, "12"),
        (12.96, "13"),
        (-7.5, "-7.5"),
        (199.99, "200"),
        (3.14159, "3.1"),
    ],
)
def test_a_coordinate_is_written_to_one_decimal_without_a_bare_zero(value, text) -> None:
    assert _n(value) == text


def test_the_baseline_label_is_drawn_over_the_data() -> None:
    """ "Baseline 6.0" sat under the morning dots it crosses; drawn last, it stays readable."""
    markup = trend_chart(make_trend([6.0] * 10))
    label = markup.index(">Baseline 6.0<")
    assert label > markup.index('class="chart-morning"')
    assert label > markup.index('class="chart-rolling"')


# The trend chart's frame: y(6.0) = 86, y(9.6) = 17.6, y(0.2) = 196.2; "Baseline 6.0" is
# 12 characters, 79.2 units wide.
TREND = Frame(340, 224, left=24, right=8, top=10, bottom=24)


@pytest.mark.parametrize(
    ("y", "points", "spot"),
    [
        (86, [], (28, 81, "start")),  # nothing in the way: left, above the line
        (86, [None, (200, 80)], (28, 81, "start")),  # a point mid-chart covers no end
        (86, [(40, 78)], (328, 81, "end")),  # the left covered: the right end
        (86, [(110, 70)], (328, 81, "end")),  # within 3 of the label's end
        (86, [(114, 70)], (28, 81, "start")),  # just past it
        (86, [(40, 78), (300, 75)], (28, 100, "start")),  # both above covered: below
        (86, [(40, 78), (300, 75), (40, 95)], (328, 100, "end")),
        (86, [(40, 78), (300, 75), (40, 95), (300, 95)], (28, 81, "start")),  # all: the first
        (86, [(40, 78), (40, 80), (300, 75), (40, 95), (300, 95)], (328, 81, "end")),
        (86, [(40, 67), (300, 105)], (28, 81, "start")),  # just outside both boxes
        (86, [(40, 68), (300, 104)], (328, 81, "end")),  # just inside the left one
        (17.6, [], (28, 31.6, "start")),  # near the top: below only
        (17.6, [(40, 25)], (328, 31.6, "end")),
        (196.2, [], (28, 191.2, "start")),  # near the axis: above only
        (196.2, [(40, 185), (330, 185)], (28, 191.2, "start")),  # above, however covered
    ],
)
def test_the_baseline_label_goes_where_it_covers_fewest_points(y, points, spot) -> None:
    x, label_y, anchor = label_spot(TREND, y, 12, points)
    assert (round(x, 1), round(label_y, 1), anchor) == spot


def test_a_chart_too_short_for_a_label_above_or_below_puts_it_on_the_line() -> None:
    assert label_spot(Frame(100, 40, left=4, right=4, top=10, bottom=10), 20, 5, []) == (
        8,
        24,
        "start",
    )


def test_a_falling_trend_puts_its_baseline_label_clear_of_the_first_weeks() -> None:
    """Morning pain from 6 down to 3.5: the baseline's left end runs through the first
    week's dots, so its label goes to the right end, above the lower values."""
    root = parse(trend_chart(make_trend([6.5, 5.5] * 4 + [3.5] * 13)))
    (label,) = [t for t in root.iter(f"{SVG}text") if (t.text or "").startswith("Baseline")]
    assert label.get("text-anchor") == "end"
    assert float(label.get("x")) == 328
