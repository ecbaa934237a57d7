"""The questionnaire's shape: topics, keys and the choices each question offers."""

from __future__ import annotations

import pytest

from screening.questions import KNOWN, QUESTIONS, TOPICS

YES_NO = [("yes", "Yes"), ("no", "No")]
SIGN = [
    ("yes", "Yes, and it is new or getting worse"),
    ("known", "Yes, but it is old: a doctor has checked it and it has not changed"),
    ("no", "No"),
]

# Topic slug -> its question keys, in the order they are asked.
SHAPE = {
    "about-you": ["age", "pain_start", "chest_pain", "upper_back", "worsening"],
    "bladder-bowel": ["bladder", "bowel", "saddle", "sex"],
    "legs": ["both_legs", "both_legs_weaker", "one_leg_weaker", "one_leg_numb", "below_knee"],
    "health": [
        "fever",
        "recent_infection",
        "infection_risk",
        "cancer",
        "weight_loss",
        "aneurysm",
    ],
    "bones": ["fall", "severe_pain", "osteoporosis", "steroids"],
    "operations": [
        "recent_surgery",
        "hip_replacement",
        "knee_replacement",
        "pregnancy",
        "pelvic_pain",
    ],
    "daily-life": [
        "straining",
        "rest_pain",
        "night_pain",
        "late_waking",
        "stiff_mornings",
        "worse_bending",
        "knee_pain",
        "floor_hard",
    ],
}

CHOICES = {
    "age": [],
    "pain_start": [
        ("recent-no-cause", "In the last 6 weeks, for no clear reason"),
        (
            "recent-with-cause",
            "In the last 6 weeks, after something like lifting, twisting or a new sport",
        ),
        ("6-weeks-to-3-months", "Between 6 weeks and 3 months ago"),
        ("long-standing", "More than 3 months ago"),
    ],
    "bladder": SIGN,
    "bowel": SIGN,
    "saddle": SIGN,
    "sex": SIGN,
    "both_legs": SIGN,
    "aneurysm": [
        ("no", "No"),
        ("yes-new-pain", "Yes, and this back pain is new, came on suddenly, or feels different"),
        (
            "yes-old-pain",
            "Yes, a doctor keeps a check on it, and this back pain is old and has not changed",
        ),
    ],
    "fall": [
        ("none", "No"),
        ("minor", "Yes, a small one, like a slip, a trip or a bump"),
        (
            "major-recent",
            "Yes, a big one in the last 6 weeks, like a car crash, a fall from a height "
            "or a hard fall in sport",
        ),
        ("major-old", "Yes, a big one, more than 6 weeks ago"),
    ],
    "pregnancy": [
        ("no", "No"),
        ("yes-well", "Yes, and it is going well"),
        ("yes-complications", "Yes, and my doctor or midwife has told me there are problems"),
    ],
}


def test_every_question_belongs_to_exactly_one_topic() -> None:
    keys = [q.key for t in TOPICS for q in t.questions]

    assert len(keys) == len(set(keys)) == len(QUESTIONS) == 37
    assert len(TOPICS) == 7


def test_topics_ask_their_questions_in_order() -> None:
    assert {t.slug: [q.key for q in t.questions] for t in TOPICS} == SHAPE


@pytest.mark.parametrize("key", list(QUESTIONS))
def test_each_question_offers_its_choices(key: str) -> None:
    offered = [(c.value, c.label) for c in QUESTIONS[key].choices]

    assert offered == CHOICES.get(key, YES_NO)


def test_the_known_answer_is_spelled_once() -> None:
    assert KNOWN == "known"


def test_the_floor_question_is_asked_so_that_no_is_unremarkable() -> None:
    question = QUESTIONS["floor_hard"]

    assert question.text == (
        "Is it hard for you to get down onto the floor and back up again on your own?"
    )


@pytest.mark.parametrize("question", list(QUESTIONS.values()), ids=lambda q: q.key)
def test_every_question_ends_with_a_question_mark(question) -> None:
    assert question.text.endswith("?")
