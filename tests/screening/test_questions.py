"""The questionnaire's shape."""

from __future__ import annotations

from screening.questions import QUESTIONS, TOPICS


def test_every_question_belongs_to_exactly_one_topic() -> None:
    keys = [q.key for t in TOPICS for q in t.questions]

    assert len(keys) == len(set(keys)) == len(QUESTIONS)
    assert len(TOPICS) == 7
