"""The screening questionnaire as data: topics, questions and their choices.

Pure Python (no Django). The rules in ``screening/rules.py`` refer to the
question keys defined here; the views and forms build one screen per topic.
Every text is written for a reading age of about 12.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

YES = "yes"
NO = "no"

# Age is the only number in the questionnaire. Limber is made for adults and
# older teenagers; younger people are asked to see a doctor instead.
MIN_AGE = 16
MAX_AGE = 120


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


YES_NO: tuple[Choice, ...] = (Choice(YES, "Yes"), Choice(NO, "No"))


@dataclass(frozen=True, slots=True)
class Question:
    key: str
    text: str
    hint: str = ""
    # Empty choices means the answer is a whole number (only "age").
    choices: tuple[Choice, ...] = YES_NO

    @property
    def is_number(self) -> bool:
        return not self.choices

    def label_for(self, value: object) -> str:
        """The words the person chose, for showing past answers back to them."""
        if self.is_number:
            return str(value)
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return str(value)


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    title: str
    intro: str
    questions: tuple[Question, ...]


# The third answer to a cauda equina sign: old, checked by a doctor, unchanged.
# Only new or worsening signs are an emergency; a known one is cleared by a clinician.
KNOWN = "known"
SIGN_CHOICES: tuple[Choice, ...] = (
    Choice(YES, "Yes, and it is new or getting worse"),
    Choice(KNOWN, "Yes, but it is old: a doctor has checked it and it has not changed"),
    Choice(NO, "No"),
)

# Choice values for the other questions that are not plain yes/no.
PAIN_RECENT_NO_CAUSE = "recent-no-cause"
PAIN_RECENT_WITH_CAUSE = "recent-with-cause"
PAIN_WEEKS = "6-weeks-to-3-months"
PAIN_LONG_STANDING = "long-standing"
FALL_NONE = "none"
FALL_MINOR = "minor"
FALL_MAJOR_RECENT = "major-recent"
FALL_MAJOR_OLD = "major-old"
ANEURYSM_NO = "no"
ANEURYSM_NEW_PAIN = "yes-new-pain"
ANEURYSM_OLD_PAIN = "yes-old-pain"
PREGNANT_NO = "no"
PREGNANT_WELL = "yes-well"
PREGNANT_COMPLICATIONS = "yes-complications"

TOPICS: tuple[Topic, ...] = (
    Topic(
        slug="about-you",
        title="About you and your back pain",
        intro="First, some questions about you and your back pain.",
        questions=(
            Question(
                key="age",
                text="How old are you?",
                hint="Your age in years, as a number.",
                choices=(),
            ),
            Question(
                key="pain_start",
                text="When did this back pain start?",
                choices=(
                    Choice(PAIN_RECENT_NO_CAUSE, "In the last 6 weeks, for no clear reason"),
                    Choice(
                        PAIN_RECENT_WITH_CAUSE,
                        "In the last 6 weeks, after something like lifting, twisting "
                        "or a new sport",
                    ),
                    Choice(PAIN_WEEKS, "Between 6 weeks and 3 months ago"),
                    Choice(PAIN_LONG_STANDING, "More than 3 months ago"),
                ),
            ),
            Question(
                key="chest_pain",
                text="Do you have pain in your chest as well as your back pain?",
            ),
            Question(
                key="upper_back",
                text="Is your pain in your upper or middle back, or does it go round "
                "your body like a tight band?",
                hint="The upper or middle back is between or below your shoulder blades.",
            ),
            Question(
                key="worsening",
                text="Is your back pain getting worse week after week?",
            ),
        ),
    ),
    Topic(
        slug="bladder-bowel",
        title="Bladder, bowels, sex and the area between your legs",
        intro="These questions can feel personal. They matter, because the nerves "
        "at the bottom of your back also control these parts of your body.",
        questions=(
            Question(
                key="bladder",
                text="Do you have trouble peeing, or have you lost control of your bladder?",
                hint="For example: you cannot start peeing, you do not feel when "
                "your bladder is full, or you leak without knowing.",
                choices=SIGN_CHOICES,
            ),
            Question(
                key="bowel",
                text="Have you lost control of your bowels?",
                hint="For example: you cannot hold in a poo, or you do not feel it coming.",
                choices=SIGN_CHOICES,
            ),
            Question(
                key="saddle",
                text="Is there numbness or a strange feeling around your bottom, "
                "groin or genitals?",
                hint="This is the part of you that would touch a bike saddle.",
                choices=SIGN_CHOICES,
            ),
            Question(
                key="sex",
                text="Do you have trouble with sex: getting or keeping an erection, "
                "ejaculating, or less feeling in your genitals?",
                choices=SIGN_CHOICES,
            ),
        ),
    ),
    Topic(
        slug="legs",
        title="Your legs",
        intro="Now some questions about pain, numbness and strength in your legs.",
        questions=(
            Question(
                key="both_legs",
                text="Do you have pain, numbness or pins and needles in both legs, "
                "or has pain that was in one leg spread to the other leg?",
                choices=SIGN_CHOICES,
            ),
            Question(
                key="both_legs_weaker",
                text="Are both of your legs getting weaker, or is walking getting "
                "hard because both legs feel weak?",
            ),
            Question(
                key="one_leg_weaker",
                text="Is one of your legs or feet getting weaker, or is it making walking hard?",
                hint="For example: your foot slaps down or catches on the ground when you walk.",
            ),
            Question(
                key="one_leg_numb",
                text="Since your back pain began, have you had numbness or pins and "
                "needles in one leg?",
            ),
            Question(
                key="below_knee",
                text="Does your pain go down your leg, below the knee?",
            ),
        ),
    ),
    Topic(
        slug="health",
        title="Your health",
        intro="Some illnesses can show up as back pain, so we ask about them.",
        questions=(
            Question(
                key="fever",
                text="Along with your back pain, do you have a fever or chills, "
                "or do you feel very unwell?",
            ),
            Question(
                key="recent_infection",
                text="In the last 3 months, have you had an infection, a wound, or an "
                "injection or operation on your spine?",
                hint="For example: a urine infection, a skin infection, or a cut that "
                "got red and sore.",
            ),
            Question(
                key="infection_risk",
                text="Do you inject drugs, or is your body less able to fight infections?",
                hint="For example: because of HIV, cancer treatment, medicine "
                "after a transplant, or long-term steroid tablets.",
            ),
            Question(
                key="cancer",
                text="Have you ever had cancer?",
            ),
            Question(
                key="weight_loss",
                text="Have you lost weight lately without trying?",
            ),
            Question(
                key="aneurysm",
                text="Has a doctor told you that the main blood vessel in your belly "
                "is swollen (an abdominal aortic aneurysm)?",
                choices=(
                    Choice(ANEURYSM_NO, "No"),
                    Choice(
                        ANEURYSM_NEW_PAIN,
                        "Yes, and this back pain is new, came on suddenly, or feels different",
                    ),
                    Choice(
                        ANEURYSM_OLD_PAIN,
                        "Yes, a doctor keeps a check on it, and this back pain is old "
                        "and has not changed",
                    ),
                ),
            ),
        ),
    ),
    Topic(
        slug="bones",
        title="Falls and bones",
        intro="A fall or weak bones can hurt the spine in ways a stretch could make worse.",
        questions=(
            Question(
                key="fall",
                text="Did your back pain start after a fall or an injury?",
                choices=(
                    Choice(FALL_NONE, "No"),
                    Choice(FALL_MINOR, "Yes, a small one, like a slip, a trip or a bump"),
                    Choice(
                        FALL_MAJOR_RECENT,
                        "Yes, a big one in the last 6 weeks, like a car crash, a fall "
                        "from a height or a hard fall in sport",
                    ),
                    Choice(FALL_MAJOR_OLD, "Yes, a big one, more than 6 weeks ago"),
                ),
            ),
            Question(
                key="severe_pain",
                text="Is your back pain so bad that you can hardly move?",
            ),
            Question(
                key="osteoporosis",
                text="Has a doctor told you that you have thin bones (osteoporosis) "
                "or a broken bone in your spine?",
            ),
            Question(
                key="steroids",
                text="Have you taken steroid tablets, such as prednisolone, for "
                "more than 3 months?",
            ),
        ),
    ),
    Topic(
        slug="operations",
        title="Operations and pregnancy",
        intro="Recent operations and some conditions change what is safe for you.",
        questions=(
            Question(
                key="recent_surgery",
                text="In the last 8 weeks, have you had an operation on your back, "
                "your belly or your hip?",
            ),
            Question(
                key="hip_replacement",
                text="Do you have a hip replacement?",
            ),
            Question(
                key="knee_replacement",
                text="Do you have a knee replacement?",
            ),
            Question(
                key="pregnancy",
                text="Are you pregnant?",
                choices=(
                    Choice(PREGNANT_NO, "No"),
                    Choice(PREGNANT_WELL, "Yes, and it is going well"),
                    Choice(
                        PREGNANT_COMPLICATIONS,
                        "Yes, and my doctor or midwife has told me there are problems",
                    ),
                ),
            ),
            Question(
                key="pelvic_pain",
                text="Do you have pain at the front or back of your pelvis that gets "
                "worse when you stand on one leg?",
                hint="This is common in pregnancy: for example, it hurts to climb "
                "stairs or to put on trousers standing up.",
            ),
        ),
    ),
    Topic(
        slug="daily-life",
        title="Your pain and moving about",
        intro="Last step. These answers help us shape your stretching plan.",
        questions=(
            Question(
                key="straining",
                text="Does coughing, sneezing or straining on the toilet make your "
                "back pain much worse?",
            ),
            Question(
                key="rest_pain",
                text="Does your pain stay just as bad when you rest, whatever position you are in?",
            ),
            Question(
                key="night_pain",
                text="Does back pain stop you sleeping at night, even when you lie "
                "still or change position?",
            ),
            Question(
                key="late_waking",
                text="Does back pain often wake you in the second half of the night?",
            ),
            Question(
                key="stiff_mornings",
                text="Is your back stiff for more than 30 minutes after you get up, "
                "and does it get better when you move about?",
            ),
            Question(
                key="worse_bending",
                text="Does your pain get worse when you bend forward?",
            ),
            Question(
                key="knee_pain",
                text="Do you have pain in your knees?",
            ),
            Question(
                key="floor_hard",
                text="Is it hard for you to get down onto the floor and back up again on your own?",
            ),
        ),
    ),
)

QUESTIONS: Mapping[str, Question] = {q.key: q for topic in TOPICS for q in topic.questions}


def topic_index(slug: str) -> int:
    """Position of a topic (0-based); ValueError for an unknown slug."""
    for index, topic in enumerate(TOPICS):
        if topic.slug == slug:
            return index
    raise ValueError(f"unknown topic {slug!r}")
