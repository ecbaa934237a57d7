"""An unfinished safety check: what it recalls first, what it has fired, and corrections.

The views stay thin: this module turns a draft's answers into what the step
screens show, and stores the red-flag answers that count at once.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from config.audit import record
from config.models import AuditEvent
from screening.countries import Country
from screening.models import FlagAnswer, SafetyStop, Screening, ScreeningDraft
from screening.questions import QUESTIONS, TOPICS, Topic
from screening.rules import (
    RED_FLAGS,
    TIER_HEADLINES,
    RedFlag,
    Tier,
    action_steps,
    flags_so_far,
)
from screening.standing import Standing

# The unremarkable answer to a question, when a person says a sign has gone.
UNREMARKABLE = ("no", "none")


def begin(user: Any, standing: Standing, now: datetime) -> ScreeningDraft:
    """A new check, which first asks about earlier positive answers and a stop."""
    recalls = [
        {"question": r.question, "answer": r.answer, "at": r.at.isoformat()}
        for r in standing.recalls
        if r.question in QUESTIONS
    ]
    stop = None
    if standing.stop is not None and standing.stop.id is not None:
        stop = SafetyStop.objects.filter(pk=standing.stop.id, user=user).first()
    return ScreeningDraft.begin(user, now, recalls=recalls, stop=stop)


def _open_flag_answers(draft: ScreeningDraft) -> list[FlagAnswer]:
    return list(FlagAnswer.objects.filter(draft_token=draft.token, corrected_at__isnull=True))


def emergency_so_far(draft: ScreeningDraft) -> bool:
    return any(f.tier == Tier.EMERGENCY for f in flags_so_far(draft.answers))


def record_flag_answers(request: HttpRequest, draft: ScreeningDraft, answers: dict) -> bool:
    """Store this step's emergency and urgent answers; they count from now on.

    Older open drafts are cancelled, so a stale tab cannot overturn them.
    True when something was stored.
    """
    fired = [f for f in flags_so_far(draft.answers) if f.tier <= Tier.URGENT]
    stored = {(f.question, f.answer) for f in _open_flag_answers(draft)}
    new = []
    for flag in fired:
        for trigger in flag.triggers:
            answer = answers.get(trigger.question)
            if answer is None or (trigger.question, str(answer)) in stored:
                continue
            stored.add((trigger.question, str(answer)))
            new.append(
                FlagAnswer(
                    user=draft.user,
                    draft_token=draft.token,
                    question=trigger.question,
                    answer=str(answer),
                    tier=int(flag.tier),
                    flags=[f.code for f in fired if trigger in f.triggers],
                )
            )
    if not new:
        return False
    with transaction.atomic():
        stored_rows = FlagAnswer.objects.bulk_create(new)
        ScreeningDraft.objects.cancel_others(draft.user, draft.pk, new[0].at)
    for flag_answer in stored_rows:
        record(request, AuditEvent.Action.ALARM_ADVICE, obj=flag_answer)
    return True


def correct(draft: ScreeningDraft, question: str, now: datetime) -> FlagAnswer | None:
    """Take back an emergency or urgent answer given by mistake; the question is asked again."""
    flag_answer = FlagAnswer.objects.filter(
        draft_token=draft.token, user=draft.user, question=question, corrected_at__isnull=True
    ).first()
    if flag_answer is None or question not in draft.answers:
        return None
    with transaction.atomic():
        FlagAnswer.objects.filter(
            draft_token=draft.token, question=question, corrected_at__isnull=True
        ).update(corrected_at=now)
        answers = {k: v for k, v in draft.answers.items() if k != question}
        ScreeningDraft.objects.filter(pk=draft.pk).update(answers=answers)
    return flag_answer


def step_of(question: str) -> int:
    for number, topic in enumerate(TOPICS, start=1):
        if any(q.key == question for q in topic.questions):
            return number
    return 1


def fixed_questions(draft: ScreeningDraft) -> frozenset[str]:
    """Questions not asked again in their topic: answered in the first step, or red flags
    given in this draft (taken back only with "I answered this by mistake")."""
    recalled = {k for k in draft.recall_answers if k in QUESTIONS}
    flagged = {f.question for f in _open_flag_answers(draft)}
    return frozenset((recalled | flagged) & set(draft.answers))


def fixed_in(draft: ScreeningDraft, topic: Topic) -> list[dict[str, str]]:
    fixed = fixed_questions(draft)
    return [
        {"key": q.key, "text": q.text, "answer": q.label_for(draft.answers[q.key])}
        for q in topic.questions
        if q.key in fixed
    ]


def get_help(draft: ScreeningDraft, country: Country) -> dict[str, Any]:
    """Emergency or urgent answers so far: what to do now, before the rest."""
    fired = [f for f in flags_so_far(draft.answers) if f.tier <= Tier.URGENT]
    if not fired:
        return {"get_help": "", "get_help_headline": "", "get_help_steps": (), "mistakes": []}
    tier = fired[0].tier
    questions = {t.question for f in fired for t in f.triggers if t.question in QUESTIONS}
    return {
        "get_help": tier.name.lower(),
        "get_help_headline": TIER_HEADLINES[tier],
        "get_help_steps": action_steps(tier, tuple(fired), country),
        "ended": tier == Tier.EMERGENCY,
        "mistakes": [
            {"key": key, "text": QUESTIONS[key].text}
            for key in QUESTIONS
            if key in questions and key in draft.answers
        ],
    }


def _symptom_for(question: str, answer: str) -> str:
    """Plain words for an earlier answer: the symptom of the flag it fired, if one."""
    for flag in _single_question_flags(question):
        if any(answer in t.answers for t in flag.triggers):
            return flag.symptom
    return ""


def _single_question_flags(question: str) -> list[RedFlag]:
    return [f for f in RED_FLAGS if len(f.triggers) == 1 and f.triggers[0].question == question]


def recall_items(draft: ScreeningDraft) -> list[dict[str, Any]]:
    items = []
    for recall in draft.recalls:
        question = QUESTIONS.get(recall["question"])
        if question is None:
            continue
        items.append(
            {
                "key": question.key,
                "at": datetime.fromisoformat(recall["at"]),
                "symptom": _symptom_for(question.key, recall["answer"]),
                "question": question.text,
                "answer": question.label_for(recall["answer"]),
            }
        )
    return items


def save_recall(draft: ScreeningDraft, cleaned: dict[str, Any]) -> dict[str, str]:
    """Answers to the first step: a sign still there keeps its answer; one gone is "no".

    Returns the answers kept because the sign is still there."""
    answers = dict(draft.answers)
    recall_answers: dict[str, Any] = {}
    for recall in draft.recalls:
        key = recall["question"]
        if key not in QUESTIONS or f"still_{key}" not in cleaned:
            continue
        still = cleaned[f"still_{key}"] == "yes"
        recall_answers[key] = {"still": still, "reason": "" if still else cleaned[f"why_{key}"]}
        answers[key] = recall["answer"] if still else _unremarkable(key)
    if draft.stop_id is not None:
        recall_answers["stop"] = cleaned["stop_settled"]
    draft.answers = answers
    draft.recall_answers = recall_answers
    ScreeningDraft.objects.filter(pk=draft.pk).update(
        answers=answers, recall_answers=recall_answers
    )
    return {k: answers[k] for k, v in recall_answers.items() if k in QUESTIONS and v["still"]}


def _unremarkable(key: str) -> str:
    values = [c.value for c in QUESTIONS[key].choices]
    return next((v for v in values if v in UNREMARKABLE), values[-1])


def audit_result(request: HttpRequest, screening: Screening) -> None:
    """Every safety decision shown is in the audit log, without its health values."""
    record(request, AuditEvent.Action.RESULT_SHOWN, obj=screening)
    if screening.tier_enum <= Tier.URGENT:
        record(request, AuditEvent.Action.ALARM_ADVICE, obj=screening)
    for change in screening.answer_changes.all():
        record(request, AuditEvent.Action.ANSWER_CHANGED, obj=change)
