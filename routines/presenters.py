"""Plain words for a plan: what the Today page lists, one row per step."""

from __future__ import annotations

from dataclasses import dataclass

from routines import progression as p
from routines.exercises import Kind
from routines.models import Stretch

SIDE_WORDS = {p.LEFT: "Left side", p.RIGHT: "Right side", p.BOTH: ""}


@dataclass(frozen=True)
class PlanRow:
    step: p.PlanStep
    kind: str
    picture: str
    picture_alt: str

    @property
    def side_words(self) -> str:
        return SIDE_WORDS.get(self.step.side, "")

    @property
    def dose_words(self) -> str:
        step = self.step
        if self.kind == Kind.WALK:
            return f"Walk for {minutes(step.hold_seconds)}."
        times = "once" if step.reps == 1 else f"{step.reps} times"
        rest = f", with {step.rest_seconds} seconds' rest between" if step.reps > 1 else ""
        return f"Hold {step.hold_seconds} seconds, {times}{rest}."


def minutes(seconds: int) -> str:
    whole = max(1, round(seconds / 60))
    return "1 minute" if whole == 1 else f"{whole} minutes"


def total_words(seconds: int) -> str:
    return f"About {minutes(seconds)} in all"


def plan_rows(plan: p.Plan) -> list[PlanRow]:
    slugs = {step.slug for step in plan.steps}
    rows = {s.slug: s for s in Stretch.objects.filter(slug__in=slugs)}
    out = []
    for step in plan.steps:
        row = rows.get(step.slug)
        out.append(
            PlanRow(
                step=step,
                kind=row.kind if row else "",
                picture=row.picture if row else "",
                picture_alt=row.picture_alt if row else "",
            )
        )
    return out
