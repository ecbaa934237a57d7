"""Red-flag rules: is it safe for this person to stretch on their own right now?

Pure Python, no Django. The rules are data (``RED_FLAGS`` and ``CAUTION_RULES``);
``assess`` is the short function that reads them. Each rule names the answers
that trigger it (all of its triggers must match), its tier or caution, the
plain-words advice shown to the person, and a one-line source.

Bump ``RULES_VERSION`` whenever a question, a trigger or a tier changes, so a
stored result can always be explained by the rules that made it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum, StrEnum

from screening.questions import (
    FALL_MAJOR,
    FALL_MINOR,
    MAX_AGE,
    MIN_AGE,
    NO,
    PAIN_RECENT_NO_CAUSE,
    PAIN_RECENT_WITH_CAUSE,
    PREGNANT_COMPLICATIONS,
    PREGNANT_WELL,
    QUESTIONS,
    YES,
)

RULES_VERSION = "2026.11.1"

# Age is turned into a band before the rules read it, so that age rules are
# plain data like every other trigger. "Over 50" means 51 and older.
AGE_BAND = "age_band"
AGE_UNDER_20 = "under-20"
AGE_20_TO_50 = "20-to-50"
AGE_OVER_50 = "over-50"


class Tier(IntEnum):
    """Outcomes, most urgent first (a lower number wins)."""

    EMERGENCY = 1
    URGENT = 2
    CLINICIAN = 3
    CAUTION = 4
    CLEAR = 5

    @property
    def blocked(self) -> bool:
        return self <= Tier.CLINICIAN


class Caution(StrEnum):
    """Codes that routines reads to change the plan."""

    FLEXION_SPARING = "flexion-sparing"
    KNEE = "knee"
    FLOOR = "floor"
    PREGNANCY = "pregnancy"


@dataclass(frozen=True, slots=True)
class Trigger:
    """One answer (or any of several answers) to one question."""

    question: str
    answers: frozenset[str]


def when(question: str, *answers: str) -> Trigger:
    return Trigger(question, frozenset(answers))


@dataclass(frozen=True, slots=True)
class RedFlag:
    code: str
    tier: Tier
    triggers: tuple[Trigger, ...]
    # Short words that finish "Tell them you have back pain with ...".
    symptom: str
    advice: str
    source: str
    # Cautions that still shape the plan once a clinician has cleared the person.
    cautions: frozenset[Caution] = field(default_factory=frozenset)

    @property
    def question(self) -> str:
        return self.triggers[0].question


@dataclass(frozen=True, slots=True)
class CautionRule:
    code: str
    caution: Caution
    triggers: tuple[Trigger, ...]
    advice: str
    source: str

    @property
    def question(self) -> str:
        return self.triggers[0].question


_CES = "NHS and NICE guidance on cauda equina syndrome (red flags for urgent referral)"
_ED = Tier.EMERGENCY
_UR = Tier.URGENT
_CL = Tier.CLINICIAN

RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        code="bladder",
        tier=_ED,
        triggers=(when("bladder", YES),),
        symptom="new trouble peeing or loss of bladder control",
        advice="New bladder problems with back pain can mean the nerves at the "
        "bottom of your spine are being squeezed. This needs a doctor straight away.",
        source=_CES + "; articles A and D: loss of bladder control",
    ),
    RedFlag(
        code="bowel",
        tier=_ED,
        triggers=(when("bowel", YES),),
        symptom="loss of bowel control",
        advice="Losing control of your bowels with back pain can mean the nerves at "
        "the bottom of your spine are being squeezed. This needs a doctor straight away.",
        source=_CES + "; article D: loss of bowel control",
    ),
    RedFlag(
        code="saddle",
        tier=_ED,
        triggers=(when("saddle", YES),),
        symptom="numbness around the bottom, groin or genitals",
        advice="Numbness between your legs with back pain can mean the nerves at the "
        "bottom of your spine are being squeezed. This needs a doctor straight away.",
        source=_CES + ": saddle anaesthesia",
    ),
    RedFlag(
        code="both-legs",
        tier=_ED,
        triggers=(when("both_legs", YES),),
        symptom="pain or numbness in both legs",
        advice="Pain or numbness in both legs can mean a large squeeze on the nerves "
        "in your lower back. This needs a doctor straight away.",
        source=_CES + ": bilateral sciatica, or unilateral becoming bilateral",
    ),
    RedFlag(
        code="both-legs-weaker",
        tier=_ED,
        triggers=(when("both_legs_weaker", YES),),
        symptom="both legs getting weaker",
        advice="Both legs getting weaker can mean a large squeeze on the nerves in "
        "your lower back. This needs a doctor straight away.",
        source=_CES + ": progressive bilateral leg weakness; article A",
    ),
    RedFlag(
        code="cancer-nerve",
        tier=_ED,
        triggers=(when("cancer", YES), when("new_nerve", YES)),
        symptom="a past cancer and new weakness, numbness or trouble walking",
        advice="After cancer, new weakness, numbness or trouble walking can mean "
        "something is pressing on the spinal cord. This needs a doctor straight away.",
        source="NICE NG234 spinal cord compression: past cancer with new nerve symptoms",
    ),
    RedFlag(
        code="one-leg-weaker",
        tier=_UR,
        triggers=(when("one_leg_weaker", YES),),
        symptom="a leg or foot getting weaker",
        advice="A leg or foot that is getting weaker means a nerve is being pressed "
        "hard. A doctor should check you today.",
        source="NICE CKS sciatica: progressive motor deficit such as foot drop; article A",
    ),
    RedFlag(
        code="fever",
        tier=_UR,
        triggers=(when("fever", YES),),
        symptom="a fever, chills or feeling very unwell",
        advice="Back pain with a fever or feeling very unwell can be a sign of an "
        "infection. A doctor should check you today.",
        source="NICE CKS low back pain: fever with back pain suggests spinal infection",
    ),
    RedFlag(
        code="infection-risk",
        tier=_UR,
        triggers=(
            when("infection_risk", YES),
            when("pain_start", PAIN_RECENT_NO_CAUSE, PAIN_RECENT_WITH_CAUSE),
        ),
        symptom="a higher risk of infection, from injecting drugs or a weak immune system",
        advice="New back pain when you inject drugs or your body is less able to "
        "fight infection can be a sign of an infection. A doctor should check you today.",
        source="NICE CKS low back pain: IV drug use or immunosuppression with new pain",
    ),
    RedFlag(
        code="cancer",
        tier=_CL,
        triggers=(when("cancer", YES),),
        symptom="a past cancer",
        advice="If you have had cancer, a doctor should check your back before you "
        "start stretching, to rule out anything linked to it.",
        source="NICE CKS low back pain: past history of cancer",
    ),
    RedFlag(
        code="weight-loss",
        tier=_CL,
        triggers=(when("weight_loss", YES),),
        symptom="weight loss I cannot explain",
        advice="Losing weight without trying, along with back pain, should be "
        "checked by a doctor before you start stretching.",
        source="Article A: unexplained weight loss with back pain; NICE CKS",
    ),
    RedFlag(
        code="fall-major",
        tier=_CL,
        triggers=(when("fall", FALL_MAJOR),),
        symptom="back pain after a big fall or injury",
        advice="After a big fall or injury, a doctor should check that no bone is "
        "broken before you stretch.",
        source="NICE CKS low back pain: significant trauma; article C: acute back injury",
    ),
    RedFlag(
        code="fall-minor-osteoporosis",
        tier=_CL,
        triggers=(when("fall", FALL_MINOR), when("osteoporosis", YES)),
        symptom="a small fall with thin bones",
        advice="With thin bones even a small fall can break a bone in the spine. "
        "A doctor should check you before you stretch.",
        source="NICE CKS low back pain: minor trauma with osteoporosis",
        cautions=frozenset({Caution.FLEXION_SPARING}),
    ),
    RedFlag(
        code="fall-minor-steroids",
        tier=_CL,
        triggers=(when("fall", FALL_MINOR), when("steroids", YES)),
        symptom="a small fall while taking steroid tablets",
        advice="Long-term steroid tablets can make bones thin, so even a small fall "
        "can break a bone. A doctor should check you before you stretch.",
        source="NICE CKS low back pain: minor trauma with long-term corticosteroid use",
    ),
    RedFlag(
        code="osteoporosis",
        tier=_CL,
        triggers=(when("osteoporosis", YES),),
        symptom="thin bones or a broken bone in the spine",
        advice="Hugging your knees up to your chest curls the spine a long way, which "
        "is not advised with thin bones. A doctor or physio should say what is safe.",
        source="Article C: osteoporosis or spinal fractures (avoid end-range spinal flexion)",
        cautions=frozenset({Caution.FLEXION_SPARING}),
    ),
    RedFlag(
        code="recent-surgery",
        tier=_CL,
        triggers=(when("recent_surgery", YES),),
        symptom="an operation on my back, belly or hip in the last 8 weeks",
        advice="Your body is still healing from your operation. Your surgeon, GP or "
        "physio should say when stretching is safe.",
        source="Article A: back surgery within 6-8 weeks; article C: recent belly or hip surgery",
    ),
    RedFlag(
        code="hip-replacement",
        tier=_CL,
        triggers=(when("hip_replacement", YES),),
        symptom="a hip replacement",
        advice="Bringing a knee to your chest bends the hip a long way. With a hip "
        "replacement, a doctor or physio should say how far is safe.",
        source="Article C: hip replacements, avoid without medical clearance",
    ),
    RedFlag(
        code="aneurysm",
        tier=_CL,
        triggers=(when("aneurysm", YES),),
        symptom="an abdominal aortic aneurysm",
        advice="Pressing your knees into your belly squeezes it. With a swollen blood "
        "vessel there, a doctor should say what is safe.",
        source="Article C: abdominal aortic aneurysm",
    ),
    RedFlag(
        code="pregnancy-complications",
        tier=_CL,
        triggers=(when("pregnancy", PREGNANT_COMPLICATIONS),),
        symptom="problems in my pregnancy",
        advice="With problems in your pregnancy, your doctor or midwife should say "
        "which stretches are safe for you.",
        source="Article C: pregnancy complications, generally safe with approval",
        cautions=frozenset({Caution.PREGNANCY}),
    ),
    RedFlag(
        code="night-pain",
        tier=_CL,
        triggers=(when("night_pain", YES),),
        symptom="bad, constant pain at night",
        advice="Pain that is bad all night, whatever position you are in, is not "
        "typical of a strained back. A doctor should check it.",
        source="NICE CKS low back pain: non-mechanical pain, worse at night",
    ),
    RedFlag(
        code="new-pain-over-50",
        tier=_CL,
        triggers=(
            when(AGE_BAND, AGE_OVER_50),
            when("pain_start", PAIN_RECENT_NO_CAUSE),
        ),
        symptom="new back pain with no clear cause, over the age of 50",
        advice="When back pain starts for no clear reason after the age of 50, a "
        "doctor should check it first.",
        source="NICE CKS low back pain: new onset over 50",
    ),
    RedFlag(
        code="new-pain-under-20",
        tier=_CL,
        triggers=(
            when(AGE_BAND, AGE_UNDER_20),
            when("pain_start", PAIN_RECENT_NO_CAUSE),
        ),
        symptom="new back pain with no clear cause, under the age of 20",
        advice="When back pain starts for no clear reason before the age of 20, a "
        "doctor should check it first.",
        source="NICE CKS low back pain: onset under 20",
    ),
)

CAUTION_RULES: tuple[CautionRule, ...] = (
    CautionRule(
        code="below-knee",
        caution=Caution.FLEXION_SPARING,
        triggers=(when("below_knee", YES),),
        advice="Your pain goes below the knee, so your plan leaves out stretches that "
        "round your back a lot, like pulling both knees in or rocking.",
        source="Article B: deep flexion can press a disc bulge onto the nerve; article D",
    ),
    CautionRule(
        code="worse-bending",
        caution=Caution.FLEXION_SPARING,
        triggers=(when("worse_bending", YES),),
        advice="Bending forward makes your pain worse, so your plan leaves out "
        "stretches that round your back a lot, like pulling both knees in or rocking.",
        source="Article B: flexion-sensitive pain, keep the tailbone down",
    ),
    CautionRule(
        code="knee-pain",
        caution=Caution.KNEE,
        triggers=(when("knee_pain", YES),),
        advice="Your knees hurt, so you will hold behind your thigh or use a strap, "
        "never on top of the knee.",
        source="Articles A and B: hold behind the thigh, not the kneecap",
    ),
    CautionRule(
        code="floor",
        caution=Caution.FLOOR,
        triggers=(when("floor", NO),),
        advice="Getting to the floor is hard for you, so your plan uses stretches you "
        "do sitting on a chair or standing.",
        source="Articles C and D: seated and standing knee-to-chest variations",
    ),
    CautionRule(
        code="pregnancy",
        caution=Caution.PREGNANCY,
        triggers=(when("pregnancy", PREGNANT_WELL),),
        advice="You are pregnant, so your plan uses changed stretches that leave "
        "room for your bump and avoid lying flat for long.",
        source="Article C: prenatal care, with modifications",
    ),
)

# What to do, per tier. "{symptoms}" is filled in with the symptoms that fired.
TIER_HEADLINES: Mapping[Tier, str] = {
    Tier.EMERGENCY: "Get emergency help now",
    Tier.URGENT: "See a doctor today",
    Tier.CLINICIAN: "See your GP or a physio first",
    Tier.CAUTION: "You can start, with some changes",
    Tier.CLEAR: "You can start",
}
# What to do, one short step per line, so a worried person can follow it in order.
TIER_ACTIONS: Mapping[Tier, tuple[str, ...]] = {
    Tier.EMERGENCY: (
        "Call 999 or 112 (UK and EU), or 911 (US and Canada), or go to the nearest "
        "emergency department now.",
        "Tell them you have back pain with {symptoms}.",
        "Do not drive yourself: ask someone to take you, or call an ambulance.",
        "Do not do any stretches.",
    ),
    Tier.URGENT: (
        "Contact your GP or doctor today, or call NHS 111 (UK).",
        "Tell them you have back pain with {symptoms}.",
        "If you cannot get an appointment today, go to an urgent care centre.",
        "Do not do any stretches until a doctor has seen you.",
    ),
    Tier.CLINICIAN: (
        "Book an appointment with your GP or a physiotherapist in the next few days, "
        "and show them this result.",
        "When they tell you gentle stretching is fine for you, come back and record it here.",
        "Until then, do not do the stretches.",
    ),
    Tier.CAUTION: ("You can start your stretching plan. We have changed it to suit you.",),
    Tier.CLEAR: ("You can start your stretching plan.",),
}
# How each caution changes the plan, in the words shown with a result.
CAUTION_WORDS: Mapping[Caution, str] = {
    Caution.FLEXION_SPARING: "No stretches that round your back a lot: no pulling both "
    "knees in, and no rocking.",
    Caution.KNEE: "Hold behind your thigh or use a strap, never on top of the knee.",
    Caution.FLOOR: "Stretches you do on a chair or standing up, not on the floor.",
    Caution.PREGNANCY: "Stretches changed for pregnancy.",
}
# Said on every blocked result, because symptoms can change before an appointment.
SAFETY_NET = (
    "If you get new trouble with your bladder or bowels, numbness between your legs, "
    "or both legs getting weaker, call 999, 112 or 911, or go to an emergency "
    "department, at once."
)


class InvalidAnswers(ValueError):
    """Answers are missing or not among the allowed choices."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.problems.items()))


