"""Table-driven tests for the red-flag rules (no database).

Every row states its answers (changes to ALL_CLEAR) and the exact result as
literals: the tier, the flag codes in the order a result lists them, and the
cautions that shape the plan.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from screening import rules
from screening.cautions import WORDS, Words
from screening.countries import COUNTRIES, FALLBACK, Country, country_for
from screening.questions import QUESTIONS
from screening.rules import (
    CAUTION_RULES,
    RED_FLAGS,
    RULES_FINGERPRINT,
    RULES_VERSION,
    TIER_ACTIONS,
    Caution,
    InvalidAnswers,
    Tier,
    action_steps,
    advice_for,
    age_band,
    assess,
    flag_by_code,
    flags_so_far,
)
from tests.screening.builders import ALL_CLEAR

TODAY = date(2026, 11, 21)
FS = Caution.FLEXION_SPARING
NO_DOUBLE = Caution.NO_DOUBLE_KNEE


def answers(**changes: object) -> dict[str, object]:
    return {**ALL_CLEAR, **changes}


# (answers changed from ALL_CLEAR, tier, flag codes in order, cautions)
RED_FLAG_CASES = [
    # Cauda equina: new or worsening signs are an emergency.
    ({"bladder": "yes"}, Tier.EMERGENCY, ("bladder",), set()),
    ({"bowel": "yes"}, Tier.EMERGENCY, ("bowel",), set()),
    ({"saddle": "yes"}, Tier.EMERGENCY, ("saddle",), set()),
    ({"sex": "yes"}, Tier.EMERGENCY, ("sex",), set()),
    ({"both_legs": "yes"}, Tier.EMERGENCY, ("both-legs",), set()),
    ({"both_legs_weaker": "yes"}, Tier.EMERGENCY, ("both-legs-weaker",), set()),
    # ... old, checked, unchanged ones are for a clinician, and clearable.
    ({"bladder": "known"}, Tier.CLINICIAN, ("bladder-known",), set()),
    ({"bowel": "known"}, Tier.CLINICIAN, ("bowel-known",), set()),
    ({"saddle": "known"}, Tier.CLINICIAN, ("saddle-known",), set()),
    ({"sex": "known"}, Tier.CLINICIAN, ("sex-known",), set()),
    ({"both_legs": "known"}, Tier.CLINICIAN, ("both-legs-known",), set()),
    # Past cancer with nerve symptoms: spinal cord compression.
    ({"cancer": "yes", "below_knee": "yes"}, Tier.EMERGENCY, ("cancer-below-knee", "cancer"), {FS}),
    ({"cancer": "yes", "one_leg_numb": "yes"}, Tier.EMERGENCY, ("cancer-numbness", "cancer"), {FS}),
    (
        {"cancer": "yes", "one_leg_weaker": "yes"},
        Tier.EMERGENCY,
        ("cancer-one-leg-weaker", "one-leg-weaker", "cancer"),
        set(),
    ),
    (
        {"cancer": "yes", "both_legs_weaker": "yes"},
        Tier.EMERGENCY,
        ("both-legs-weaker", "cancer-both-legs-weaker", "cancer"),
        set(),
    ),
    (
        {"cancer": "yes", "both_legs": "yes"},
        Tier.EMERGENCY,
        ("both-legs", "cancer-both-legs", "cancer"),
        set(),
    ),
    # Past cancer with pain that may come from the spine: the same day.
    (
        {"cancer": "yes", "pain_start": "recent-no-cause"},
        Tier.URGENT,
        ("cancer-new-pain", "cancer"),
        set(),
    ),
    (
        {"cancer": "yes", "pain_start": "recent-with-cause"},
        Tier.URGENT,
        ("cancer-new-pain", "cancer"),
        set(),
    ),
    (
        {"cancer": "yes", "worsening": "yes"},
        Tier.URGENT,
        ("cancer-worsening", "cancer", "worsening"),
        set(),
    ),
    (
        {"cancer": "yes", "night_pain": "yes"},
        Tier.URGENT,
        ("cancer-night-pain", "cancer", "night-pain"),
        set(),
    ),
    (
        {"cancer": "yes", "upper_back": "yes"},
        Tier.URGENT,
        ("cancer-upper-back", "upper-back", "cancer"),
        set(),
    ),
    (
        {"cancer": "yes", "straining": "yes"},
        Tier.URGENT,
        ("cancer-straining", "straining", "cancer"),
        set(),
    ),
    (
        {"cancer": "yes", "rest_pain": "yes"},
        Tier.URGENT,
        ("cancer-rest-pain", "rest-pain", "cancer"),
        set(),
    ),
    ({"cancer": "yes"}, Tier.CLINICIAN, ("cancer",), set()),
    ({"cancer": "yes", "pain_start": "6-weeks-to-3-months"}, Tier.CLINICIAN, ("cancer",), set()),
    # Aortic aneurysm, chest pain, serious accidents.
    ({"aneurysm": "yes-new-pain"}, Tier.EMERGENCY, ("aneurysm-new-pain",), set()),
    ({"aneurysm": "yes-old-pain"}, Tier.CLINICIAN, ("aneurysm",), {NO_DOUBLE}),
    ({"chest_pain": "yes"}, Tier.EMERGENCY, ("chest-pain",), set()),
    ({"fall": "major-recent"}, Tier.EMERGENCY, ("fall-major-recent",), set()),
    ({"fall": "major-old"}, Tier.CLINICIAN, ("fall-major-old",), set()),
    # A small fall when bones may be thin; severe pain makes it the same day.
    ({"age": 80, "fall": "minor"}, Tier.CLINICIAN, ("fall-minor-over-65",), set()),
    (
        {"age": 80, "fall": "minor", "severe_pain": "yes"},
        Tier.URGENT,
        ("fall-minor-over-65-severe", "fall-minor-over-65"),
        set(),
    ),
    (
        {"fall": "minor", "osteoporosis": "yes"},
        Tier.CLINICIAN,
        ("fall-minor-osteoporosis", "osteoporosis"),
        {FS},
    ),
    (
        {"fall": "minor", "osteoporosis": "yes", "severe_pain": "yes"},
        Tier.URGENT,
        ("fall-minor-osteoporosis-severe", "fall-minor-osteoporosis", "osteoporosis"),
        {FS},
    ),
    ({"fall": "minor", "steroids": "yes"}, Tier.CLINICIAN, ("fall-minor-steroids",), {FS}),
    (
        {"fall": "minor", "steroids": "yes", "severe_pain": "yes"},
        Tier.URGENT,
        ("fall-minor-steroids-severe", "fall-minor-steroids"),
        {FS},
    ),
    # Nerves, infection and pain that does not behave like a strained back.
    ({"one_leg_weaker": "yes"}, Tier.URGENT, ("one-leg-weaker",), set()),
    ({"fever": "yes"}, Tier.URGENT, ("fever",), set()),
    (
        {"recent_infection": "yes", "fever": "yes"},
        Tier.URGENT,
        ("fever", "infection-fever", "infection-recent"),
        set(),
    ),
    ({"recent_infection": "yes"}, Tier.CLINICIAN, ("infection-recent",), set()),
    (
        {"infection_risk": "yes", "pain_start": "recent-with-cause"},
        Tier.URGENT,
        ("infection-risk",),
        set(),
    ),
    ({"upper_back": "yes"}, Tier.URGENT, ("upper-back",), set()),
    ({"straining": "yes"}, Tier.URGENT, ("straining",), set()),
    ({"rest_pain": "yes"}, Tier.URGENT, ("rest-pain",), set()),
    ({"weight_loss": "yes"}, Tier.CLINICIAN, ("weight-loss",), set()),
    ({"night_pain": "yes"}, Tier.CLINICIAN, ("night-pain",), set()),
    ({"worsening": "yes"}, Tier.CLINICIAN, ("worsening",), set()),
    # Bones, operations, joints and pregnancy.
    ({"osteoporosis": "yes"}, Tier.CLINICIAN, ("osteoporosis",), {FS}),
    ({"recent_surgery": "yes"}, Tier.CLINICIAN, ("recent-surgery",), set()),
    ({"hip_replacement": "yes"}, Tier.CLINICIAN, ("hip-replacement",), {NO_DOUBLE}),
    ({"knee_replacement": "yes"}, Tier.CLINICIAN, ("knee-replacement",), {Caution.KNEE}),
    (
        {"pregnancy": "yes-complications"},
        Tier.CLINICIAN,
        ("pregnancy-complications",),
        {Caution.PREGNANCY},
    ),
    # Age.
    ({"age": 51, "pain_start": "recent-no-cause"}, Tier.CLINICIAN, ("new-pain-over-50",), set()),
    ({"age": 19, "pain_start": "recent-no-cause"}, Tier.CLINICIAN, ("new-pain-under-20",), set()),
    # Inflammatory back pain: under 45, over 3 months, stiff mornings, late waking.
    (
        {"age": 30, "stiff_mornings": "yes", "late_waking": "yes"},
        Tier.CLINICIAN,
        ("inflammatory",),
        set(),
    ),
    # Combinations: the most urgent tier decides, every flag is listed.
    (
        {"bladder": "yes", "fever": "yes", "cancer": "yes"},
        Tier.EMERGENCY,
        ("bladder", "fever", "cancer"),
        set(),
    ),
    (
        {"bladder": "known", "saddle": "yes"},
        Tier.EMERGENCY,
        ("saddle", "bladder-known"),
        set(),
    ),
    (
        {"hip_replacement": "yes", "below_knee": "yes", "knee_pain": "yes"},
        Tier.CLINICIAN,
        ("hip-replacement",),
        {FS, NO_DOUBLE, Caution.KNEE},
    ),
]

# Answers that come close to a rule and must fire nothing.
NOTHING_FIRES = [
    {},
    {"fall": "minor"},
    {"severe_pain": "yes"},
    {"age": 65, "fall": "minor"},
    {"age": 65, "fall": "minor", "severe_pain": "yes"},
    {"infection_risk": "yes"},
    {"infection_risk": "yes", "pain_start": "6-weeks-to-3-months"},
    {"stiff_mornings": "yes"},
    {"late_waking": "yes"},
    {"age": 30, "stiff_mornings": "yes", "late_waking": "yes", "pain_start": "6-weeks-to-3-months"},
    {"age": 45, "stiff_mornings": "yes", "late_waking": "yes"},
    {"age": 60, "pain_start": "recent-with-cause"},
    {"age": 19, "pain_start": "recent-with-cause"},
]


@pytest.mark.parametrize(("changes", "tier", "codes", "cautions"), RED_FLAG_CASES, ids=str)
def test_answers_give_their_tier_flags_and_cautions(
    changes: dict, tier: Tier, codes: tuple, cautions: set
) -> None:
    result = assess(answers(**changes), today=TODAY)

    assert result.tier == tier
    assert tuple(f.code for f in result.flags) == codes
    assert result.cautions == cautions
    assert result.blocked


@pytest.mark.parametrize("changes", NOTHING_FIRES, ids=str)
def test_nothing_fires(changes: dict) -> None:
    result = assess(answers(**changes), today=TODAY)

    assert result.tier == Tier.CLEAR
    assert result.flags == ()
    assert result.cautions == frozenset()
    assert not result.blocked
    assert result.advice == ("You can start your stretching plan.",)
    assert result.assessed_on == TODAY


def test_every_red_flag_has_a_row_in_the_table() -> None:
    tabled = {code for _, _, codes, _ in RED_FLAG_CASES for code in codes}

    # "stop-unsettled" is read from the first step after a stop, not from an answer:
    # see test_a_stop_that_has_not_settled_needs_a_clinician.
    assert tabled | {"stop-unsettled"} == {f.code for f in RED_FLAGS}


def test_flag_codes_are_unique() -> None:
    codes = [f.code for f in RED_FLAGS]

    assert len(codes) == len(set(codes)) == 54


@pytest.mark.parametrize("flag", RED_FLAGS, ids=lambda f: f.code)
def test_every_red_flag_has_words_and_a_source(flag) -> None:
    assert flag.symptom and flag.advice and flag.source
    for trigger in flag.triggers:
        assert trigger.question in QUESTIONS or trigger.question in ("age_band", "stop_unsettled")
        if trigger.question in QUESTIONS:
            allowed = {c.value for c in QUESTIONS[trigger.question].choices}
            assert trigger.answers <= allowed, flag.code


@pytest.mark.parametrize("flag", RED_FLAGS, ids=lambda f: f.code)
def test_advice_is_plain_text_with_no_placeholder_or_doctor_straight_away(flag) -> None:
    # Pages show a flag's advice as it is; the numbers come from the action steps.
    assert "{" not in flag.advice and "}" not in flag.advice
    assert "straight away" not in flag.advice


@pytest.mark.parametrize(
    "flag", [f for f in RED_FLAGS if f.tier <= Tier.URGENT], ids=lambda f: f.code
)
def test_symptoms_read_on_from_tell_them_you_have_back_pain_with(flag) -> None:
    # Emergency and urgent advice says "Tell them you have back pain with {symptom}".
    assert not re.search(r"\b(my|I|me|back pain)\b", flag.symptom), flag.symptom


# --- clearances and conditions -------------------------------------------------------

CLEARANCE_DAYS = {
    "bladder-known": None,
    "bowel-known": None,
    "saddle-known": None,
    "sex-known": None,
    "both-legs-known": None,
    "fall-minor-over-65": 30,
    "fall-minor-osteoporosis": 30,
    "fall-minor-steroids": 30,
    "cancer": None,
    "weight-loss": 30,
    "fall-major-old": 30,
    "osteoporosis": None,
    "recent-surgery": 30,
    "infection-recent": 30,
    "hip-replacement": None,
    "knee-replacement": None,
    "aneurysm": None,
    "pregnancy-complications": 30,
    "night-pain": 30,
    "stop-unsettled": 30,
    "worsening": 30,
    "new-pain-over-50": 30,
    "new-pain-under-20": 30,
    "inflammatory": None,
}


def test_each_clinician_flag_says_how_long_its_clearance_lasts() -> None:
    lasts = {f.code: f.clearance_days for f in RED_FLAGS if f.tier == Tier.CLINICIAN}

    assert lasts == CLEARANCE_DAYS


def test_emergency_and_urgent_flags_are_never_cleared() -> None:
    for flag in RED_FLAGS:
        if flag.tier <= Tier.URGENT:
            assert flag.clearance_days == 0, flag.code
            assert not flag.clearable, flag.code
        else:
            assert flag.clearable, flag.code


CES = "cauda equina syndrome"
MSCC = "spinal cord compression from cancer"
SPREAD = "cancer that has spread to the spine"
INFECTION = "an infection in the spine"
FRACTURE = "a broken bone in the spine"
CONDITIONS = {
    "bladder": CES,
    "bowel": CES,
    "saddle": CES,
    "sex": CES,
    "both-legs": CES,
    "both-legs-weaker": CES,
    "cancer-below-knee": MSCC,
    "cancer-numbness": MSCC,
    "cancer-one-leg-weaker": MSCC,
    "cancer-both-legs-weaker": MSCC,
    "cancer-both-legs": MSCC,
    "aneurysm-new-pain": "a problem with the aortic aneurysm",
    "chest-pain": "a heart attack or a tear in the main blood vessel (aorta)",
    "fall-major-recent": "a spinal injury",
    "one-leg-weaker": "",
    "cancer-new-pain": SPREAD,
    "cancer-worsening": SPREAD,
    "cancer-night-pain": SPREAD,
    "cancer-upper-back": SPREAD,
    "cancer-straining": SPREAD,
    "cancer-rest-pain": SPREAD,
    "fever": INFECTION,
    "infection-fever": INFECTION,
    "infection-risk": INFECTION,
    "upper-back": "",
    "straining": "",
    "rest-pain": "",
    "fall-minor-over-65-severe": FRACTURE,
    "fall-minor-osteoporosis-severe": FRACTURE,
    "fall-minor-steroids-severe": FRACTURE,
}


def test_emergency_and_urgent_flags_name_their_condition() -> None:
    named = {f.code: f.condition for f in RED_FLAGS if f.tier <= Tier.URGENT}

    assert named == CONDITIONS


def test_clinician_flags_name_no_condition() -> None:
    assert {f.condition for f in RED_FLAGS if f.tier == Tier.CLINICIAN} == {""}


# --- what to do: the person's own country's numbers ----------------------------------

GB = Country(
    code="GB",
    name="United Kingdom",
    emergency="999",
    urgent="NHS 111 or your GP today",
    urgent_number="111",
    time_zones=("Europe/London",),
    source="NHS",
    hospital="emergency department (A&E)",
)


def flags(*codes: str) -> tuple:
    return tuple(flag_by_code(code) for code in codes)


ACTION_STEPS = [
    (
        Tier.EMERGENCY,
        ("bladder",),
        GB,
        (
            "Call 999 now, or go to the nearest emergency department (A&E).",
            "Tell them you have back pain with new trouble peeing or loss of bladder "
            "control, and that you are worried you may have cauda equina syndrome.",
            "Do not drive yourself: ask someone to take you, or call an ambulance.",
            "Do not do any stretches.",
        ),
    ),
    (
        Tier.EMERGENCY,
        ("bladder",),
        FALLBACK,
        (
            "Call 112 now, or go to the nearest emergency department.",
            "Tell them you have back pain with new trouble peeing or loss of bladder "
            "control, and that you are worried you may have cauda equina syndrome.",
            "Do not drive yourself: ask someone to take you, or call an ambulance.",
            "Do not do any stretches.",
        ),
    ),
    (
        # Two signs of one condition: both symptoms, the condition once.
        Tier.EMERGENCY,
        ("saddle", "sex", "cancer"),
        GB,
        (
            "Call 999 now, or go to the nearest emergency department (A&E).",
            "Tell them you have back pain with numbness around the bottom, groin or "
            "genitals and new trouble with sex, and that you are worried you may have "
            "cauda equina syndrome.",
            "Do not drive yourself: ask someone to take you, or call an ambulance.",
            "Do not do any stretches.",
        ),
    ),
    (
        Tier.EMERGENCY,
        ("both-legs-weaker", "cancer-both-legs-weaker", "cancer"),
        GB,
        (
            "Call 999 now, or go to the nearest emergency department (A&E).",
            "Tell them you have back pain with both legs getting weaker and a past cancer, "
            "and that you are worried you may have cauda equina syndrome or spinal cord "
            "compression from cancer.",
            "Do not drive yourself: ask someone to take you, or call an ambulance.",
            "Do not do any stretches.",
        ),
    ),
    (
        Tier.EMERGENCY,
        ("aneurysm-new-pain",),
        GB,
        (
            "Call 999 now, or go to the nearest emergency department (A&E).",
            "Tell them you have back pain with a known aortic aneurysm, and the pain is "
            "new or sudden, and that you are worried you may have a problem with the "
            "aortic aneurysm.",
            "Do not drive yourself: ask someone to take you, or call an ambulance.",
            "Do not do any stretches.",
        ),
    ),
    (
        Tier.URGENT,
        ("fever",),
        GB,
        (
            "Contact NHS 111 or your GP today.",
            "Tell them you have back pain with a fever, chills or feeling very unwell, "
            "and that you are worried you may have an infection in the spine.",
            "If you get worse while you wait, call 999.",
            "Do not do any stretches until a doctor has seen you.",
        ),
    ),
    (
        Tier.URGENT,
        ("one-leg-weaker",),
        FALLBACK,
        (
            "Contact your doctor today, or an urgent care centre.",
            "Tell them you have back pain with a leg or foot getting weaker.",
            "If you get worse while you wait, call 112.",
            "Do not do any stretches until a doctor has seen you.",
        ),
    ),
    (
        Tier.CLINICIAN,
        ("cancer",),
        GB,
        (
            "Book an appointment with your GP or a physiotherapist in the next few days, "
            "and show them this result.",
            "When they tell you gentle stretching is fine for you, come back and record it here.",
            "Until then, do not do the stretches.",
        ),
    ),
]


@pytest.mark.parametrize(("tier", "codes", "country", "expected"), ACTION_STEPS, ids=str)
def test_action_steps_name_the_one_number_and_the_condition(tier, codes, country, expected):
    assert action_steps(tier, flags(*codes), country) == expected


def test_action_steps_default_to_the_fallback_country() -> None:
    assert action_steps(Tier.EMERGENCY, flags("chest-pain"))[0] == (
        "Call 112 now, or go to the nearest emergency department."
    )


def test_action_steps_say_where_to_go_as_people_there_say_it() -> None:
    us = country_for("US")
    assert action_steps(Tier.EMERGENCY, flags("bladder"), us)[0] == (
        "Call 911 now, or go to the nearest emergency room (ER)."
    )


@pytest.mark.parametrize("country", (*COUNTRIES, FALLBACK), ids=lambda c: c.code or "fallback")
@pytest.mark.parametrize("tier", list(Tier), ids=lambda t: t.name)
def test_no_step_lists_several_emergency_numbers(country, tier) -> None:
    fired = tuple(f for f in RED_FLAGS if f.tier == tier)
    words = " ".join(action_steps(tier, fired, country))

    assert sum(number in words for number in ("999", "112", "911", "000")) <= 1
    assert "{" not in words


def test_emergency_advice_is_the_steps_then_each_reason() -> None:
    result = assess(answers(bladder="yes"), today=TODAY)

    assert advice_for(result.tier, result.flags, GB) == (
        "Call 999 now, or go to the nearest emergency department (A&E). Tell them you "
        "have back pain with new trouble peeing or loss of bladder control, and that you "
        "are worried you may have cauda equina syndrome. Do not drive yourself: ask "
        "someone to take you, or call an ambulance. Do not do any stretches.",
        "New trouble peeing or loss of bladder control with back pain can mean the nerves "
        "at the bottom of your spine are being squeezed. Call for emergency help now.",
    )


def test_a_known_sign_says_only_new_or_worse_is_an_emergency() -> None:
    result = assess(answers(bladder="known"), today=TODAY)

    assert result.advice[1] == (
        "You told us your bladder trouble is old, a doctor has checked it, and it has not "
        "changed. Your GP or physio should say that stretching is fine for you. Only new "
        "or worsening signs are an emergency: if it gets worse or something new starts, "
        "call for emergency help at once."
    )


def test_cancer_warning_signs_share_one_reason_said_once() -> None:
    result = assess(answers(cancer="yes", night_pain="yes", upper_back="yes"), today=TODAY)

    assert result.advice[1:] == (
        "After cancer, pain that stops sleep at night can be a sign that the cancer has "
        "spread to the spine. Call your cancer team's acute oncology line if you have one; "
        "if not, contact your GP or an urgent care service today. Say you have had cancer "
        "and have new back pain.",
        "After cancer, pain in the upper or middle back, or like a band can be a sign that "
        "the cancer has spread to the spine. Call your cancer team's acute oncology line "
        "if you have one; if not, contact your GP or an urgent care service today. Say you "
        "have had cancer and have new back pain.",
        "Pain between the shoulder blades, or pain like a band round your body, is not "
        "typical of a strained lower back. A doctor should check you today.",
        "Cancer can sometimes spread to the spine, so a doctor should check your back "
        "before you start stretching. Get help the same day if you get pain at night that "
        "stops you sleeping, pain in your upper or middle back, pain that keeps getting "
        "worse, or new numbness, weakness or trouble walking.",
        "Pain that keeps you awake whatever position you lie in is not typical of a "
        "strained back. A doctor should check it.",
    )


def test_the_same_reason_is_given_once() -> None:
    twice = flags("cancer-new-pain", "cancer-new-pain")

    assert advice_for(Tier.URGENT, twice, GB)[1:] == (twice[0].advice,)


def test_clinician_advice_says_book_and_come_back_with_no_safety_net_sentence() -> None:
    result = assess(answers(weight_loss="yes"), today=TODAY)

    assert result.advice == (
        "Book an appointment with your GP or a physiotherapist in the next few days, and "
        "show them this result. When they tell you gentle stretching is fine for you, come "
        "back and record it here. Until then, do not do the stretches.",
        "Losing weight without trying, along with back pain, should be checked by a "
        "doctor before you start stretching.",
    )
    assert not hasattr(rules, "SAFETY_NET")


# --- cautions ------------------------------------------------------------------------

CAUTIONS = [
    ({"below_knee": "yes"}, {FS}),
    ({"one_leg_numb": "yes"}, {FS}),
    ({"worse_bending": "yes"}, {FS}),
    ({"steroids": "yes"}, {FS}),
    ({"knee_pain": "yes"}, {Caution.KNEE}),
    ({"floor_hard": "yes"}, {Caution.FLOOR}),
    ({"pregnancy": "yes-well"}, {Caution.PREGNANCY}),
    ({"pelvic_pain": "yes"}, {Caution.PELVIC_GIRDLE}),
    ({"pregnancy": "yes-well", "pelvic_pain": "yes"}, {Caution.PREGNANCY, Caution.PELVIC_GIRDLE}),
    (
        {
            "below_knee": "yes",
            "knee_pain": "yes",
            "floor_hard": "yes",
            "pregnancy": "yes-well",
            "pelvic_pain": "yes",
        },
        {FS, Caution.KNEE, Caution.FLOOR, Caution.PREGNANCY, Caution.PELVIC_GIRDLE},
    ),
]


@pytest.mark.parametrize(("changes", "expected"), CAUTIONS, ids=str)
def test_caution_answers_give_their_codes(changes: dict, expected: set) -> None:
    result = assess(answers(**changes), today=TODAY)

    assert result.tier == Tier.CAUTION
    assert result.cautions == expected
    assert not result.blocked
    assert result.flags == ()
    assert result.advice == ("You can start your stretching plan. We have changed it to suit you.",)


def test_every_caution_rule_has_a_row_in_the_table() -> None:
    fired = {
        r.code
        for changes, _ in CAUTIONS
        for r in assess(answers(**changes), today=TODAY).caution_rules
    }
    assert fired == {r.code for r in CAUTION_RULES}


def test_every_caution_code_is_reachable() -> None:
    carried = {c for f in RED_FLAGS for c in f.cautions}

    assert {r.caution for r in CAUTION_RULES} | carried == set(Caution)


def test_caution_codes_are_the_contract_strings() -> None:
    assert [c.value for c in Caution] == [
        "flexion-sparing",
        "knee",
        "floor",
        "pregnancy",
        "no-double-knee",
        "pelvic-girdle",
    ]


PLAN_NOTES = [
    (
        {"one_leg_numb": "yes"},
        (
            "You have numbness or pins and needles in one leg, so your plan leaves out "
            "stretches that round your back a lot. See your GP if it is not settling or is "
            "spreading.",
        ),
    ),
    (
        {"steroids": "yes"},
        (
            "Long-term steroid tablets can make bones thinner, so your plan leaves out "
            "stretches that round your back a lot, like pulling both knees in or rocking.",
        ),
    ),
    (
        {"pelvic_pain": "yes"},
        (
            "Standing on one leg hurts your pelvis, so your plan leaves out moves done "
            "standing on one leg.",
        ),
    ),
    (
        {"below_knee": "yes", "floor_hard": "yes"},
        (
            "Your pain goes below the knee, so your plan leaves out stretches that round "
            "your back a lot, like pulling both knees in or rocking.",
            "Getting to the floor is hard for you, so your plan uses stretches you do "
            "sitting on a chair or standing.",
        ),
    ),
    # Cautions carried by a red flag are kept after clearance and named plainly.
    ({"hip_replacement": "yes"}, ("No pulling both knees in, no rocking, and no child's pose.",)),
    ({"aneurysm": "yes-old-pain"}, ("No pulling both knees in, no rocking, and no child's pose.",)),
    (
        {"knee_replacement": "yes"},
        ("Hold behind your thigh or use a strap, never on top of the knee.",),
    ),
    (
        {"osteoporosis": "yes"},
        ("No stretches that round your back a lot: no pulling both knees in, and no rocking.",),
    ),
]


@pytest.mark.parametrize(("changes", "notes"), PLAN_NOTES, ids=str)
def test_plan_notes_give_the_reason_for_each_caution(changes: dict, notes: tuple) -> None:
    assert assess(answers(**changes), today=TODAY).plan_notes == notes


# --- ages ----------------------------------------------------------------------------

AGE_BANDS = [
    (16, "under-20"),
    (19, "under-20"),
    (20, "20-to-44"),
    (44, "20-to-44"),
    (45, "45-to-50"),
    (50, "45-to-50"),
    (51, "51-to-65"),
    (65, "51-to-65"),
    (66, "over-65"),
    (120, "over-65"),
]


@pytest.mark.parametrize(("age", "band"), AGE_BANDS)
def test_age_bands(age: int, band: str) -> None:
    assert age_band(age) == band


AGE_BOUNDARIES = [
    ({"age": 19, "pain_start": "recent-no-cause"}, ("new-pain-under-20",)),
    ({"age": 20, "pain_start": "recent-no-cause"}, ()),
    ({"age": 50, "pain_start": "recent-no-cause"}, ()),
    ({"age": 51, "pain_start": "recent-no-cause"}, ("new-pain-over-50",)),
    ({"age": 66, "pain_start": "recent-no-cause"}, ("new-pain-over-50",)),
    ({"age": 16, "pain_start": "recent-no-cause"}, ("new-pain-under-20",)),
    ({"age": 120, "pain_start": "recent-no-cause"}, ("new-pain-over-50",)),
    ({"age": 65, "fall": "minor"}, ()),
    ({"age": 66, "fall": "minor"}, ("fall-minor-over-65",)),
    ({"age": 44, "stiff_mornings": "yes", "late_waking": "yes"}, ("inflammatory",)),
    ({"age": 45, "stiff_mornings": "yes", "late_waking": "yes"}, ()),
    ({"age": 16, "stiff_mornings": "yes", "late_waking": "yes"}, ("inflammatory",)),
]


@pytest.mark.parametrize(("changes", "codes"), AGE_BOUNDARIES, ids=str)
def test_age_boundaries(changes: dict, codes: tuple) -> None:
    result = assess(answers(**changes), today=TODAY)

    assert tuple(f.code for f in result.flags) == codes
    assert result.tier == (Tier.CLINICIAN if codes else Tier.CLEAR)


def test_age_may_arrive_as_text_from_a_form() -> None:
    assert assess(answers(age="51", pain_start="recent-no-cause"), today=TODAY).blocked


# --- bad answers ---------------------------------------------------------------------

BAD_ANSWERS = [
    ({"bladder": None}, "bladder"),
    ({"bladder": ""}, "bladder"),
    ({"bladder": "maybe"}, "bladder"),
    ({"fall": "yes"}, "fall"),
    ({"fall": "major"}, "fall"),
    ({"aneurysm": "yes"}, "aneurysm"),
    ({"cancer": "known"}, "cancer"),
    ({"age": "abc"}, "age"),
    ({"age": 15}, "age"),
    ({"age": 121}, "age"),
    ({"age": "-1"}, "age"),
    ({"sneaky": "yes"}, "sneaky"),
    ({"floor": "yes"}, "floor"),
    ({"new_nerve": "no"}, "new_nerve"),
]


@pytest.mark.parametrize(("changes", "problem"), BAD_ANSWERS, ids=str)
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


# --- the fingerprint: wording and logic change only with a new version ---------------

FINGERPRINTS = {
    "2026.11.2": "ce2b65d018977075",
    "2026.11.3": "5b777c8fb735222a",
    "2026.11.4": "5a343a8081385ab5",
}


def test_a_change_to_the_rules_comes_with_a_new_version() -> None:
    assert FINGERPRINTS.get(RULES_VERSION) == RULES_FINGERPRINT, (
        "bump RULES_VERSION and update this fingerprint"
    )


def with_hint(topic, hint: str):
    first = replace(topic.questions[0], hint=hint)
    return replace(topic, questions=(first, *topic.questions[1:]))


@pytest.mark.parametrize(
    "change",
    [
        lambda: {"RED_FLAGS": (replace(RED_FLAGS[0], advice="Other words."), *RED_FLAGS[1:])},
        lambda: {"RED_FLAGS": (replace(RED_FLAGS[-1], clearance_days=31), *RED_FLAGS[:-1])},
        lambda: {"RED_FLAGS": (replace(RED_FLAGS[0], condition="x"), *RED_FLAGS[1:])},
        lambda: {"TIER_ACTIONS": {**TIER_ACTIONS, Tier.CLEAR: ("Go.",)}},
        lambda: {"TOPICS": rules.TOPICS[::-1]},
        lambda: {"CAUTION_RULES": CAUTION_RULES[1:]},
        lambda: {"WORDS": {**WORDS, Caution.KNEE: Words("", "", "Other words.")}},
        lambda: {"TIER_HEADLINES": {**rules.TIER_HEADLINES, Tier.CLEAR: "Go."}},
        lambda: {"WORRY": ", and that you fear {conditions}"},
        lambda: {"TOPICS": (with_hint(rules.TOPICS[0], "Other words."), *rules.TOPICS[1:])},
    ],
)
def test_the_fingerprint_covers_words_and_logic(monkeypatch, change) -> None:
    for name, value in change().items():
        monkeypatch.setattr(rules, name, value)

    assert rules._fingerprint() != RULES_FINGERPRINT


# --- half-finished questionnaires ----------------------------------------------------

SO_FAR = [
    ({}, []),
    ({"bladder": "yes"}, ["bladder"]),
    ({"bladder": "known"}, []),  # clinician tier: said with the result, not mid-way
    ({"bladder": "no", "bowel": "yes", "saddle": "yes"}, ["bowel", "saddle"]),
    ({"chest_pain": "yes"}, ["chest-pain"]),
    ({"cancer": "yes"}, []),
    ({"one_leg_numb": "yes"}, []),  # a caution without the cancer answer
    ({"cancer": "yes", "one_leg_numb": "yes"}, ["cancer-numbness"]),
    ({"fever": "yes", "both_legs": "yes"}, ["both-legs", "fever"]),
    ({"infection_risk": "yes"}, []),
    ({"infection_risk": "yes", "pain_start": "recent-with-cause"}, ["infection-risk"]),
    ({"age": 60, "pain_start": "recent-no-cause"}, []),
    ({"age": 80, "fall": "minor", "severe_pain": "yes"}, ["fall-minor-over-65-severe"]),
]


@pytest.mark.parametrize(("partial", "expected"), SO_FAR, ids=str)
def test_flags_so_far_reads_half_finished_answers(partial: dict, expected: list) -> None:
    assert [f.code for f in flags_so_far(partial)] == expected


# --- properties over every possible set of answers -----------------------------------

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
CES_KEYS = ("bladder", "bowel", "saddle", "sex", "both_legs", "both_legs_weaker")


@given(ANY_ANSWERS)
def test_the_tier_is_always_the_most_urgent_flag(any_answers: dict) -> None:
    result = assess(any_answers, today=TODAY)

    if result.flags:
        assert result.tier == min(f.tier for f in result.flags)
    else:
        assert result.tier == (Tier.CAUTION if result.cautions else Tier.CLEAR)
    assert result.blocked == bool(result.flags)
    assert [f.tier for f in result.flags] == sorted(f.tier for f in result.flags)


@given(ANY_ANSWERS)
def test_a_new_cauda_equina_sign_is_always_an_emergency(any_answers: dict) -> None:
    for key in CES_KEYS:
        result = assess({**any_answers, key: "yes"}, today=TODAY)
        assert result.tier == Tier.EMERGENCY


@given(ANY_ANSWERS)
def test_flags_so_far_agrees_with_the_full_result(any_answers: dict) -> None:
    result = assess(any_answers, today=TODAY)

    so_far = flags_so_far(any_answers)

    assert so_far == tuple(f for f in result.flags if f.tier <= Tier.URGENT)


def test_a_stop_that_has_not_settled_needs_a_clinician() -> None:
    unsettled = assess(ALL_CLEAR, today=TODAY, stop_unsettled=True)
    settled = assess(ALL_CLEAR, today=TODAY, stop_unsettled=False)

    assert (unsettled.tier, [f.code for f in unsettled.flags]) == (
        Tier.CLINICIAN,
        ["stop-unsettled"],
    )
    assert (settled.tier, settled.flags) == (Tier.CLEAR, ())


# --- exact words of a refusal, and helpers run now rather than at import ----------------
# Pinned for `make mutate` (docs/mutation.md): the tables are built when the module
# is imported, before a mutant is switched on, so these call the code again.

PROBLEM_WORDS = [
    ({"bladder": None}, {"bladder": "missing"}),
    ({"bladder": ""}, {"bladder": "missing"}),
    ({"bladder": "maybe"}, {"bladder": "not one of the choices"}),
    ({"age": ""}, {"age": "missing"}),
    ({"age": "abc"}, {"age": "not a whole number"}),
    ({"age": 15}, {"age": "must be between 16 and 120"}),
    ({"sneaky": "yes"}, {"sneaky": "unknown question"}),
]


@pytest.mark.parametrize(("changes", "problems"), PROBLEM_WORDS, ids=str)
def test_each_problem_is_named_in_plain_words(changes: dict, problems: dict) -> None:
    bad = {k: v for k, v in answers(**changes).items() if v is not None}

    with pytest.raises(InvalidAnswers) as error:
        assess(bad, today=TODAY)

    assert error.value.problems == problems


def test_the_refusal_message_lists_every_problem() -> None:
    error = InvalidAnswers({"age": "missing", "sneaky": "unknown question"})

    assert str(error) == "age: missing; sneaky: unknown question"


def test_a_trigger_fires_on_any_of_its_answers() -> None:
    assert rules.when("fall", "minor", "major") == rules.Trigger(
        "fall", frozenset({"minor", "major"})
    )


def test_the_fingerprint_worked_out_now_is_the_pinned_one() -> None:
    assert rules._fingerprint() == FINGERPRINTS.get(RULES_VERSION)


# More rows for RED_FLAG_CASES, found by test_rule_table_mutations.py.
MORE_RED_FLAG_CASES = [
    # New pain with no clear cause is recent pain too.
    (
        {"infection_risk": "yes", "pain_start": "recent-no-cause"},
        Tier.URGENT,
        ("infection-risk",),
        set(),
    ),
]


@pytest.mark.parametrize(("changes", "tier", "codes", "cautions"), MORE_RED_FLAG_CASES, ids=str)
def test_more_answers_give_their_tier_flags_and_cautions(
    changes: dict, tier: Tier, codes: tuple, cautions: set
) -> None:
    result = assess(answers(**changes), today=TODAY)

    assert (result.tier, tuple(f.code for f in result.flags), result.cautions) == (
        tier,
        codes,
        cautions,
    )


def test_a_bad_age_does_not_hide_the_problems_after_it() -> None:
    with pytest.raises(InvalidAnswers) as error:
        assess(answers(age="abc", bladder="maybe"), today=TODAY)

    assert error.value.problems == {
        "age": "not a whole number",
        "bladder": "not one of the choices",
    }


def test_a_flag_code_from_older_rules_finds_no_flag() -> None:
    assert rules.flag_by_code("no-such-flag") is None
    assert rules.flag_by_code("saddle").code == "saddle"
