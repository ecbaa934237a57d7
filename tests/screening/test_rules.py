"""Table-driven tests for the red-flag rules (no database)."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screening.questions import QUESTIONS
from screening.rules import (
    CAUTION_RULES,
    CAUTION_WORDS,
    RED_FLAGS,
    RULES_VERSION,
    SAFETY_NET,
    TIER_ACTIONS,
    Caution,
    InvalidAnswers,
    Tier,
    all_cleared,
    assess,
    flags_so_far,
)
from tests.screening.builders import ALL_CLEAR

TODAY = date(2026, 11, 21)


def answers(**changes: object) -> dict[str, object]:
    return {**ALL_CLEAR, **changes}


def codes(result) -> set[str]:
    return {f.code for f in result.flags}


# Each red flag with the fewest answers that fire it, and the tier it must give.
SINGLE_FLAGS = [
    ("bladder", {"bladder": "yes"}, Tier.EMERGENCY),
    ("bowel", {"bowel": "yes"}, Tier.EMERGENCY),
    ("saddle", {"saddle": "yes"}, Tier.EMERGENCY),
    ("both-legs", {"both_legs": "yes"}, Tier.EMERGENCY),
    ("both-legs-weaker", {"both_legs_weaker": "yes"}, Tier.EMERGENCY),
    ("cancer-nerve", {"cancer": "yes", "new_nerve": "yes"}, Tier.EMERGENCY),
    ("one-leg-weaker", {"one_leg_weaker": "yes"}, Tier.URGENT),
    ("fever", {"fever": "yes"}, Tier.URGENT),
    (
        "infection-risk",
        {"infection_risk": "yes", "pain_start": "recent-with-cause"},
        Tier.URGENT,
    ),
    ("cancer", {"cancer": "yes"}, Tier.CLINICIAN),
    ("weight-loss", {"weight_loss": "yes"}, Tier.CLINICIAN),
    ("fall-major", {"fall": "major"}, Tier.CLINICIAN),
    (
        "fall-minor-osteoporosis",
        {"fall": "minor", "osteoporosis": "yes"},
        Tier.CLINICIAN,
    ),
    ("fall-minor-steroids", {"fall": "minor", "steroids": "yes"}, Tier.CLINICIAN),
    ("osteoporosis", {"osteoporosis": "yes"}, Tier.CLINICIAN),
    ("recent-surgery", {"recent_surgery": "yes"}, Tier.CLINICIAN),
    ("hip-replacement", {"hip_replacement": "yes"}, Tier.CLINICIAN),
    ("aneurysm", {"aneurysm": "yes"}, Tier.CLINICIAN),
    ("pregnancy-complications", {"pregnancy": "yes-complications"}, Tier.CLINICIAN),
    ("night-pain", {"night_pain": "yes"}, Tier.CLINICIAN),
    ("new-pain-over-50", {"age": 51, "pain_start": "recent-no-cause"}, Tier.CLINICIAN),
    ("new-pain-under-20", {"age": 19, "pain_start": "recent-no-cause"}, Tier.CLINICIAN),
]


# A flag made of two answers also fires the flag of each answer alone, if any.
ALSO_FIRES = {"cancer-nerve": {"cancer"}, "fall-minor-osteoporosis": {"osteoporosis"}}


def test_every_red_flag_has_a_row_in_the_table() -> None:
    assert {code for code, _, _ in SINGLE_FLAGS} == {f.code for f in RED_FLAGS}


@pytest.mark.parametrize(("code", "changes", "tier"), SINGLE_FLAGS, ids=lambda v: str(v))
def test_single_red_flag_gives_its_tier(code: str, changes: dict, tier: Tier) -> None:
    result = assess(answers(**changes), today=TODAY)

    assert result.tier == tier
    assert codes(result) == {code} | ALSO_FIRES.get(code, set())
    assert result.flags[0].code == code
    assert result.blocked


@pytest.mark.parametrize("flag", RED_FLAGS, ids=lambda f: f.code)
def test_every_red_flag_has_words_and_a_source(flag) -> None:
    assert flag.symptom and flag.advice and flag.source
    for trigger in flag.triggers:
        assert trigger.question in QUESTIONS or trigger.question == "age_band"


def test_the_all_clear_case_fires_nothing() -> None:
    result = assess(ALL_CLEAR, today=TODAY)

    assert result.tier == Tier.CLEAR
    assert result.flags == ()
    assert result.cautions == frozenset()
    assert not result.blocked
    assert result.advice == TIER_ACTIONS[Tier.CLEAR]
    assert result.assessed_on == TODAY


COMBINATIONS = [
    ({"bladder": "yes", "fever": "yes", "cancer": "yes"}, Tier.EMERGENCY),
    ({"one_leg_weaker": "yes", "osteoporosis": "yes"}, Tier.URGENT),
    ({"fever": "yes", "below_knee": "yes"}, Tier.URGENT),
    ({"night_pain": "yes", "knee_pain": "yes", "floor": "no"}, Tier.CLINICIAN),
    ({"saddle": "yes", "one_leg_weaker": "yes"}, Tier.EMERGENCY),
    (
        {"weight_loss": "yes", "recent_surgery": "yes", "aneurysm": "yes"},
        Tier.CLINICIAN,
    ),
    ({"cancer": "yes", "new_nerve": "yes", "fever": "yes"}, Tier.EMERGENCY),
    ({"below_knee": "yes", "pregnancy": "yes-well"}, Tier.CAUTION),
]


@pytest.mark.parametrize(("changes", "tier"), COMBINATIONS)
def test_combination_gives_the_most_urgent_tier(changes: dict, tier: Tier) -> None:
    result = assess(answers(**changes), today=TODAY)

    assert result.tier == tier
    assert [f.tier for f in result.flags] == sorted(f.tier for f in result.flags)


def test_emergency_advice_names_the_numbers_and_the_symptom() -> None:
    result = assess(answers(bladder="yes"), today=TODAY)

    first = result.advice[0]
    for words in ("999", "112", "911", "emergency department", "Do not drive yourself"):
        assert words in first
    assert "loss of bladder control" in first


@pytest.mark.parametrize(
    "flag", [f for f in RED_FLAGS if f.tier <= Tier.URGENT], ids=lambda f: f.code
)
def test_symptoms_read_on_from_tell_them_you_have_back_pain_with(flag) -> None:
    # Emergency and urgent advice says "Tell them you have back pain with {symptom}".
    assert not re.search(r"\b(my|I|me|back pain)\b", flag.symptom), flag.symptom


def test_the_safety_net_says_who_to_call_and_where_to_go() -> None:
    for words in ("999", "112", "911", "emergency department", "bladder", "both legs"):
        assert words in SAFETY_NET


def test_urgent_advice_says_today_and_urgent_care() -> None:
    first = assess(answers(fever="yes"), today=TODAY).advice[0]

    assert "today" in first and "111" in first and "urgent care" in first


def test_clinician_advice_says_book_and_come_back() -> None:
    first = assess(answers(cancer="yes"), today=TODAY).advice[0]

    assert "GP or a physiotherapist" in first and "come back" in first


CAUTIONS = [
    ({"below_knee": "yes"}, {Caution.FLEXION_SPARING}),
    ({"worse_bending": "yes"}, {Caution.FLEXION_SPARING}),
    ({"knee_pain": "yes"}, {Caution.KNEE}),
    ({"floor": "no"}, {Caution.FLOOR}),
    ({"pregnancy": "yes-well"}, {Caution.PREGNANCY}),
    (
        {
            "below_knee": "yes",
            "knee_pain": "yes",
            "floor": "no",
            "pregnancy": "yes-well",
        },
        set(Caution),
    ),
]


@pytest.mark.parametrize(("changes", "expected"), CAUTIONS)
def test_caution_answers_give_their_codes(changes: dict, expected: set) -> None:
    result = assess(answers(**changes), today=TODAY)

    assert result.tier == Tier.CAUTION
    assert result.cautions == expected
    assert not result.blocked
    assert result.flags == ()


def test_every_caution_code_is_reachable() -> None:
    assert {r.caution for r in CAUTION_RULES} == set(Caution)


def test_caution_codes_are_the_contract_strings() -> None:
    assert [c.value for c in Caution] == [
        "flexion-sparing",
        "knee",
        "floor",
        "pregnancy",
    ]


@pytest.mark.parametrize(
    ("changes", "caution"),
    [
        ({"osteoporosis": "yes"}, Caution.FLEXION_SPARING),
        ({"pregnancy": "yes-complications"}, Caution.PREGNANCY),
    ],
)
def test_clinician_flags_carry_cautions_that_outlast_clearance(changes, caution) -> None:
    result = assess(answers(**changes), today=TODAY)

    assert result.tier == Tier.CLINICIAN
    assert caution in result.cautions


def test_cautions_are_kept_on_a_blocked_result() -> None:
    result = assess(answers(cancer="yes", knee_pain="yes"), today=TODAY)

    assert result.tier == Tier.CLINICIAN
    assert result.cautions == {Caution.KNEE}


AGE_BOUNDARIES = [
    (19, "recent-no-cause", {"new-pain-under-20"}),
    (20, "recent-no-cause", set()),
    (50, "recent-no-cause", set()),
    (51, "recent-no-cause", {"new-pain-over-50"}),
    (19, "recent-with-cause", set()),
    (51, "recent-with-cause", set()),
    (19, "long-standing", set()),
    (51, "long-standing", set()),
    (16, "recent-no-cause", {"new-pain-under-20"}),
    (120, "recent-no-cause", {"new-pain-over-50"}),
]


@pytest.mark.parametrize(("age", "pain_start", "expected"), AGE_BOUNDARIES)
def test_age_boundaries(age: int, pain_start: str, expected: set) -> None:
    result = assess(answers(age=age, pain_start=pain_start), today=TODAY)

    assert codes(result) == expected
    assert result.tier == (Tier.CLINICIAN if expected else Tier.CLEAR)


def test_age_may_arrive_as_text_from_a_form() -> None:
    assert assess(answers(age="51", pain_start="recent-no-cause"), today=TODAY).blocked


def test_infection_risk_needs_new_pain() -> None:
    result = assess(answers(infection_risk="yes"), today=TODAY)

    assert result.tier == Tier.CLEAR


def test_cancer_without_new_nerve_symptoms_is_clinician_tier() -> None:
    assert assess(answers(cancer="yes"), today=TODAY).tier == Tier.CLINICIAN


def test_a_minor_fall_alone_fires_nothing() -> None:
    assert assess(answers(fall="minor"), today=TODAY).tier == Tier.CLEAR


BAD_ANSWERS = [
    ({"bladder": None}, "bladder"),
    ({"bladder": ""}, "bladder"),
    ({"bladder": "maybe"}, "bladder"),
    ({"fall": "yes"}, "fall"),
    ({"age": "abc"}, "age"),
    ({"age": 15}, "age"),
    ({"age": 121}, "age"),
    ({"age": "-1"}, "age"),
    ({"sneaky": "yes"}, "sneaky"),
]


@pytest.mark.parametrize(("changes", "problem"), BAD_ANSWERS)
def test_bad_answers_are_refused(changes: dict, problem: str) -> None:
    bad = answers(**changes)
    if changes.get(problem, "x") is None:
        del bad[problem]

    with pytest.raises(InvalidAnswers) as error:
        assess(bad, today=TODAY)

    assert problem in error.value.problems


def test_an_empty_form_lists_every_question() -> None:
    with pytest.raises(InvalidAnswers) as error:
        assess({}, today=TODAY)

    assert set(error.value.problems) == set(QUESTIONS)


def test_all_cleared_only_covers_clinician_flags() -> None:
    covered = frozenset({"cancer", "fever"})

    assert all_cleared(frozenset({"cancer"}), covered)
    assert not all_cleared(frozenset({"cancer", "osteoporosis"}), covered)
    assert not all_cleared(frozenset({"fever"}), covered)
    assert not all_cleared(frozenset({"no-such-flag"}), covered | {"no-such-flag"})


def rules_fingerprint() -> str:
    """A digest of every question, choice, trigger and tier: what a stored result depends on."""
    data = {
        "questions": {k: [c.value for c in q.choices] for k, q in QUESTIONS.items()},
        "flags": [
            [f.code, int(f.tier), sorted(c.value for c in f.cautions), triggers(f.triggers)]
            for f in RED_FLAGS
        ],
        "cautions": [[r.code, r.caution.value, triggers(r.triggers)] for r in CAUTION_RULES],
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def triggers(items) -> list:
    return [[t.question, sorted(t.answers)] for t in items]


# When a question, trigger or tier changes, bump RULES_VERSION and add its digest here,
# so every stored result can still be explained by the rules that made it.
FINGERPRINTS = {"2026.11.1": "bd8e7e4a32642790"}


def test_a_change_to_the_rules_comes_with_a_new_version() -> None:
    assert FINGERPRINTS.get(RULES_VERSION) == rules_fingerprint(), "bump RULES_VERSION"


def test_plan_notes_give_the_reason_for_each_caution() -> None:
    result = assess(answers(below_knee="yes", floor="no"), today=TODAY)

    assert result.advice == TIER_ACTIONS[Tier.CAUTION]
    assert len(result.plan_notes) == 2
    assert result.plan_notes[0].startswith("Your pain goes below the knee")


def test_plan_notes_name_cautions_carried_by_a_red_flag() -> None:
    result = assess(answers(osteoporosis="yes"), today=TODAY)

    assert result.plan_notes == (CAUTION_WORDS[Caution.FLEXION_SPARING],)


def test_blocked_advice_gives_the_safety_net_and_each_reason() -> None:
    result = assess(answers(fever="yes", cancer="yes"), today=TODAY)

    assert result.advice[1] == SAFETY_NET
    assert len(result.advice) == 4


SO_FAR = [
    ({}, []),
    ({"bladder": "yes"}, ["bladder"]),
    ({"bladder": "no", "bowel": "yes", "saddle": "yes"}, ["bowel", "saddle"]),
    ({"cancer": "yes"}, []),  # clinician tier: said with the result, not mid-way
    ({"new_nerve": "yes"}, []),  # needs the cancer answer too
    ({"cancer": "yes", "new_nerve": "yes"}, ["cancer-nerve"]),
    ({"fever": "yes", "both_legs": "yes"}, ["both-legs", "fever"]),
    ({"infection_risk": "yes"}, []),
    ({"infection_risk": "yes", "pain_start": "recent-with-cause"}, ["infection-risk"]),
    ({"age": 60, "pain_start": "recent-no-cause"}, []),
]


@pytest.mark.parametrize(("partial", "expected"), SO_FAR)
def test_flags_so_far_reads_half_finished_answers(partial: dict, expected: list) -> None:
    assert [f.code for f in flags_so_far(partial)] == expected


# --- Properties over every possible set of answers -------------------------------------

ANY_ANSWERS = st.fixed_dictionaries(
    {
        q.key: (
            st.integers(min_value=16, max_value=120)
            if q.is_number
            else st.sampled_from([c.value for c in q.choices])
        )
        for q in QUESTIONS.values()
    }
)


@given(ANY_ANSWERS)
def test_the_tier_is_always_the_most_urgent_flag(any_answers: dict) -> None:
    result = assess(any_answers, today=TODAY)

    if result.flags:
        assert result.tier == min(f.tier for f in result.flags)
    else:
        assert result.tier == (Tier.CAUTION if result.cautions else Tier.CLEAR)
    assert result.blocked == bool(result.flags)


@given(ANY_ANSWERS)
def test_a_cauda_equina_answer_is_always_an_emergency(any_answers: dict) -> None:
    for key in ("bladder", "bowel", "saddle", "both_legs", "both_legs_weaker"):
        result = assess({**any_answers, key: "yes"}, today=TODAY)
        assert result.tier == Tier.EMERGENCY


@given(ANY_ANSWERS)
def test_flags_so_far_agrees_with_the_full_result(any_answers: dict) -> None:
    result = assess(any_answers, today=TODAY)

    so_far = flags_so_far(any_answers)

    assert so_far == tuple(f for f in result.flags if f.tier <= Tier.URGENT)
