"""What a person is told in a session: the summary in words and advice after a stop.

Pure Python like the state machine in ``tracking.session_flow``: no Django,
no clock. Each piece of stop advice carries the source it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass

from tracking.session_flow import StopReason


def describe_change(before: int | None, after: int | None) -> str:
    """Before -> after in plain words."""
    if before is None or after is None:
        return "We do not have both pain scores for this session."
    diff = after - before
    if diff == 0:
        return f"Your pain stayed the same, at {after} out of 10."
    points = "point" if abs(diff) == 1 else "points"
    if diff < 0:
        return f"Your pain went down by {-diff} {points}, from {before} to {after}."
    return f"Your pain went up by {diff} {points}, from {before} to {after}."


def describe_duration(seconds: float) -> str:
    """A short, readable length of time: "45 seconds", "6 minutes 20 seconds"."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("" if hours == 1 else "s"))
    if minutes:
        parts.append(f"{minutes} minute" + ("" if minutes == 1 else "s"))
    if secs or not parts:
        parts.append(f"{secs} second" + ("" if secs == 1 else "s"))
    return " ".join(parts)


@dataclass(frozen=True)
class StopAdvice:
    """What the person is told after stopping for one reason."""

    reason: StopReason
    label: str  # the choice on the "why are you stopping?" screen
    now: tuple[str, ...]  # what to do now
    # When to see someone. The emergency signs and number follow on the
    # warning card, in the person's own country (templates/screening/_warning_card.html).
    get_help: tuple[str, ...]
    source: str


_SEE_SOMEONE = (
    "If it does not settle within a day, or it keeps coming back, see a GP or "
    "physio before you stretch again."
)

STOP_ADVICE: dict[StopReason, StopAdvice] = {
    StopReason.SHARP_PAIN: StopAdvice(
        StopReason.SHARP_PAIN,
        "Sharp or shooting pain",
        (
            "Stop stretching for today.",
            "Let go of the stretch slowly and lie or sit in the position that feels easiest.",
            "Breathe slowly. Gentle walking later in the day is fine if it feels good.",
        ),
        (_SEE_SOMEONE,),
        source="knee-to-chest guides: stop if pain becomes sharp or shoots down the leg",
    ),
    StopReason.NUMBNESS: StopAdvice(
        StopReason.NUMBNESS,
        "Numbness or tingling getting worse",
        (
            "Stop stretching for today.",
            "Let go of the stretch slowly and rest in a position that takes the pressure off.",
            "Notice where the numbness or tingling is, so you can describe it if you need help.",
        ),
        (_SEE_SOMEONE,),
        source="knee-to-chest guides: worsening numbness or tingling is a reason to stop",
    ),
    StopReason.CRAMP: StopAdvice(
        StopReason.CRAMP,
        "Cramp or spasm",
        (
            "Let go of the stretch and straighten the leg slowly.",
            "Lie still and breathe slowly until the cramp eases. Have a drink of water.",
            "Do not carry on with this session today.",
        ),
        (
            "If cramps or spasms come back in every session, ask a GP or physio "
            "before you stretch again.",
        ),
        source="knee-to-chest guides: move slowly and back off if the muscles tighten",
    ),
    StopReason.OTHER: StopAdvice(
        StopReason.OTHER,
        "Something else",
        (
            "Let go of the stretch slowly and rest.",
            "Do not carry on with this session today.",
        ),
        (_SEE_SOMEONE,),
        source="knee-to-chest guides: listen to your body and respect pain signals",
    ),
}
