"""The numbers behind the trend chart, as table rows.

Built here rather than in the template: the dashboard draws them on every
first view after a change, and a template spends tens of microseconds on each
value it formats, which over a month of days cost more than the page's
queries. The cells hold numbers and dates only; ``format_html`` escapes
them anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from tracking.adherence import WeekRow
from tracking.trends import TrendPoint

NONE = "\N{EN DASH}"  # an empty cell, as the rest of the page shows one
EMPTY = format_html('<tr><td colspan="4">{}</td></tr>', "No logs yet.")


def one_decimal(value: float | None) -> str:
    """``4.25`` → ``"4.2"``: one decimal, as the headline and chart labels round."""
    return NONE if value is None else f"{round(value, 1) + 0.0:.1f}"


def long_day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def short_day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _rows(cells: Iterable[tuple[str, ...]]) -> SafeString:
    html = format_html_join(
        "", '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>', cells
    )
    return html or EMPTY


def daily_rows(points: Iterable[TrendPoint]) -> SafeString:
    """A row per day that has a morning log or sessions, oldest first."""
    return _rows(
        (
            long_day(p.day),
            one_decimal(p.value),
            one_decimal(p.rolling),
            (
                f"{one_decimal(p.pair.before)} → {one_decimal(p.pair.after)} ({p.pair.count})"
                if p.pair
                else NONE
            ),
        )
        for p in points
        if p.value is not None or p.pair
    )


def weekly_rows(weeks: Iterable[WeekRow]) -> SafeString:
    """A row per week that has a morning log or sessions, oldest first."""
    return _rows(
        (
            short_day(w.start),
            one_decimal(w.morning),
            str(w.sessions),
            (f"{one_decimal(w.before)} → {one_decimal(w.after)}" if w.before is not None else NONE),
        )
        for w in weeks
        if w.morning is not None or w.sessions
    )
