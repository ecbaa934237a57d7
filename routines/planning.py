"""Today's plan: turn a stage decision into an ordered list of steps.

Pure Python, no Django. Every plan pairs the knee-to-chest family with one
companion stretch, one core exercise and a walk (Owen et al. 2020: stretching
alone does about as well as no treatment for chronic low-back pain; motor
control and strengthening do better). Cautions from screening always win.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from routines.exercises import (
    FLEXION_SPARING,
    FLOOR,
    FLOOR_POSITIONS,
    KNEE,
    NO_DOUBLE_KNEE,
    PELVIC_GIRDLE,
    PREGNANCY,
    Exercise,
    Kind,
    Position,
)
from routines.progression import (
    BOTH,
    LEFT,
    RIGHT,
    Decision,
    History,
    Outcome,
    Plan,
    PlanStep,
    decide,
    good_streak,
    sessions_at_stage,
)
from routines.stages import (
    DEFAULT_RULES,
    DEFAULT_THRESHOLDS,
    StageRule,
    Thresholds,
    rules_by_number,
)


def fits(exercise: Exercise, cautions: frozenset[str], rule: StageRule) -> bool:
    """May this exercise be offered at this stage to someone with these cautions?"""
    if exercise.min_stage > rule.number or exercise.excluded_by & cautions:
        return False
    if exercise.double_knee and not rule.double_knee:
        return False
    if exercise.rocking and not rule.rocking:
        return False
    # Cautions always win, whatever the library data says.
    if FLEXION_SPARING in cautions and (
        exercise.double_knee or exercise.rocking or exercise.flexion
    ):
        return False
    if NO_DOUBLE_KNEE in cautions and _both_hips_fully_bent(exercise):
        return False
    if KNEE in cautions and (exercise.double_knee or exercise.rocking):
        return False  # both knees bent right up, with hands on the shins
    if PELVIC_GIRDLE in cautions and _on_one_leg(exercise):
        return False
    return not (FLOOR in cautions and exercise.position in FLOOR_POSITIONS)


def _both_hips_fully_bent(exercise: Exercise) -> bool:
    """Double knee-to-chest, rocking, child's pose: both thighs pressed into the belly.

    Left out after a hip replacement (deep hip bending) or with an aortic aneurysm
    (pressure on the belly); a one-leg stretch bends one hip and spares the belly.
    """
    return exercise.double_knee or exercise.rocking or (exercise.flexion and not exercise.per_side)


def _on_one_leg(exercise: Exercise) -> bool:
    """A standing move done one side at a time stands on the other leg.

    The library has no flag for it; a walk is done on both legs in turn.
    """
    return (
        exercise.position == Position.STANDING and exercise.per_side and exercise.kind != Kind.WALK
    )


def _pick(candidates: Iterable[Exercise], cautions: frozenset[str]) -> Exercise | None:
    """Preferred-by-a-caution first; then the most advanced that fits.

    On a flare day only stage-1 exercises fit, so the most advanced is the gentlest.
    """

    def key(ex: Exercise) -> tuple[bool, int, int, str]:
        return (not (ex.preferred_by & cautions), -ex.min_stage, ex.priority, ex.slug)

    ordered = sorted(candidates, key=key)
    return ordered[0] if ordered else None


def hold_for(rule: StageRule, streak: int, t: Thresholds = DEFAULT_THRESHOLDS) -> int:
    """Single-leg hold: grows in steps with good sessions, never leaves the range."""
    grown = rule.hold_min + t.hold_step * (streak // t.sessions_per_step)
    return max(rule.hold_min, min(grown, rule.hold_max))


def _steps(exercise: Exercise, hold: int, reps: int, rest: int) -> list[PlanStep]:
    sides = (LEFT, RIGHT) if exercise.per_side else (BOTH,)
    return [PlanStep(exercise.slug, exercise.name, side, hold, reps, rest) for side in sides]


def library_gaps(library: Iterable[Exercise], first: StageRule) -> tuple[str, ...]:
    """What a library lacks for the engine to build a plan at the first stage.

    Every person, with no caution or with any single one, needs a single-leg
    knee-to-chest stretch, a core exercise and a walk that fit them.
    """
    library = tuple(library)
    gaps = []
    for caution in ("", FLEXION_SPARING, KNEE, FLOOR, PREGNANCY, NO_DOUBLE_KNEE, PELVIC_GIRDLE):
        cautions = frozenset({caution}) - {""}
        fitting = [ex for ex in library if fits(ex, cautions, first)]
        who = f"someone with the {caution} caution" if caution else "someone with no caution"
        if not any(ex.kind == Kind.FAMILY and ex.min_stage == 1 for ex in fitting):
            gaps.append(f"No single-leg knee-to-chest stretch at stage 1 fits {who}.")
        if not any(ex.kind == Kind.CORE for ex in fitting):
            gaps.append(f"No core exercise at stage 1 fits {who}.")
        if not any(ex.kind == Kind.WALK for ex in fitting):
            gaps.append(f"No walk fits {who}.")
    return tuple(gaps)


@dataclass(frozen=True)
class Dose:
    """The single-leg dose for today: hold, reps and rest, from the stage and the streak."""

    hold: int
    reps: int
    rest: int


def dose_for(
    rule: StageRule, decision: Decision, history: History, t: Thresholds = DEFAULT_THRESHOLDS
) -> Dose:
    """Holds start low on a flare day; else they grow with the good sessions at this stage.

    A new stage (up or down) begins today, so it has no sessions yet and its
    holds start at the bottom of the range.
    """
    if decision.flare:
        return Dose(rule.hold_min, rule.reps_min, t.rest_seconds)
    streak = good_streak(sessions_at_stage(history, decision.since, decision.day), t)
    hold = hold_for(rule, streak, t)
    reps = rule.reps_max if hold == rule.hold_max else rule.reps_min
    return Dose(hold, reps, t.rest_seconds)


def double_knee_ready(history: History, today: date, t: Thresholds = DEFAULT_THRESHOLDS) -> bool:
    """The last few sessions before today all left pain no higher and low (article A)."""
    done = sorted((s for s in history.sessions if s.day < today), key=lambda s: s.day)
    last = done[-t.double_knee_sessions :]
    return len(last) == t.double_knee_sessions and all(s.caused_no_pain(t) for s in last)


def own_cap(exercise: Exercise, hold: int) -> int:
    """A stretch's own ceiling, whatever the stage (the figure-four, the desk hug)."""
    if exercise.hold_max_seconds is None:
        return hold
    return min(hold, exercise.hold_max_seconds)


