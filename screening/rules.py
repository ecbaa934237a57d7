"""Red-flag rules: is it safe for this person to stretch on their own right now?

Pure Python, no Django. The rules are data (``RED_FLAGS`` and ``CAUTION_RULES``);
``assess`` is the short function that reads them. Each rule names the answers
that trigger it (all of its triggers must match), its tier or caution, the
plain-words advice shown to the person, and a one-line source.

Bump ``RULES_VERSION`` whenever a question, a trigger or a tier changes, so a
stored result can always be explained by the rules that made it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

from screening.cautions import WORDS, Caution
from screening.countries import FALLBACK, Country
from screening.questions import (
    ANEURYSM_NEW_PAIN,
    ANEURYSM_OLD_PAIN,
    FALL_MAJOR_OLD,
    FALL_MAJOR_RECENT,
    FALL_MINOR,
    KNOWN,
    MAX_AGE,
    MIN_AGE,
    NO,
    PAIN_LONG_STANDING,
    PAIN_RECENT_NO_CAUSE,
    PAIN_RECENT_WITH_CAUSE,
    PREGNANT_COMPLICATIONS,
    PREGNANT_WELL,
    QUESTIONS,
    TOPICS,
    YES,
)

RULES_VERSION = "2026.11.4"

# Age is turned into a band before the rules read it, so that age rules are
# plain data like every other trigger. "Over 50" means 51 and older, "over 65"
# 66 and older; "under 45" stands in for "pain that began before 45" together
# with pain of more than 3 months.
AGE_BAND = "age_band"
AGE_UNDER_20 = "under-20"
AGE_20_TO_44 = "20-to-44"
AGE_45_TO_50 = "45-to-50"
AGE_51_TO_65 = "51-to-65"
AGE_OVER_65 = "over-65"
AGE_UNDER_45 = (AGE_UNDER_20, AGE_20_TO_44)
AGE_OVER_50 = (AGE_51_TO_65, AGE_OVER_65)


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


@dataclass(frozen=True, slots=True)
class Trigger:
    """One answer (or any of several answers) to one question."""

    question: str
    answers: frozenset[str]


def when(question: str, *answers: str) -> Trigger:
    return Trigger(question, frozenset(answers))


# How long a clinician's clearance lasts, counted from the clearance date.
UNTIL_ANSWERS_CHANGE = None  # a stable, permanent feature: until the answers change
CLEARANCE_DAYS = 30  # a time-bound one, unless its source says otherwise
NEVER_CLEARED = 0  # emergency and urgent flags: they need care, not a clearance


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
    # Clinician flags: days a clearance lasts, or None for "until the answers change".
    clearance_days: int | None = NEVER_CLEARED
    # What to name to the emergency or urgent service ("" when nothing to name).
    condition: str = ""

    @property
    def question(self) -> str:
        return self.triggers[0].question

    @property
    def clearable(self) -> bool:
        return self.tier == Tier.CLINICIAN


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


_ED = Tier.EMERGENCY
_UR = Tier.URGENT
_CL = Tier.CLINICIAN
_RECENT = (PAIN_RECENT_NO_CAUSE, PAIN_RECENT_WITH_CAUSE)

_CES = "NHS and NICE CKS cauda equina syndrome: emergency referral"
_CES_CONDITION = "cauda equina syndrome"
_CES_ADVICE = (
    "{what} with back pain can mean the nerves at the bottom of your spine are "
    "being squeezed. Call for emergency help now."
)
_KNOWN_ADVICE = (
    "You told us {what} is old, a doctor has checked it, and it has not changed. "
    "Your GP or physio should say that stretching is fine for you. Only new or "
    "worsening signs are an emergency: if it gets worse or something new starts, "
    "call for emergency help at once."
)
# The cauda equina signs: question, code, symptom words, what the advice calls it, source.
_CES_SIGNS = (
    (
        "bladder",
        "new trouble peeing or loss of bladder control",
        "New trouble peeing or loss of bladder control",
        "your bladder trouble",
        "; articles A and D: loss of bladder control",
    ),
    ("bowel", "loss of bowel control", "Losing control of your bowels", "your bowel trouble", ""),
    (
        "saddle",
        "numbness around the bottom, groin or genitals",
        "Numbness between your legs",
        "the numbness between your legs",
        ": saddle anaesthesia",
    ),
    (
        "sex",
        "new trouble with sex",
        "New trouble with sex",
        "your trouble with sex",
        ": new sexual dysfunction",
    ),
    (
        "both_legs",
        "pain or numbness in both legs",
        "Pain or numbness in both legs",
        "the pain or numbness in both legs",
        ": bilateral sciatica, or unilateral becoming bilateral",
    ),
)
_CES_FLAGS = tuple(
    flag
    for key, symptom, what, known, source in _CES_SIGNS
    for flag in (
        RedFlag(
            code=key.replace("_", "-"),
            tier=_ED,
            triggers=(when(key, YES),),
            symptom=symptom,
            advice=_CES_ADVICE.format(what=what),
            source=_CES + source,
            condition=_CES_CONDITION,
        ),
        RedFlag(
            code=key.replace("_", "-") + "-known",
            tier=_CL,
            triggers=(when(key, KNOWN),),
            symptom="old " + symptom.removeprefix("new ") + " that a doctor has checked",
            advice=_KNOWN_ADVICE.format(what=known),
            source=_CES + ": only new or worsening signs need emergency care",
            clearance_days=UNTIL_ANSWERS_CHANGE,
        ),
    )
)

# Past cancer with nerve symptoms: the spinal cord may be squeezed.
_MSCC = "NICE NG234 spinal metastases and spinal cord compression"
_MSCC_ADVICE = (
    "After cancer, {what} can mean something is pressing on the spinal cord. "
    "Call for emergency help now, and say you have had cancer."
)
# (code suffix, trigger, symptom words, what the advice calls it). The symptom
# leaves the nerve sign out when that sign is an emergency flag of its own, so
# that "Tell them ..." names it once.
_CANCER_NERVE = (
    (
        "below-knee",
        when("below_knee", YES),
        "a past cancer and leg pain below the knee",
        "leg pain below the knee",
    ),
    (
        "numbness",
        when("one_leg_numb", YES),
        "a past cancer and new numbness or pins and needles in a leg",
        "new numbness or pins and needles",
    ),
    (
        "one-leg-weaker",
        when("one_leg_weaker", YES),
        "a past cancer and a leg getting weaker",
        "a weaker leg",
    ),
    ("both-legs-weaker", when("both_legs_weaker", YES), "a past cancer", "weakness in both legs"),
    ("both-legs", when("both_legs", YES), "a past cancer", "pain or numbness in both legs"),
)
_CANCER_NERVE_FLAGS = tuple(
    RedFlag(
        code=f"cancer-{suffix}",
        tier=_ED,
        triggers=(when("cancer", YES), trigger),
        symptom=symptom,
        advice=_MSCC_ADVICE.format(what=what),
        source=_MSCC + ": past cancer with radicular pain or new neurological symptoms",
        condition="spinal cord compression from cancer",
    )
    for suffix, trigger, symptom, what in _CANCER_NERVE
)

# Past cancer with pain that may come from the spine: seen the same day.
_CANCER_PAIN_ADVICE = (
    "After cancer, {what} can be a sign that the cancer has spread to the spine. "
    "Call your cancer team's acute oncology line if you have one; if not, contact your "
    "GP or an urgent care service today. Say you have had cancer and have new back pain."
)
# (code suffix, trigger, the warning sign, whether it is an urgent flag of its own)
_CANCER_PAIN = (
    ("new-pain", when("pain_start", *_RECENT), "pain that began in the last 6 weeks", False),
    ("worsening", when("worsening", YES), "pain getting worse week after week", False),
    ("night-pain", when("night_pain", YES), "pain that stops sleep at night", False),
    (
        "upper-back",
        when("upper_back", YES),
        "pain in the upper or middle back, or like a band",
        True,
    ),
    ("straining", when("straining", YES), "pain worse on coughing, sneezing or straining", True),
    ("rest-pain", when("rest_pain", YES), "pain that does not ease with rest", True),
)
_CANCER_PAIN_FLAGS = tuple(
    RedFlag(
        code=f"cancer-{suffix}",
        tier=_UR,
        triggers=(when("cancer", YES), trigger),
        symptom="a past cancer" if named_alone else f"a past cancer and {sign}",
        advice=_CANCER_PAIN_ADVICE.format(what=sign),
        source=_MSCC + ": past cancer with pain suggestive of spinal metastases",
        condition="cancer that has spread to the spine",
    )
    for suffix, trigger, sign, named_alone in _CANCER_PAIN
)

# A small fall or bump when bones may be thin.
_THIN_BONES = (
    ("over-65", when(AGE_BAND, AGE_OVER_65), "over the age of 65", "After the age of 65"),
    ("osteoporosis", when("osteoporosis", YES), "with thin bones", "With thin bones"),
    (
        "steroids",
        when("steroids", YES),
        "while taking steroid tablets",
        "Long-term steroid tablets can make bones thin, and",
    ),
)
_FALL_SOURCE = "NICE CKS low back pain and NICE NG41: minor trauma with possible osteoporosis"
_FALL_FLAGS = tuple(
    flag
    for suffix, risk, words, lead in _THIN_BONES
    for flag in (
        RedFlag(
            code=f"fall-minor-{suffix}-severe",
            tier=_UR,
            triggers=(when("fall", FALL_MINOR), risk, when("severe_pain", YES)),
            symptom=f"severe pain after a small fall, {words}",
            advice=f"{lead} even a small fall can break a bone in the spine, and your pain "
            "is severe. A doctor should check you today.",
            source=_FALL_SOURCE + ", with severe pain",
            condition="a broken bone in the spine",
        ),
        RedFlag(
            code=f"fall-minor-{suffix}",
            tier=_CL,
            triggers=(when("fall", FALL_MINOR), risk),
            symptom=f"a small fall, {words}",
            advice=f"{lead} even a small fall can break a bone in the spine. A doctor "
            "should check you before you stretch.",
            source=_FALL_SOURCE,
            clearance_days=CLEARANCE_DAYS,
        ),
    )
)

# Not a question of the check itself: asked first in a check after a session was
# stopped for symptoms ("Has it settled?"). The rules read it like an answer.
STOP_UNSETTLED = "stop_unsettled"

RED_FLAGS: tuple[RedFlag, ...] = (
    *_CES_FLAGS,
    RedFlag(
        code="both-legs-weaker",
        tier=_ED,
        triggers=(when("both_legs_weaker", YES),),
        symptom="both legs getting weaker",
        advice="Both legs getting weaker can mean a large squeeze on the nerves in "
        "your lower back. Call for emergency help now.",
        source=_CES + ": progressive bilateral leg weakness; article A",
        condition=_CES_CONDITION,
    ),
    *_CANCER_NERVE_FLAGS,
    RedFlag(
        code="aneurysm-new-pain",
        tier=_ED,
        triggers=(when("aneurysm", ANEURYSM_NEW_PAIN),),
        symptom="a known aortic aneurysm, and the pain is new or sudden",
        advice="New or sudden back pain with an aortic aneurysm can mean it is "
        "leaking. Call for emergency help now, and tell them you have a known aortic "
        "aneurysm.",
        source="NICE NG156 abdominal aortic aneurysm: known aneurysm with new "
        "abdominal or back pain, emergency transfer",
        condition="a problem with the aortic aneurysm",
    ),
    RedFlag(
        code="chest-pain",
        tier=_ED,
        triggers=(when("chest_pain", YES),),
        symptom="pain in the chest",
        advice="Chest pain with back pain can come from the heart or the main blood "
        "vessel. Call for emergency help now.",
        source="NICE CKS chest pain: acute chest pain with back pain, suspected "
        "coronary syndrome or aortic dissection",
        condition="a heart attack or a tear in the main blood vessel (aorta)",
    ),
    RedFlag(
        code="fall-major-recent",
        tier=_ED,
        triggers=(when("fall", FALL_MAJOR_RECENT),),
        symptom="pain that began after a serious accident in the last 6 weeks",
        advice="After a serious accident, back pain can mean a broken bone in the "
        "spine. Call for emergency help now, and keep as still as you can.",
        source="NICE NG41 spinal injury: assessment after a dangerous mechanism of injury",
        condition="a spinal injury",
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
    *_CANCER_PAIN_FLAGS,
    RedFlag(
        code="fever",
        tier=_UR,
        triggers=(when("fever", YES),),
        symptom="a fever, chills or feeling very unwell",
        advice="Back pain with a fever or feeling very unwell can be a sign of an "
        "infection. A doctor should check you today.",
        source="NICE CKS low back pain: fever with back pain suggests spinal infection",
        condition="an infection in the spine",
    ),
    RedFlag(
        code="infection-fever",
        tier=_UR,
        triggers=(when("recent_infection", YES), when("fever", YES)),
        symptom="a recent infection, wound, or spine injection or operation, and a fever",
        advice="A fever after a recent infection, wound, or spine injection or "
        "operation can mean the infection has reached the spine. A doctor should "
        "check you today.",
        source="NICE CKS low back pain: recent infection or spinal procedure with fever",
        condition="an infection in the spine",
    ),
    RedFlag(
        code="infection-risk",
        tier=_UR,
        triggers=(when("infection_risk", YES), when("pain_start", *_RECENT)),
        symptom="a higher risk of infection, from injecting drugs or a weak immune system",
        advice="New back pain when you inject drugs or your body is less able to "
        "fight infection can be a sign of an infection. A doctor should check you today.",
        source="NICE CKS low back pain: IV drug use or immunosuppression with new pain",
        condition="an infection in the spine",
    ),
    RedFlag(
        code="upper-back",
        tier=_UR,
        triggers=(when("upper_back", YES),),
        symptom="pain in the upper or middle back, or pain like a band",
        advice="Pain between the shoulder blades, or pain like a band round your body, "
        "is not typical of a strained lower back. A doctor should check you today.",
        source="NICE CKS low back pain and NICE NG234: thoracic or band-like pain",
    ),
    RedFlag(
        code="straining",
        tier=_UR,
        triggers=(when("straining", YES),),
        symptom="pain much worse on coughing, sneezing or straining",
        advice="Pain that gets much worse when you cough, sneeze or strain should be "
        "checked by a doctor today.",
        source="NICE NG234: spinal pain aggravated by straining",
    ),
    RedFlag(
        code="rest-pain",
        tier=_UR,
        triggers=(when("rest_pain", YES),),
        symptom="pain that does not ease with rest",
        advice="Pain that stays just as bad when you rest is not typical of a strained "
        "back. A doctor should check you today.",
        source="NICE CKS low back pain and NICE NG234: non-mechanical, unremitting pain",
    ),
    *_FALL_FLAGS,
    RedFlag(
        code="cancer",
        tier=_CL,
        triggers=(when("cancer", YES),),
        symptom="a past cancer",
        advice="Cancer can sometimes spread to the spine, so a doctor should check your "
        "back before you start stretching. Get help the same day if you get pain at night "
        "that stops you sleeping, pain in your upper or middle back, pain that keeps "
        "getting worse, or new numbness, weakness or trouble walking.",
        source="NICE CKS low back pain: past history of cancer; NICE NG234 warning signs",
        clearance_days=UNTIL_ANSWERS_CHANGE,
    ),
    RedFlag(
        code="weight-loss",
        tier=_CL,
        triggers=(when("weight_loss", YES),),
        symptom="weight loss that cannot be explained",
        advice="Losing weight without trying, along with back pain, should be "
        "checked by a doctor before you start stretching.",
        source="Article A: unexplained weight loss with back pain; NICE CKS",
        clearance_days=CLEARANCE_DAYS,
    ),
    RedFlag(
        code="fall-major-old",
        tier=_CL,
        triggers=(when("fall", FALL_MAJOR_OLD),),
        symptom="back pain after a serious accident",
        advice="After a serious accident, a doctor should check that no bone is "
        "broken before you stretch.",
        source="NICE CKS low back pain: significant trauma; article C: acute back injury",
        clearance_days=CLEARANCE_DAYS,
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
        clearance_days=UNTIL_ANSWERS_CHANGE,
    ),
    RedFlag(
        code="recent-surgery",
        tier=_CL,
        triggers=(when("recent_surgery", YES),),
        symptom="an operation on the back, belly or hip in the last 8 weeks",
        advice="Your body is still healing from your operation. Your surgeon, GP or "
        "physio should say when stretching is safe.",
        source="Article A: back surgery within 6-8 weeks; article C: recent belly or hip surgery",
        clearance_days=CLEARANCE_DAYS,
    ),
    RedFlag(
        code="infection-recent",
        tier=_CL,
        triggers=(when("recent_infection", YES),),
        symptom="a recent infection, wound, or spine injection or operation",
        advice="After a recent infection, wound, or spine injection or operation, a "
        "doctor should check your back before you stretch. Get help the same day if you "
        "get a fever or feel very unwell.",
        source="NICE CKS low back pain: recent bacterial infection or spinal procedure",
        clearance_days=CLEARANCE_DAYS,
    ),
    RedFlag(
        code="hip-replacement",
        tier=_CL,
        triggers=(when("hip_replacement", YES),),
        symptom="a hip replacement",
        advice="Bringing a knee to your chest bends the hip a long way. With a hip "
        "replacement, a doctor or physio should say how far is safe. Your plan will "
        "leave out pulling both knees in, rocking and child's pose.",
        source="Article C: hip replacements, avoid without medical clearance",
        cautions=frozenset({Caution.NO_DOUBLE_KNEE}),
        clearance_days=UNTIL_ANSWERS_CHANGE,
    ),
    RedFlag(
        code="knee-replacement",
        tier=_CL,
        triggers=(when("knee_replacement", YES),),
        symptom="a knee replacement",
        advice="Hugging a knee bends it a long way. With a knee replacement, a doctor "
        "or physio should say what is safe. Your plan will have you hold behind the "
        "thigh, never on the knee.",
        source="Articles A and B: hold behind the thigh; joint replacement needs clearance",
        cautions=frozenset({Caution.KNEE}),
        clearance_days=UNTIL_ANSWERS_CHANGE,
    ),
    RedFlag(
        code="aneurysm",
        tier=_CL,
        triggers=(when("aneurysm", ANEURYSM_OLD_PAIN),),
        symptom="a known aortic aneurysm",
        advice="With an aortic aneurysm, your GP should say that stretching is fine "
        "for you. Your plan will leave out pulling both knees into your belly, "
        "rocking and child's pose. If you get new or sudden pain in your back or "
        "belly, call for emergency help at once.",
        source="Article C: abdominal aortic aneurysm; NICE NG156: surveillance and warning signs",
        cautions=frozenset({Caution.NO_DOUBLE_KNEE}),
        clearance_days=UNTIL_ANSWERS_CHANGE,
    ),
    RedFlag(
        code="pregnancy-complications",
        tier=_CL,
        triggers=(when("pregnancy", PREGNANT_COMPLICATIONS),),
        symptom="problems in a pregnancy",
        advice="With problems in your pregnancy, your doctor or midwife should say "
        "which stretches are safe for you.",
        source="Article C: pregnancy complications, generally safe with approval",
        cautions=frozenset({Caution.PREGNANCY}),
        clearance_days=CLEARANCE_DAYS,
    ),
    RedFlag(
        code="stop-unsettled",
        tier=_CL,
        triggers=(when(STOP_UNSETTLED, YES),),
        symptom="symptoms from a stretching session that have not settled",
        advice="You stopped a session because of how your body felt, and it has not "
        "settled. A GP or physio should check you before you stretch again.",
        source="Article A: stop signs; pain that does not settle by the next day needs "
        "a clinician (pain-monitoring model)",
        clearance_days=CLEARANCE_DAYS,
    ),
    RedFlag(
        code="night-pain",
        tier=_CL,
        triggers=(when("night_pain", YES),),
        symptom="pain that stops sleep at night",
        advice="Pain that keeps you awake whatever position you lie in is not typical "
        "of a strained back. A doctor should check it.",
        source="NICE CKS low back pain: non-mechanical pain, worse at night",
        clearance_days=CLEARANCE_DAYS,
    ),
    RedFlag(
        code="worsening",
        tier=_CL,
        triggers=(when("worsening", YES),),
        symptom="pain getting worse week after week",
        advice="Back pain that keeps getting worse week after week is not typical of a "
        "strained back. A doctor should check it.",
        source="NICE CKS low back pain and NICE NG234: progressive spinal pain",
        clearance_days=CLEARANCE_DAYS,
    ),
    RedFlag(
        code="new-pain-over-50",
        tier=_CL,
        triggers=(when(AGE_BAND, *AGE_OVER_50), when("pain_start", PAIN_RECENT_NO_CAUSE)),
        symptom="new back pain with no clear cause, over the age of 50",
        advice="When back pain starts for no clear reason after the age of 50, a "
        "doctor should check it first.",
        source="NICE CKS low back pain: new onset over 50",
        clearance_days=CLEARANCE_DAYS,
    ),
    RedFlag(
        code="new-pain-under-20",
        tier=_CL,
        triggers=(when(AGE_BAND, AGE_UNDER_20), when("pain_start", PAIN_RECENT_NO_CAUSE)),
        symptom="new back pain with no clear cause, under the age of 20",
        advice="When back pain starts for no clear reason before the age of 20, a "
        "doctor should check it first.",
        source="NICE CKS low back pain: onset under 20",
        clearance_days=CLEARANCE_DAYS,
    ),
    RedFlag(
        code="inflammatory",
        tier=_CL,
        triggers=(
            when(AGE_BAND, *AGE_UNDER_45),
            when("pain_start", PAIN_LONG_STANDING),
            when("stiff_mornings", YES),
            when("late_waking", YES),
        ),
        symptom="long-lasting back pain with morning stiffness",
        advice="Back pain that began before 45, has lasted over 3 months, is stiff in "
        "the morning, wakes you late in the night and eases when you move can come "
        "from inflammation in the joints of the spine. See your GP about a "
        "rheumatology referral. Keep moving meanwhile.",
        source="NICE NG65 spondyloarthritis: inflammatory back pain, refer to rheumatology",
        clearance_days=UNTIL_ANSWERS_CHANGE,
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
        code="one-leg-numb",
        caution=Caution.FLEXION_SPARING,
        triggers=(when("one_leg_numb", YES),),
        advice="You have numbness or pins and needles in one leg, so your plan leaves out "
        "stretches that round your back a lot. See your GP if it is not settling or "
        "is spreading.",
        source="NICE CKS sciatica: sensory symptoms without red flags, review if not settling",
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
        code="steroids",
        caution=Caution.FLEXION_SPARING,
        triggers=(when("steroids", YES),),
        advice="Long-term steroid tablets can make bones thinner, so your plan leaves out "
        "stretches that round your back a lot, like pulling both knees in or rocking.",
        source="NICE CKS osteoporosis: long-term oral corticosteroids; article C: avoid "
        "end-range flexion with thin bones",
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
        triggers=(when("floor_hard", YES),),
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
    CautionRule(
        code="pelvic-girdle",
        caution=Caution.PELVIC_GIRDLE,
        triggers=(when("pelvic_pain", YES),),
        advice="Standing on one leg hurts your pelvis, so your plan leaves out moves "
        "done standing on one leg.",
        source="RCOG pelvic girdle pain in pregnancy: avoid standing on one leg",
    ),
)

# What to do, per tier. "{symptoms}" is filled in with the symptoms that fired,
# "{worry}" with WORRY when a condition is named, and "{emergency}", "{urgent}"
# and "{hospital}" with the person's own country's routes.
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
        "Call {emergency} now, or go to the nearest {hospital}.",
        "Tell them you have back pain with {symptoms}{worry}.",
        "Do not drive yourself: ask someone to take you, or call an ambulance.",
        "Do not do any stretches.",
    ),
    Tier.URGENT: (
        "Contact {urgent}.",
        "Tell them you have back pain with {symptoms}{worry}.",
        "If you get worse while you wait, call {emergency}.",
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
WORRY = ", and that you are worried you may have {conditions}"


def _fingerprint() -> str:
    """A digest of every word shown and every answer read: what a stored result depends on."""

    def triggers(items: tuple[Trigger, ...]) -> list[object]:
        return [[t.question, sorted(t.answers)] for t in items]

    data = {
        "topics": [
            [
                t.slug,
                t.title,
                t.intro,
                [
                    [q.key, q.text, q.hint, [[c.value, c.label] for c in q.choices]]
                    for q in t.questions
                ],
            ]
            for t in TOPICS
        ],
        "ages": [MIN_AGE, MAX_AGE],
        "flags": [
            [
                f.code,
                int(f.tier),
                triggers(f.triggers),
                f.symptom,
                f.advice,
                f.condition,
                f.clearance_days,
                sorted(c.value for c in f.cautions),
            ]
            for f in RED_FLAGS
        ],
        "caution_rules": [
            [r.code, r.caution.value, triggers(r.triggers), r.advice, r.source]
            for r in CAUTION_RULES
        ],
        "headlines": {t.name: words for t, words in TIER_HEADLINES.items()},
        "actions": {t.name: list(steps) for t, steps in TIER_ACTIONS.items()},
        "worry": WORRY,
        "caution_words": {c.value: words.change for c, words in WORDS.items()},
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


# Pinned next to RULES_VERSION in the tests: a change of wording or logic
# without a new version fails there.
RULES_FINGERPRINT = _fingerprint()


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
    if age < 45:
        return AGE_20_TO_44
    if age <= 50:
        return AGE_45_TO_50
    if age <= 65:
        return AGE_51_TO_65
    return AGE_OVER_65


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


def assess(
    answers: Mapping[str, object], *, today: date, stop_unsettled: bool = False
) -> Assessment:
    """Turn a complete set of answers into a result. Raises InvalidAnswers.

    `stop_unsettled`: the symptoms that stopped a session have not settled.
    """
    clean = clean_answers(answers)
    facts: dict[str, object] = {
        **clean,
        AGE_BAND: age_band(int(clean["age"])),
        STOP_UNSETTLED: YES if stop_unsettled else NO,
    }
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


def _unique(items: Iterable[str]) -> list[str]:
    """Each text once, in order, skipping empty ones."""
    return [text for text in dict.fromkeys(items) if text]


def action_steps(
    tier: Tier, flags: tuple[RedFlag, ...], country: Country = FALLBACK
) -> tuple[str, ...]:
    """What to do now, step by step, naming the symptoms and conditions of the deciding tier.

    The person's own country gives the one emergency number and the urgent route.
    """
    deciding = [f for f in flags if f.tier == tier]
    symptoms = " and ".join(_unique(f.symptom for f in deciding))
    conditions = " or ".join(_unique(f.condition for f in deciding))
    worry = WORRY.format(conditions=conditions) if conditions else ""
    return tuple(
        step.format(
            symptoms=symptoms,
            worry=worry,
            emergency=country.emergency,
            urgent=country.urgent,
            hospital=country.hospital,
        )
        for step in TIER_ACTIONS[tier]
    )


def advice_for(
    tier: Tier, flags: tuple[RedFlag, ...], country: Country = FALLBACK
) -> tuple[str, ...]:
    """What to do first (all its steps in one line), then why: the words shown with a result."""
    lines = [" ".join(action_steps(tier, flags, country))]
    if tier.blocked:
        # Flags that share a reason (the cancer warning signs) give it once.
        lines.extend(_unique(f.advice for f in flags))
    return tuple(lines)


def plan_notes(
    cautions: frozenset[Caution], caution_rules: tuple[CautionRule, ...]
) -> tuple[str, ...]:
    """How the plan changes: each caution rule's words (they give the reason),
    then plain words for cautions no rule explained (carried by a red flag)."""
    explained = {r.caution for r in caution_rules}
    extra = (WORDS[c].change for c in sorted(cautions) if c not in explained)
    return (*(r.advice for r in caution_rules), *extra)


def flag_by_code(code: str) -> RedFlag | None:
    return next((f for f in RED_FLAGS if f.code == code), None)
