"""The questionnaire's words: every text the safety check shows is written anew."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from screening.questions import QUESTIONS, TOPICS
from screening.rules import (
    CAUTION_RULES,
    CAUTION_WORDS,
    RED_FLAGS,
    SAFETY_NET,
    TIER_ACTIONS,
    TIER_HEADLINES,
)

# The four source articles sit beside the checkout (../shared/seeds, as PRODUCT.md says).
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "screening"
COPIED_RUN = 6  # this many words in a row, the same as a source, counts as copied


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def runs(text: str) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + COPIED_RUN]) for i in range(len(found) - COPIED_RUN + 1)}


def shown_texts() -> dict[str, str]:
    """Every text the safety check can show, named by where it comes from."""
    texts: dict[str, str] = {}
    for topic in TOPICS:
        texts[f"topic {topic.slug}"] = f"{topic.title}. {topic.intro}"
    for key, question in QUESTIONS.items():
        labels = " / ".join(c.label for c in question.choices)
        texts[f"question {key}"] = f"{question.text} {question.hint} {labels}"
    for flag in RED_FLAGS:
        texts[f"flag {flag.code}"] = f"{flag.symptom}. {flag.advice}"
    for rule in CAUTION_RULES:
        texts[f"caution {rule.code}"] = rule.advice
    for tier, action in TIER_ACTIONS.items():
        texts[f"tier {tier.name}"] = " ".join((f"{TIER_HEADLINES[tier]}.", *action))
    texts.update({f"words {c}": w for c, w in CAUTION_WORDS.items()})
    texts["safety net"] = SAFETY_NET
    for template in sorted(TEMPLATES.glob("*.html")):
        texts[f"template {template.name}"] = re.sub(
            r"{[%{#].*?[%}#]}|<[^>]+>", " ", template.read_text()
        )
    return texts


def test_every_question_belongs_to_exactly_one_topic() -> None:
    keys = [q.key for t in TOPICS for q in t.questions]

    assert len(keys) == len(set(keys)) == len(QUESTIONS)
    assert len(TOPICS) == 7


@pytest.fixture(scope="module")
def source_runs() -> set[tuple[str, ...]]:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip("the source articles are not beside this checkout")
    return set().union(*(runs(f.read_text()) for f in files))


def test_the_texts_cover_questions_rules_and_templates() -> None:
    names = shown_texts()

    assert "question bladder" in names and "flag osteoporosis" in names
    assert "template step.html" in names and "safety net" in names


@pytest.mark.parametrize(("name", "text"), sorted(shown_texts().items()))
def test_no_shown_text_repeats_a_source_sentence(name: str, text: str, source_runs) -> None:
    copied = runs(text) & source_runs

    assert not copied, f"{name} repeats {sorted(' '.join(r) for r in copied)}"


def test_the_check_catches_a_copied_phrase(source_runs) -> None:
    # Guards the test above: a run taken from a source must be found.
    sample = next(iter(source_runs))

    assert runs(" ".join(sample)) & source_runs
