"""Server-rendered SVG charts built from the trend dataclasses.

Pure Python: the output is a string of SVG markup in which every piece of
text is escaped here, so a template may mark it safe. Colours and strokes
are CSS classes (see static/css/progress.css), and each series is
one <path> (dots are zero-length round-capped segments), so a chart of six
weeks stays a few kilobytes. No JavaScript is needed to read a chart; a
data table sits beside each one. The markup is made to sit inside an HTML
page, which puts it in the SVG namespace without an xmlns attribute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from html import escape

from tracking.change import Change
from tracking.peg_trend import PegPoint
from tracking.trends import DayPair, Trend, TrendPoint

__all__ = ["Frame", "adherence_chart", "peg_chart", "trend_chart"]


@dataclass(frozen=True)
class Frame:
    """Drawing area of a chart: the pain scale 0-10 runs bottom to top."""

    width: int
    height: int
    left: int = 36
    right: int = 12
    top: int = 14
    bottom: int = 30

    @property
    def plot_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> float:
        return self.height - self.top - self.bottom

    def y(self, value: float) -> float:
        return self.top + (10 - value) / 10 * self.plot_height

    def x(self, index: int, count: int) -> float:
        """Centre of day slot `index` out of `count`."""
        return self.left + (index + 0.5) * self.plot_width / max(count, 1)


def _n(value: float) -> str:
    """A coordinate to one decimal, without a trailing ".0" (and never "-0")."""
    text = f"{value:.1f}"  # rounded half to even, as round() does
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _attrs(**attrs: str | float) -> str:
    # trailing underscores let callers pass class_ ; others map _ to -
    return " ".join(
        f'{k.rstrip("_").replace("_", "-")}="{escape(_n(v) if isinstance(v, float) else str(v))}"'
        for k, v in attrs.items()
    )


def _el(tag: str, **attrs: str | float) -> str:
    """An empty SVG element."""
    return f"<{tag} {_attrs(**attrs)}/>"


def _series(css: str, d: str) -> str:
    """One path for a whole series; nothing at all when it is empty."""
    return _el("path", class_=css, d=d) if d else ""


def _dots(coords: Sequence[tuple[float, float]]) -> str:
    """Zero-length segments: drawn as dots by the round line caps of their class.

    After the first, each dot is a relative move from the one before.
    """
    return _relative([(x, y, y) for x, y in coords], "h0")


def _relative(marks: Sequence[tuple[float, float, float]], tail: str = "") -> str:
    """Vertical marks (x, from y, to y), each a move relative to where the last ended.

    Positions are rounded before the differences are taken, so nothing drifts.
    """
    out = []
    pen: tuple[float, float] | None = None
    for x, y0, y1 in ((round(x, 1), round(a, 1), round(b, 1)) for x, a, b in marks):
        move = f"M{_n(x)} {_n(y0)}" if pen is None else f"m{_n(x - pen[0])} {_n(y0 - pen[1])}"
        out.append(move + (f"v{_n(y1 - y0)}" if y1 != y0 else "") + tail)
        pen = (x, y1)
    return "".join(out)


def _text(x: float, y: float, content: str, **attrs: str | float) -> str:
    return f"<text {_attrs(x=x, y=y, **attrs)}>{escape(content)}</text>"


def _open(frame: Frame, prefix: str, title: str, description: str, css: str) -> list[str]:
    labelledby = f"{prefix}-title {prefix}-desc"
    return [
        f'<svg viewBox="0 0 {frame.width} {frame.height}" '
        f"{_attrs(class_=css, role='img', aria_labelledby=labelledby)}>",
        f'<title id="{escape(prefix)}-title">{escape(title)}</title>',
        f'<desc id="{escape(prefix)}-desc">{escape(description)}</desc>',
    ]


def _hline(frame: Frame, y: float) -> str:
    """Path commands for a horizontal line across the plot area."""
    return f"M{frame.left} {_n(y)}H{frame.width - frame.right}"


def _grid(frame: Frame, step: int = 2) -> list[str]:
    values = range(0, 11, step)
    lines = "".join(_hline(frame, frame.y(v)) for v in values)
    labels = "".join(_text(frame.left - 4, frame.y(v) + 4, str(v)) for v in values)
    return [_series("chart-grid", lines), f'<g class="chart-axis--y">{labels}</g>']


def _note(x: float, y: float, content: str, **attrs: str | float) -> str:
    return _text(x, y, content, **{"class_": "chart-note", **attrs})


def _path(coords: Sequence[tuple[float, float] | None]) -> str:
    """A line through the points; None breaks it, so a gap is never drawn as a value.

    Each run starts with an absolute move, then relative steps ("l" repeats
    implicitly): a day apart, most steps are short numbers such as "16 0".
    The steps are differences of the rounded positions, so they never drift.
    """
    runs: list[list[tuple[float, float]]] = [[]]
    for xy in coords:
        if xy is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((round(xy[0], 1), round(xy[1], 1)))
    commands = []
    for run in filter(None, runs):
        (x, y), rest = run[0], run[1:]
        steps = [
            _n(v) for (x1, y1), (x0, y0) in zip(rest, run, strict=False) for v in (x1 - x0, y1 - y0)
        ]
        commands.append(f"M{_n(x)} {_n(y)}" + (f"l{_join(steps)}" if steps else ""))
    return "".join(commands)


def _join(numbers: Sequence[str]) -> str:
    """Numbers for a path: a minus sign already separates, a space otherwise."""
    out = numbers[0]
    for n in numbers[1:]:
        out += n if n.startswith("-") else f" {n}"
    return out


def _date_label(day: date, long_span: bool) -> str:
    return day.strftime("%b %Y") if long_span else f"{day.day} {day.strftime('%b')}"


# Tick spacing in days: the first that keeps the labels apart is used.
TICK_STEPS = (1, 2, 7, 14, 28, 56, 91, 182, 364, 728, 1456)
# Beyond this many days the ticks say the month and year rather than the day.
LONG_SPAN_DAYS = 180


def tick_indexes(count: int, max_ticks: int) -> list[int]:
    """Evenly spaced day indexes, counted back from the last day (today).

    The step is a whole number of days (a week, a fortnight, four weeks...), so
    the gaps between ticks are equal and the last day always has its label.
    """
    if count <= 0:
        return []
    step = next((s for s in TICK_STEPS if (count - 1) // s + 1 <= max_ticks), TICK_STEPS[-1])
    return sorted(range(count - 1, -1, -step))


def _x_ticks(frame: Frame, days: Sequence[date]) -> list[str]:
    count = len(days)
    if not count:
        return []
    long_span = (days[-1] - days[0]).days > LONG_SPAN_DAYS
    # About 70 units a label ("29 Nov"), more for "Nov 2026".
    width = 90 if long_span else 70
    indexes = tick_indexes(count, max(2, int(frame.plot_width // width)))
    y = frame.height - frame.bottom + 18
    parts = []
    half = width / 2
    for i in indexes:
        x = frame.x(i, count)
        anchor = {}  # centred by the axis's class, labels near an edge kept inside the chart
        if x - half < frame.left - 20:
            anchor = {"text_anchor": "start"}
            x = max(x - 6, 2)
        elif x + half > frame.width:
            anchor = {"text_anchor": "end"}
            x = min(x + 6, frame.width - 2)
        parts.append(_text(x, y, _date_label(days[i], long_span), **anchor))
    marks = "".join(f"M{_n(frame.x(i, count))} {frame.height - frame.bottom}v4" for i in indexes)
    return [_series("chart-tick", marks), f'<g class="chart-axis--x">{"".join(parts)}</g>']


def _band(frame: Frame, threshold: float | None) -> list[str]:
    """Everything at or under the threshold counts as a meaningful fall."""
    if threshold is None or threshold <= 0:
        return []
    top = frame.y(threshold)
    h = frame.y(0) - top
    label = f"Meaningful change: {threshold:.1f} or lower"
    return [
        _el("rect", class_="chart-band", x=frame.left, y=top, width=frame.plot_width, height=h),
        # Along the floor of the band, where the lines seldom are.
        _note(frame.width - frame.right - 4, frame.y(0) - 6, label, text_anchor="end"),
    ]


# Beyond this many days one mark per day is thinner than a pixel: draw weeks.
DAILY_PAIR_LIMIT = 180


def _weekly(points: Sequence[TrendPoint]) -> list[TrendPoint]:
    """Put each 7-day block's sessions on its middle day, averaged by session count."""
    out = list(points)
    for first in range(0, len(points), 7):
        block = [p.pair for p in points[first : first + 7] if p.pair is not None]
        n = sum(pair.count for pair in block)
        for i in range(first, min(first + 7, len(points))):
            out[i] = replace(points[i], pair=None)
        if n:
            middle = min(first + 3, len(points) - 1)
            before = sum(pair.before * pair.count for pair in block) / n
            after = sum(pair.after * pair.count for pair in block) / n
            out[middle] = replace(
                points[middle], pair=DayPair(points[middle].day, before, after, n)
            )
    return out