def double_knee_cap(hold: int, rule: StageRule, t: Thresholds) -> int:
    """Both knees in: the stage row's ceiling and the engine's, never past 30 s."""
    return min(hold, rule.double_knee_max_hold, t.double_knee_ceiling)


def main_stretch(
    family: Sequence[Exercise], cautions: frozenset[str], dose: Dose
) -> tuple[Exercise | None, list[PlanStep]]:
    """The one-leg knee-to-chest stretch that fits, preferred by a caution first."""
    main = _pick((ex for ex in family if ex.min_stage == 1 and not ex.double_knee), cautions)
    if main is None:
        return None, []
    return main, _steps(main, own_cap(main, dose.hold), dose.reps, dose.rest)


def extra_stretches(
    family: Sequence[Exercise],
    dose: Dose,
    rule: StageRule,
    t: Thresholds,
    *,
    double_knee_open: bool,
) -> list[PlanStep]:
    """The stage's later stretches in the library's order; none on a flare day."""
    extras = sorted(
        (
            ex
            for ex in family
            if ex.min_stage > 1 and (double_knee_open or not (ex.double_knee or ex.rocking))
        ),
        key=lambda ex: (ex.priority, ex.slug),
    )
    steps: list[PlanStep] = []
    for ex in extras:
        hold = own_cap(ex, dose.hold)
        if ex.double_knee:
            hold = double_knee_cap(hold, rule, t)
        steps += _steps(ex, hold, dose.reps, dose.rest)
    return steps


def companion_and_core(
    allowed: Sequence[Exercise], cautions: frozenset[str], t: Thresholds
) -> list[PlanStep]:
    """One companion stretch and one core exercise at their own holds and reps."""
    steps: list[PlanStep] = []
    for kind, pause in ((Kind.COMPANION, t.rest_seconds), (Kind.CORE, t.core_rest_seconds)):
        chosen = _pick((ex for ex in allowed if ex.kind == kind), cautions)
        if chosen:
            steps += _steps(chosen, chosen.default_hold_seconds, chosen.default_reps, pause)
    return steps


def walk_step(
    allowed: Sequence[Exercise],
    cautions: frozenset[str],
    rule: StageRule,
    t: Thresholds,
    *,
    flare: bool,
) -> list[PlanStep]:
    """The day's walk: done on its own, outside the guided session."""
    walk = _pick((ex for ex in allowed if ex.kind == Kind.WALK), cautions)
    if walk is None:
        return []
    minutes = t.flare_walk_minutes if flare else rule.walk_minutes
    return [PlanStep(walk.slug, walk.name, BOTH, minutes * 60, 1, 0)]