@dataclass(frozen=True, slots=True)
class Assessment:
    tier: Tier
    flags: tuple[RedFlag, ...]
    cautions: frozenset[Caution]
    caution_rules: tuple[CautionRule, ...]
    advice: tuple[str, ...]
    assessed_on: date

    @property
    def blocked(self) -> bool:
        return self.tier.blocked

    @property
    def headline(self) -> str:
        return TIER_HEADLINES[self.tier]

    @property
    def plan_notes(self) -> tuple[str, ...]:
        return plan_notes(self.cautions, self.caution_rules)


def age_band(age: int) -> str:
    if age < 20:
        return AGE_UNDER_20
    if age > 50:
        return AGE_OVER_50
    return AGE_20_TO_50


def clean_answers(answers: Mapping[str, object]) -> dict[str, str | int]:
    """Check every question has an allowed answer; return them normalised.

    Raises InvalidAnswers listing every problem; unknown keys are problems too,
    so a tampered form is refused rather than half-read.
    """
    problems: dict[str, str] = {}
    clean: dict[str, str | int] = {}
    for key in answers:
        if key not in QUESTIONS:
            problems[str(key)] = "unknown question"
    for key, question in QUESTIONS.items():
        value = answers.get(key)
        if value is None or value == "":
            problems[key] = "missing"
        elif question.is_number:
            try:
                number = int(str(value))
            except ValueError:
                problems[key] = "not a whole number"
                continue
            if not MIN_AGE <= number <= MAX_AGE:
                problems[key] = f"must be between {MIN_AGE} and {MAX_AGE}"
            clean[key] = number
        elif value not in {c.value for c in question.choices}:
            problems[key] = "not one of the choices"
        else:
            clean[key] = str(value)
    if problems:
        raise InvalidAnswers(problems)
    return clean


