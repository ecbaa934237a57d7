"""Today's decision and plan for one person: the adapter between rows and rules.

Reads the stage table and library from the database and the person's
cautions from screening; the person's history comes in from the caller
(tracking owns sessions and pain logs, and routines never imports them). The
rules themselves are in ``routines.progression``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from config.sql import fetch
from routines import planning, stages
from routines import progression as p
from routines.exercises import Exercise
from routines.models import PlanChoice, StageDecision, StageRule, Stretch
from screening.gate import current_cautions

_RULES = StageRule._meta.db_table
_DECISIONS = StageDecision._meta.db_table
_CHOICES = PlanChoice._meta.db_table
TARGET_COLUMNS = (
    StageRule._meta.get_field("sessions_min"),
    StageRule._meta.get_field("sessions_max"),
    StageRule._meta.get_field("per_week"),
    PlanChoice._meta.get_field("sessions"),
)


@dataclass(frozen=True)
class Today:
    decision: p.Decision
    plan: p.Plan
    rules: tuple[stages.StageRule, ...]
    cautions: frozenset[str]

    @property
    def rule(self) -> stages.StageRule:
        return next(r for r in self.rules if r.number == self.decision.to_stage)

    @property
    def reason(self) -> str:
        """The one sentence that explains today's stage."""
        return self.decision.reasons[0] if self.decision.reasons else self.decision.summary


def load_rules() -> tuple[stages.StageRule, ...]:
    rows = StageRule.objects.all()
    rules = tuple(row.as_rule() for row in rows) or stages.DEFAULT_RULES
    stages.rules_by_number(rules)  # refuse a broken table loudly rather than plan from it
    return rules


def load_library() -> tuple[Exercise, ...]:
    return tuple(row.as_exercise() for row in Stretch.objects.all())


def current_stage(user: Any, today: date, history: p.History) -> tuple[int, date]:
    """The stage at the start of ``today`` and the day it began.

    A newcomer starts at stage 1 on the day of their first session (or today).
    """
    last = StageDecision.objects.for_user(user).before(today).newest_first().first()
    if last is not None:
        return last.to_stage, last.since
    first_days = [s.day for s in history.sessions if s.day <= today]
    return 1, min([today, *first_days])


def today_for(user: Any, today: date, history: p.History, *, record: bool = True) -> Today:
    """Decide today's stage and build today's plan; store the decision if ``record``.

    Pages (a GET) pass ``record=False``: the decision is stored when a session
    starts.
    """
    rules = load_rules()
    cautions = frozenset(str(c) for c in current_cautions(user))
    stage, since = current_stage(user, today, history)
    outcome = planning.plan_for_today(
        stage=stage,
        since=since,
        cautions=cautions,
        history=history,
        today=today,
        library=load_library(),
        rules=rules,
        chosen=chosen_sessions(user),
    )
    if record:
        try:
            with transaction.atomic():
                StageDecision.store(user, outcome.decision)
        except IntegrityError:  # a second tab stored the same day a moment ago
            StageDecision.store(user, outcome.decision)
    return Today(outcome.decision, outcome.plan, rules, cautions)


def gentle_plan_for(user: Any, today: date, history: p.History) -> p.Plan:
    """Today's gentle (flare-day) plan, for a session started in high pain."""
    rules = load_rules()
    cautions = frozenset(str(c) for c in current_cautions(user))
    stage, since = current_stage(user, today, history)
    decision = p.decide(stage=stage, since=since, history=history, today=today, rules=rules)
    return planning.build_plan(
        replace(decision, flare=True),
        cautions=cautions,
        history=history,
        library=load_library(),
        rules=rules,
    )


def sessions_a_week(sessions: int, per_week: bool) -> int:
    return sessions if per_week else sessions * 7


def chosen_sessions(user: Any) -> int | None:
    """How many sessions a day (a week at maintenance) the person chose, if they did."""
    return (
        PlanChoice.objects.filter(user=user).values_list("sessions", flat=True).first()
        if getattr(user, "pk", None)
        else None
    )


# The stage of the latest stored decision up to a day (stage 1 when there is
# none) joined to its row of the stage table, with the person's choice beside it.
TARGET_SQL = (
    "SELECT r.sessions_min, r.sessions_max, r.per_week, "
    f"(SELECT c.sessions FROM {_CHOICES} c WHERE c.user_id = %s) AS chosen "
    f"FROM {_RULES} r WHERE r.number = COALESCE(("
    f"SELECT d.to_stage FROM {_DECISIONS} d WHERE d.user_id = %s AND d.day <= %s "
    "ORDER BY d.day DESC, d.id DESC LIMIT 1), 1)"
)


def target_params(user: Any, today: date) -> tuple[Any, ...]:
    return (user.pk, user.pk, today)


def target_of(row: tuple[Any, ...] | None) -> int:
    """Sessions a week from a row of ``TARGET_SQL``; None (an empty stage table)
    plans from the built-in table, as load_rules does."""
    if row is None:
        first = stages.DEFAULT_RULES[0]
        row = (first.sessions_min, first.sessions_max, first.per_week, None)
    low, high, per_week, choice = row
    return sessions_a_week(planning.chosen_sessions((low, high), choice), per_week)


def weekly_target(user: Any, today: date) -> int:
    """Sessions a week the person's stage asks for, with their choice, without planning.

    One query (``TARGET_SQL``). A flare day does not change the week's target.
    Written as SQL because the dashboard asks it on every view (see ``config.sql``).
    """
    rows = fetch(TARGET_SQL, target_params(user, today), TARGET_COLUMNS)
    return target_of(rows[0] if rows else None)
