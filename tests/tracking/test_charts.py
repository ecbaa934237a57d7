"""SVG chart builder: well-formed, accessible, gaps stay gaps, text escaped."""

import re
from datetime import date, timedelta
from xml.etree import ElementTree

from tracking.change import compare
from tracking.charts import adherence_chart, peg_chart, trend_chart
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
    root = parse(trend_chart(make_trend([6] * 10, pairs)))
    classes = [e.get("class") for e in root.iter()]
    assert "chart-band" in classes
    assert "chart-baseline" in classes
    assert "chart-pair chart-pair--down" in classes
    assert "chart-pair chart-pair--up" in classes


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
    root = parse(trend_chart(make_trend([4.0] * 364, pairs)))
    (marks,) = [
        e for e in root.iter(f"{SVG}path") if e.get("class") == "chart-pair chart-pair--down"
    ]
    assert marks.get("d").lower().count("m") == 52  # one absolute move, then relative ones


def test_trend_chart_is_one_path_per_series_with_short_numbers() -> None:
    pairs = tuple(DayPair(D0 + timedelta(days=i), 5, 3, 2) for i in range(42))
    markup = trend_chart(make_trend([4.0] * 42, pairs))
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
    assert (round(x, 1), round(y, 1)) == (624, 101.5)  # the last day, 6.5 on the pain scale


def test_pair_marks_are_relative_moves_that_add_up() -> None:
    pairs = (DayPair(D0, 6, 4, 1), DayPair(D0 + timedelta(days=2), 7, 5, 1))
    root = parse(trend_chart(make_trend([6, 6, 6], pairs)))
    (marks,) = [
        p for p in root.iter(f"{SVG}path") if p.get("class") == "chart-pair chart-pair--down"
    ]
    numbers = [float(n) for n in re.findall(r"-?[\d.]+", marks.get("d"))]
    x0, y0, len0, dx, dy, len1 = numbers
    # The second stroke starts where the first ended, moved; both fall by 2 points (50 units).
    assert (len0, len1) == (50, 50)
    assert (round(x0 + dx, 1), round(y0 + len0 + dy, 1)) == (600, 89)  # day 3 (+4), pain 7


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