FLARE_NOTES = (
    "Today is a gentle day: do this short routine up to 3 times, spread out.",
    "If a flare lasts more than a few days, or it comes with any warning sign, see your GP "
    "or physio.",
)
NO_KNEE_TO_CHEST = (
    "No knee-to-chest stretch suits all of your cautions together, so your plan keeps to "
    "the gentler moves below."
)
DOUBLE_KNEE_WAITING = (
    "Both knees in together join your plan once your last {count} sessions in a row left "
    "your pain no higher than before and at {pain} or lower."
)


def plan_notes(
    rule: StageRule,
    dose: Dose,
    t: Thresholds,
    *,
    flare: bool,
    double_knee_waiting: bool,
    no_main: bool,
) -> tuple[str, ...]:
    """The plan's own notes. What the cautions change is said by screening, which
    knows why the person has each one (routines.today shows both)."""
    notes: list[str] = []
    if no_main:
        notes.append(NO_KNEE_TO_CHEST)
    if flare:
        return (*FLARE_NOTES, *notes)
    if dose.hold < rule.hold_max:
        every = (
            "each session that goes"
            if t.sessions_per_step == 1
            else f"every {t.sessions_per_step} sessions that go"
        )
        notes.append(
            f"Holds grow by {t.hold_step} seconds after {every} well, up to "
            f"{rule.hold_max} seconds at this stage."
        )
    if double_knee_waiting:
        notes.append(
            DOUBLE_KNEE_WAITING.format(count=t.double_knee_sessions, pain=t.double_knee_pain_max)
        )
    return tuple(notes)


def build_plan(
    decision: Decision,
    *,
    cautions: frozenset[str],
    history: History,
    library: Iterable[Exercise],
    rules: Iterable[StageRule] = DEFAULT_RULES,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    chosen: int | None = None,
) -> Plan:
    """Knee-to-chest family, one companion, one core exercise, then a walk.

    ``chosen`` is how many sessions a day (a week at maintenance) the person picked.
    """
    t = thresholds
    table = rules_by_number(rules)
    flare = decision.flare
    rule = table[1] if flare else table[decision.to_stage]
    cautions = frozenset(cautions)
    allowed = [ex for ex in library if fits(ex, cautions, rule)]
    family = [ex for ex in allowed if ex.kind == Kind.FAMILY]
    dose = dose_for(rule, decision, history, t)
    ready = double_knee_ready(history, decision.day, t)

    main, steps = main_stretch(family, cautions, dose)
    if not flare:
        steps += extra_stretches(family, dose, rule, t, double_knee_open=ready)
    steps += companion_and_core(allowed, cautions, t)
    walk = walk_step(allowed, cautions, rule, t, flare=flare)
    steps += walk

    waiting = not flare and not ready and any(ex.double_knee for ex in family)
    sessions = (
        (rule.flare_sessions, rule.flare_sessions)
        if flare
        else (rule.sessions_min, rule.sessions_max)
    )
    return Plan(
        stage=rule.number,
        steps=tuple(steps),
        sessions_min=sessions[0],
        sessions_max=sessions[1],
        per_week=rule.per_week and not flare,
        flare=flare,
        notes=plan_notes(
            rule, dose, t, flare=flare, double_knee_waiting=waiting, no_main=main is None
        ),
        sessions=chosen_sessions(sessions, chosen),
        walk_seconds=sum(step.total_seconds for step in walk),
    )


def chosen_sessions(allowed: tuple[int, int], chosen: int | None) -> int:
    """The person's choice when the stage allows it, else the stage's fewest."""
    low, high = allowed
    return chosen if chosen is not None and low <= chosen <= high else low


def plan_for_today(
    *,
    stage: int,
    since: date,
    cautions: frozenset[str],
    history: History,
    today: date,
    library: Iterable[Exercise],
    rules: Iterable[StageRule] = DEFAULT_RULES,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    chosen: int | None = None,
) -> Outcome:
    """The decision and the plan for ``today``: same inputs, same outcome."""
    rules = tuple(rules)
    decision = decide(
        stage=stage, since=since, history=history, today=today, rules=rules, thresholds=thresholds
    )
    plan = build_plan(
        decision,
        cautions=frozenset(cautions),
        history=history,
        library=tuple(library),
        rules=rules,
        thresholds=thresholds,
        chosen=chosen,
    )
    return Outcome(decision, plan)