def _pairs(frame: Frame, points: Sequence[TrendPoint]) -> list[str]:
    """Each day's (or, over long periods, week's) sessions as a before->after stroke and dot."""
    if len(points) > DAILY_PAIR_LIMIT:
        points = _weekly(points)
    count = len(points)
    # Sit a little right of the day's morning mark when there is room.
    shift = min(frame.plot_width / max(count, 1) / 4, 4)
    strokes: dict[str, list[tuple[float, float, float]]] = {"down": [], "up": [], "same": []}
    dots = []
    for i, point in enumerate(points):
        pair = point.pair
        if pair is None:
            continue
        x = frame.x(i, count) + shift
        direction = "same"
        if pair.after != pair.before:
            direction = "down" if pair.after < pair.before else "up"
        after = frame.y(pair.after)
        strokes[direction].append((x, frame.y(pair.before), after))
        dots.append((x, after))
    parts = [_series(f"chart-pair chart-pair--{d}", _relative(m)) for d, m in strokes.items()]
    return [*filter(None, parts), _series("chart-pair-after", _dots(dots))]


# A 12-unit label (progress.css) is about 6.6 units a character wide.
LABEL_CHAR_WIDTH = 6.6


def label_spot(
    frame: Frame, y: float, characters: int, points: Sequence[tuple[float, float] | None]
) -> tuple[float, float, str]:
    """Where a line's label goes (x, baseline y, text-anchor): above or below the
    line, at its left or right end, wherever it covers the fewest points of the
    series; of equals, the first of left above, right above, left below, right
    below. Above only with room under the top, below only with room over the axis.
    """
    width = characters * LABEL_CHAR_WIDTH
    rows = [(y - 5, y - frame.top > 16), (y + 14, frame.height - frame.bottom - y > 16)]
    ends = [(frame.left + 4, "start"), (frame.width - frame.right - 4, "end")]
    spots = []
    for label_y, room in rows:
        if not room:
            continue
        for x, anchor in ends:
            start = x if anchor == "start" else x - width
            covered = sum(
                1
                for point in points
                if point is not None
                and start - 3 <= point[0] <= start + width + 3
                and label_y - 13 <= point[1] <= label_y + 4
            )
            spots.append((covered, x, label_y, anchor))
    if not spots:  # a chart too short for either: on the line, at the left
        return frame.left + 4, y + 4, "start"
    _, x, label_y, anchor = min(spots, key=lambda spot: spot[0])
    return x, label_y, anchor