def _matches(triggers: tuple[Trigger, ...], facts: Mapping[str, object]) -> bool:
    return all(facts.get(t.question) in t.answers for t in triggers)


def assess(answers: Mapping[str, object], *, today: date) -> Assessment:
    """Turn a complete set of answers into a result. Raises InvalidAnswers."""
    clean = clean_answers(answers)
    facts: dict[str, object] = {**clean, AGE_BAND: age_band(int(clean["age"]))}
    flags = tuple(
        sorted((f for f in RED_FLAGS if _matches(f.triggers, facts)), key=lambda f: f.tier)
    )
    caution_rules = tuple(r for r in CAUTION_RULES if _matches(r.triggers, facts))
    # Cautions from cleared red flags still apply once the person is cleared.
    cautions = frozenset(r.caution for r in caution_rules).union(*(f.cautions for f in flags))
    if flags:
        tier = flags[0].tier
    elif cautions:
        tier = Tier.CAUTION
    else:
        tier = Tier.CLEAR
    return Assessment(
        tier=tier,
        flags=flags,
        cautions=cautions,
        caution_rules=caution_rules,
        advice=advice_for(tier, flags),
        assessed_on=today,
    )


def flags_so_far(answers: Mapping[str, object]) -> tuple[RedFlag, ...]:
    """Emergency and urgent flags that the answers given so far already fire.

    Read from a half-finished questionnaire, so that someone who needs help now
    is told at once rather than after every other question. Unanswered
    questions match nothing; most urgent first.
    """
    facts: dict[str, object] = dict(answers)
    age = answers.get("age")
    if isinstance(age, int):
        facts[AGE_BAND] = age_band(age)
    fired = (f for f in RED_FLAGS if f.tier <= Tier.URGENT and _matches(f.triggers, facts))
    return tuple(sorted(fired, key=lambda f: f.tier))


