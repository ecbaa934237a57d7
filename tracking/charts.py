"""Server-rendered SVG charts built from the trend dataclasses.

Pure Python: the output is a string of SVG markup in which every piece of
text is escaped here, so a template may mark it safe. Colours are CSS
classes (see the tracking section of app.css) with presentation attributes
as a fallback, so the SVG still reads when printed or opened on its own.
No JavaScript is needed to read a chart; a data table sits beside each one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from html import escape

from tracking.change import Change
from tracking.peg_trend import PegPoint
from tracking.trends import DayPair, Trend, TrendPoint

__all__ = ["Frame", "peg_chart", "trend_chart"]


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
    return f"{value:.1f}"


def _attrs(**attrs: str | float) -> str:
    # trailing underscores let callers pass class_ ; others map _ to -
    return " ".join(
        f'{k.rstrip("_").replace("_", "-")}="{escape(str(v))}"' for k, v in attrs.items()
    )


def _el(tag: str, **attrs: str | float) -> str:
    """An empty SVG element; numbers are rounded to keep the markup small."""
    clean = {k: _n(v) if isinstance(v, float) else v for k, v in attrs.items()}
    return f"<{tag} {_attrs(**clean)} />"


def _hline(frame: Frame, y: float, css: str, **attrs: str | float) -> str:
    """A horizontal line across the plot area."""
    return _el("line", class_=css, x1=frame.left, x2=frame.width - frame.right, y1=y, y2=y, **attrs)


def _text(x: float, y: float, content: str, **attrs: str | float) -> str:
    return f"<text {_attrs(x=_n(x), y=_n(y), **attrs)}>{escape(content)}</text>"


def _open(frame: Frame, prefix: str, title: str, description: str, css: str) -> list[str]:
    labelledby = f"{prefix}-title {prefix}-desc"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {frame.width} {frame.height}" '
        f"{_attrs(class_=css, role='img', aria_labelledby=labelledby)}>",
        f'<title id="{escape(prefix)}-title">{escape(title)}</title>',
        f'<desc id="{escape(prefix)}-desc">{escape(description)}</desc>',
    ]


def _grid(frame: Frame, step: int = 2) -> list[str]:
    parts = []
    for value in range(0, 11, step):
        y = frame.y(value)
        parts.append(_hline(frame, y, "chart-grid", stroke="#d0d0d0"))
        parts.append(_axis_text(frame.left - 6, y + 4, str(value), text_anchor="end"))
    return parts


def _axis_text(x: float, y: float, content: str, **attrs: str | float) -> str:
    return _text(x, y, content, **{"class_": "chart-axis", "fill": "#333", **attrs})


def _note(x: float, y: float, content: str, **attrs: str | float) -> str:
    return _text(x, y, content, **{"class_": "chart-note", "fill": "#1d4d1d", **attrs})


def _path(coords: Sequence[tuple[float, float] | None]) -> str:
    """A line through the points; None breaks it, so a gap is never drawn as a value."""
    commands: list[str] = []
    pen_down = False
    for xy in coords:
        if xy is None:
            pen_down = False
            continue
        commands.append(f"{'L' if pen_down else 'M'}{_n(xy[0])} {_n(xy[1])}")
        pen_down = True
    return " ".join(commands)


def _date_label(day: date, long_span: bool) -> str:
    return day.strftime("%b %Y") if long_span else f"{day.day} {day.strftime('%b')}"


def _x_ticks(frame: Frame, days: Sequence[date], ticks: int = 6) -> list[str]:
    count = len(days)
    if not count:
        return []
    long_span = (days[-1] - days[0]).days > 180
    indexes = sorted({round(k * (count - 1) / max(ticks - 1, 1)) for k in range(ticks)})
    y = frame.height - frame.bottom + 18
    parts = []
    for i in indexes:
        anchor = "middle"
        if count > 1 and i == 0:
            anchor = "start"
        elif count > 1 and i == count - 1:
            anchor = "end"
        label = _date_label(days[i], long_span)
        parts.append(_axis_text(frame.x(i, count), y, label, text_anchor=anchor))
    return parts


def _band(frame: Frame, threshold: float | None) -> list[str]:
    """Everything at or under the threshold counts as a meaningful fall."""
    if threshold is None or threshold <= 0:
        return []
    top = frame.y(threshold)
    height = frame.y(0) - top
    label = f"Meaningful change: {threshold:.1f} or lower"
    return [
        _el(
            "rect",
            class_="chart-band",
            x=frame.left,
            y=top,
            width=frame.plot_width,
            height=height,
            fill="#dff0d8",
        ),
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
    parts = []
    for i, point in enumerate(points):
        pair = point.pair
        if pair is None:
            continue
        x = frame.x(i, count) + shift
        direction = "same"
        if pair.after != pair.before:
            direction = "down" if pair.after < pair.before else "up"
        after = frame.y(pair.after)
        parts.append(
            _el(
                "line",
                class_=f"chart-pair chart-pair--{direction}",
                x1=x,
                x2=x,
                y1=frame.y(pair.before),
                y2=after,
                stroke="#a14a00",
                stroke_width=2,
            )
        )
        parts.append(
            _el("circle", class_="chart-pair-after", cx=x, cy=after, r=2.5, fill="#a14a00")
        )
    return parts


def trend_chart(
    trend: Trend,
    *,
    prefix: str = "trend",
    title: str = "Morning pain",
    width: int = 720,
    height: int = 300,
) -> str:
    """Morning pain per day, its 7-day average, session pairs, baseline and meaningful band."""
    frame = Frame(width, height)
    points = trend.points
    count = len(points)
    parts = _open(frame, prefix, title, trend.description, "chart chart--trend")
    parts += _band(frame, trend.change.threshold)
    parts += _grid(frame)
    if trend.baseline is not None:
        y = frame.y(trend.baseline)
        parts.append(
            _hline(
                frame, y, "chart-baseline", stroke="#444", stroke_width=2, stroke_dasharray="6 4"
            )
        )
        parts.append(_note(frame.left + 4, y - 5, f"Baseline {trend.baseline:.1f}", fill="#222"))
    parts += _pairs(frame, points)
    morning = [
        None if p.value is None else (frame.x(i, count), frame.y(p.value))
        for i, p in enumerate(points)
    ]
    rolling = [
        None if p.rolling is None else (frame.x(i, count), frame.y(p.rolling))
        for i, p in enumerate(points)
    ]
    parts.append(
        _el(
            "path",
            class_="chart-morning",
            d=_path(morning),
            fill="none",
            stroke="#2b6cb0",
            stroke_width=1.5,
        )
    )
    if count <= 120:  # dots only while they stay distinct
        parts += [
            _el("circle", class_="chart-morning-dot", cx=x, cy=y, r=3, fill="#2b6cb0")
            for x, y in filter(None, morning)
        ]
    parts.append(
        _el(
            "path",
            class_="chart-rolling",
            d=_path(rolling),
            fill="none",
            stroke="#12355b",
            stroke_width=3,
        )
    )
    parts += _x_ticks(frame, [p.day for p in points])
    parts.append("</svg>")
    return "\n".join(parts)


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
        parts.append(
            _hline(
                frame,
                frame.y(change.start),
                "chart-baseline",
                stroke="#444",
                stroke_dasharray="6 4",
            )
        )
    if change.threshold is not None and change.threshold > 0:
        y = frame.y(change.threshold)
        label = f"Meaningful: {change.threshold:.1f} or lower"
        parts.append(_hline(frame, y, "chart-threshold", stroke="#1d4d1d", stroke_width=2))
        parts.append(_note(frame.width - frame.right - 4, frame.y(0) - 6, label, text_anchor="end"))
    if ordered:
        first, last = ordered[0].day, ordered[-1].day
        span = (last - first).days + 1
        coords = [(frame.x((p.day - first).days, span), frame.y(p.score)) for p in ordered]
        parts.append(
            _el(
                "path",
                class_="chart-peg",
                d=_path(coords),
                fill="none",
                stroke="#5b2a86",
                stroke_width=2,
            )
        )
        parts += [
            _el("circle", class_="chart-peg-dot", cx=x, cy=y, r=3.5, fill="#5b2a86")
            for x, y in coords
        ]
        y = frame.height - frame.bottom + 18
        parts.append(_axis_text(frame.left, y, _date_label(first, False)))
        if last != first:
            parts.append(
                _axis_text(
                    frame.width - frame.right, y, _date_label(last, False), text_anchor="end"
                )
            )
    parts.append("</svg>")
    return "\n".join(parts)