def trend_chart(
    trend: Trend,
    *,
    sessions: bool = False,
    prefix: str = "trend",
    title: str = "Morning pain",
    width: int = 340,
    height: int = 224,  # a 190-unit pain scale: whole points 19 units apart
) -> str:
    """Morning pain per day and its 7-day average, with the baseline and the meaningful band;
    with ``sessions``, each day's sessions as before-to-after marks as well.

    The drawing units are about CSS pixels on a phone (the chart fills a
    340-360 px column there), so 12-unit labels read at 12 px or more.
    """
    frame = Frame(width, height, left=24, right=8, top=10, bottom=24)
    points = trend.points
    count = len(points)
    parts = _open(frame, prefix, title, trend.description, "chart chart--trend")
    parts += _band(frame, trend.change.threshold)
    parts += _grid(frame)
    morning = [
        None if p.value is None else (frame.x(i, count), frame.y(p.value))
        for i, p in enumerate(points)
    ]
    rolling = [
        None if p.rolling is None else (frame.x(i, count), frame.y(p.rolling))
        for i, p in enumerate(points)
    ]
    note = ""
    if trend.baseline is not None:
        y = frame.y(trend.baseline)
        parts.append(_series("chart-baseline", _hline(frame, y)))
        label = f"Baseline {trend.baseline:.1f}"
        x, label_y, anchor = label_spot(frame, y, len(label), [*morning, *rolling])
        # Drawn after the series, over them, with a halo (progress.css): readable on the dots.
        extra = {"text_anchor": anchor} if anchor == "end" else {}
        note = _text(x, label_y, label, class_="chart-note chart-note--dark", **extra)
    if sessions:
        parts += _pairs(frame, points)
    if count <= 120:  # dots only while they stay distinct: a marker on every vertex
        marker = f"{escape(prefix)}-dot"
        parts.append(
            # In units of the line's stroke width (1.5 in progress.css): a dot of radius 3.
            f'<marker id="{marker}" class="chart-morning-dot" refX="2" refY="2" '
            f'markerWidth="4" markerHeight="4"><circle cx="2" cy="2" r="2"/></marker>'
        )
        path = _path(morning)
        if path:
            parts.append(
                f'<path class="chart-morning" d="{path}" marker-start="url(#{marker})" '
                f'marker-mid="url(#{marker})" marker-end="url(#{marker})"/>'
            )
    else:
        parts.append(_series("chart-morning", _path(morning)))
    parts.append(_series("chart-rolling", _path(rolling)))
    parts.append(note)
    parts += _x_ticks(frame, [p.day for p in points])
    parts.append("</svg>")
    return "".join(filter(None, parts))