def action_steps(tier: Tier, flags: tuple[RedFlag, ...]) -> tuple[str, ...]:
    """What to do now, step by step, naming the symptoms of the deciding tier."""
    symptoms = " and ".join(f.symptom for f in flags if f.tier == tier)
    return tuple(step.format(symptoms=symptoms) for step in TIER_ACTIONS[tier])


def advice_for(tier: Tier, flags: tuple[RedFlag, ...]) -> tuple[str, ...]:
    """What to do first (all its steps in one line), then why: the words shown with a result."""
    lines = [" ".join(action_steps(tier, flags))]
    if tier.blocked:
        if tier != Tier.EMERGENCY:
            lines.append(SAFETY_NET)
        lines.extend(f.advice for f in flags)
    return tuple(lines)


def plan_notes(
    cautions: frozenset[Caution], caution_rules: tuple[CautionRule, ...]
) -> tuple[str, ...]:
    """How the plan changes: each caution rule's words (they give the reason),
    then plain words for cautions no rule explained (carried by a red flag)."""
    explained = {r.caution for r in caution_rules}
    extra = (CAUTION_WORDS[c] for c in sorted(cautions) if c not in explained)
    return (*(r.advice for r in caution_rules), *extra)


def flag_by_code(code: str) -> RedFlag | None:
    return next((f for f in RED_FLAGS if f.code == code), None)


def all_cleared(flag_codes: frozenset[str], covered: frozenset[str]) -> bool:
    """True when the flags fired are all clinician-tier flags already cleared.

    Emergency and urgent flags can never be cleared here: they need care first.
    """
    for code in flag_codes:
        flag = flag_by_code(code)
        if flag is None or flag.tier != Tier.CLINICIAN or code not in covered:
            return False
    return True
