"""Whether a change in pain is big enough to matter to the person.

Pure Python: no Django, no clock. Each rule carries its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# Float sums such as 6.1 - 4.1 land a hair off the boundary; compare with a
# tolerance so that -2.0 and 30 % count as they read.
_EPSILON = 1e-9


def percent(number: int) -> str:
    """``38`` → ``"38 %"`` with a no-break space: the number and its sign stay on one line."""
    return f"{number}\N{NO-BREAK SPACE}%"


class Verdict(StrEnum):
    NOT_ENOUGH_DATA = "not-enough-data"
    MEANINGFUL_FALL = "meaningful-fall"
    SMALL_CHANGE = "small-change"
    MEANINGFUL_RISE = "meaningful-rise"


@dataclass(frozen=True)
class ChangeRule:
    """How big a change must be to matter to the person, not just to a chart."""

    min_points: float
    min_fraction: float  # 0 means: points alone decide
    source: str

    @property
    def words(self) -> str:
        """The rule in plain words, e.g. "at least 2 points or at least 30 %"."""
        points = f"{self.min_points:g} point{'' if self.min_points == 1 else 's'}"
        if not self.min_fraction:
            return f"at least {points}"
        return f"at least {points} or at least {percent(round(self.min_fraction * 100))}"


PAIN_RULE = ChangeRule(
    min_points=2.0,
    min_fraction=0.30,
    source="Farrar et al. 2001, Pain 94:149; Ostelo et al. 2008, Spine 33:90",
)


PEG_RULE = ChangeRule(
    min_points=1.0,
    min_fraction=0.0,
    source="Krebs et al. 2009, J Gen Intern Med 24:733 (PEG); Reed et al. 2023 (about 1 point)",
)


@dataclass(frozen=True)
class Change:
    start: float | None
    end: float | None
    verdict: Verdict
    threshold: float | None  # the value at or below which a fall is meaningful
    source: str

    @property
    def delta(self) -> float | None:
        if self.start is None or self.end is None:
            return None
        return self.end - self.start

    @property
    def fraction(self) -> float | None:
        if self.delta is None or not self.start:
            return None
        return self.delta / self.start

    @property
    def percent(self) -> int | None:
        """Size of the change as a whole percentage of the start, without sign."""
        return None if self.fraction is None else round(abs(self.fraction) * 100)

    @property
    def meaningful(self) -> bool:
        return self.verdict is Verdict.MEANINGFUL_FALL


def compare(start: float | None, end: float | None, rule: ChangeRule = PAIN_RULE) -> Change:
    """Is the change from `start` to `end` meaningful under `rule`?

    A fall counts when it is at least `min_points` or at least `min_fraction`
    of the starting value (either is enough); a rise of the same size is
    flagged as well.
    """
    threshold = None
    if start is not None:
        threshold = start - rule.min_points
        if rule.min_fraction:
            threshold = max(threshold, start * (1 - rule.min_fraction))
    if start is None or end is None:
        return Change(start, end, Verdict.NOT_ENOUGH_DATA, threshold, rule.source)
    delta = end - start
    size = abs(delta)
    big_enough = size >= rule.min_points - _EPSILON
    if rule.min_fraction and start > 0:
        big_enough = big_enough or size / start >= rule.min_fraction - _EPSILON
    if big_enough and delta < 0:
        verdict = Verdict.MEANINGFUL_FALL
    elif big_enough:
        verdict = Verdict.MEANINGFUL_RISE
    else:
        verdict = Verdict.SMALL_CHANGE
    return Change(start, end, verdict, threshold, rule.source)


def describe_change(subject: str, change: Change, *, records: str = "logs") -> str:
    """One plain sentence, e.g. "Morning pain fell from 6.1 to 3.4, a meaningful change.".

    ``records`` names what the figures come from, for "not enough ... yet"."""
    if change.start is None or change.end is None:
        return (
            f"There are not enough {records} yet to show a trend in "
            f"{subject[:1].lower()}{subject[1:]}."
        )
    start, end = f"{change.start:.1f}", f"{change.end:.1f}"
    if start == end:
        return f"{subject} stayed at about {start}."
    if change.verdict is Verdict.MEANINGFUL_FALL:
        return f"{subject} fell from {start} to {end}, a meaningful change."
    if change.verdict is Verdict.MEANINGFUL_RISE:
        return f"{subject} rose from {start} to {end}, a clear rise."
    verb = "fell" if change.end < change.start else "rose"
    return f"{subject} {verb} from {start} to {end}, not a meaningful change yet."


def headline(subject: str, change: Change, person: str = "you") -> str:
    """The change in words and one number, e.g.
    "Morning pain is down 38 % since you started: 6.0 → 3.7, a meaningful change".

    ``person`` is who started: "you" for the person, "they" for their clinician.
    """
    if change.start is None or change.end is None:
        return f"No trend in {subject[:1].lower()}{subject[1:]} yet"
    start, end = f"{change.start:.1f}", f"{change.end:.1f}"
    if start == end:
        return f"{subject} is about the same as when {person} started: {start}"
    direction = "down" if change.end < change.start else "up"
    size = f" {percent(change.percent)}" if change.percent is not None else ""
    verdict = {
        Verdict.MEANINGFUL_FALL: "a meaningful change",
        Verdict.MEANINGFUL_RISE: "a clear rise",
    }.get(change.verdict, "not a meaningful change yet")
    return f"{subject} is {direction}{size} since {person} started: {start} → {end}, {verdict}"