def peg_chart(
    points: Sequence[PegPoint],
    change: Change,
    *,
    prefix: str = "peg",
    description: str = "",
    width: int = 360,
    height: int = 170,
) -> str:
    """PEG-3 scores over time, the first score as a line and the 1-point mark below it."""
    frame = Frame(width, height)
    ordered = sorted(points, key=lambda p: p.day)
    parts = _open(frame, prefix, "PEG-3 score", description, "chart chart--peg")
    parts += _grid(frame, step=5)
    if change.start is not None:
        parts.append(_series("chart-baseline", _hline(frame, frame.y(change.start))))
    if change.threshold is not None and change.threshold > 0:
        y = frame.y(change.threshold)
        label = f"Meaningful: {change.threshold:.1f} or lower"
        parts.append(_series("chart-threshold", _hline(frame, y)))
        parts.append(_note(frame.width - frame.right - 4, frame.y(0) - 6, label, text_anchor="end"))
    if ordered:
        first, last = ordered[0].day, ordered[-1].day
        span = (last - first).days + 1
        coords = [(frame.x((p.day - first).days, span), frame.y(p.score)) for p in ordered]
        parts.append(_series("chart-peg", _path(coords)))
        parts.append(_series("chart-peg-dot", _dots(coords)))
        y = frame.height - frame.bottom + 18
        labels = [_text(frame.left, y, _date_label(first, False), text_anchor="start")]
        if last != first:
            end = _date_label(last, False)
            labels.append(_text(frame.width - frame.right, y, end, text_anchor="end"))
        parts.append(f'<g class="chart-axis--x">{"".join(labels)}</g>')
    parts.append("</svg>")
    return "".join(filter(None, parts))


def adherence_chart(levels: Sequence[int], *, title: str, width: int = 720) -> str:
    """A row of cells, one per day (or week), shaded 0, 1 or 2 by how many sessions.

    Neighbouring cells of one shade are one rectangle, so the markup stays
    small however long the period; the title says in words what it shows.
    """
    count = max(len(levels), 1)
    cell = width / count
    runs: dict[int, list[str]] = {0: [], 1: [], 2: []}
    i = 0
    while i < len(levels):
        j = i
        while j + 1 < len(levels) and levels[j + 1] == levels[i]:
            j += 1
        x, w = _n(i * cell), _n((j - i + 1) * cell)
        runs[levels[i]].append(f"M{x} 0h{w}v16h-{w}z")
        i = j + 1
    paths = "".join(_series(f"strip-{level}", "".join(d)) for level, d in runs.items())
    return (
        f'<svg viewBox="0 0 {width} 16" '
        f'class="chart strip" role="img" preserveAspectRatio="none">'
        f"<title>{escape(title)}</title>{paths}</svg>"
    )
