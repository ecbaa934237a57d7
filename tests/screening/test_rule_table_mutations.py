"""Every value in the red-flag and caution tables is pinned by a row of the rules tests.

mutmut changes code, not data (docs/mutation.md). Here each value in the tables
is changed in turn: each answer a rule reads is left out, each flag's tier is
swapped for the other flag tiers, each caution a flag carries is left out and
each caution rule's caution is swapped. At least one row of the tables in
test_rules.py must then come out differently; a change no row notices is a value
no test pins. (Numbers: clearance days are pinned one by one in test_rules.py.)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from screening import rules
from screening.rules import Caution, Tier, Trigger, assess
from tests.screening.test_rules import (
    AGE_BOUNDARIES,
    CAUTIONS,
    MORE_RED_FLAG_CASES,
    NOTHING_FIRES,
    PLAN_NOTES,
    RED_FLAG_CASES,
    TODAY,
    answers,
)

FLAG_TIERS = (Tier.EMERGENCY, Tier.URGENT, Tier.CLINICIAN)

# (answers changed from ALL_CLEAR, stop_unsettled): every row the rules tests assess.
ROWS = [
    *(
        (row[0], False)
        for row in (*RED_FLAG_CASES, *MORE_RED_FLAG_CASES, *CAUTIONS, *AGE_BOUNDARIES, *PLAN_NOTES)
    ),
    *((changes, False) for changes in NOTHING_FIRES),
    ({}, True),
]


def outcomes() -> list[tuple]:
    results = (assess(answers(**c), today=TODAY, stop_unsettled=s) for c, s in ROWS)
    return [(r.tier, tuple(f.code for f in r.flags), r.cautions, r.advice) for r in results]


def left_out(triggers: tuple[Trigger, ...]) -> Iterator[tuple[str, tuple[Trigger, ...]]]:
    for i, trigger in enumerate(triggers):
        for value in sorted(trigger.answers):
            changed = replace(trigger, answers=trigger.answers - {value})
            yield f"{trigger.question} -{value}", (*triggers[:i], changed, *triggers[i + 1 :])


def changed_tables() -> Iterator[tuple[str, str, tuple]]:
    """(table name, what changed, the changed table)."""
    flags = rules.RED_FLAGS
    for i, flag in enumerate(flags):
        variants = [(what, replace(flag, triggers=t)) for what, t in left_out(flag.triggers)]
        variants += [
            (f"tier {t.name}", replace(flag, tier=t)) for t in FLAG_TIERS if t != flag.tier
        ]
        variants += [
            (f"caution -{c}", replace(flag, cautions=flag.cautions - {c})) for c in flag.cautions
        ]
        for what, changed in variants:
            yield "RED_FLAGS", f"{flag.code}: {what}", (*flags[:i], changed, *flags[i + 1 :])
    caution_rules = rules.CAUTION_RULES
    for i, rule in enumerate(caution_rules):
        variants = [(what, replace(rule, triggers=t)) for what, t in left_out(rule.triggers)]
        variants += [
            (f"caution {c}", replace(rule, caution=c)) for c in Caution if c != rule.caution
        ]
        for what, changed in variants:
            yield (
                "CAUTION_RULES",
                f"{rule.code}: {what}",
                (*caution_rules[:i], changed, *caution_rules[i + 1 :]),
            )


def test_every_table_value_is_pinned_by_a_test_row(monkeypatch) -> None:
    expected = outcomes()  # what test_rules.py expects of each row; it checks that itself
    unnoticed = []
    for name, what, table in changed_tables():
        with monkeypatch.context() as patch:
            patch.setattr(rules, name, table)
            if outcomes() == expected:
                unnoticed.append(what)

    assert unnoticed == []
