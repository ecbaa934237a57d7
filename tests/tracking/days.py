"""Calendar days for the pure trend tests: day(n) counts from a Monday."""

from datetime import date, timedelta

from tracking.trends import DayValue

D0 = date(2026, 3, 2)  # a Monday


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def series(*values: float | None) -> list[DayValue]:
    """Consecutive days from D0; None leaves the day out (a gap)."""
    return [DayValue(day(i), v) for i, v in enumerate(values) if v is not None]
