"""A person's safety standing: may they stretch now, and if not, why and what next.

Pure Python, no Django. The standing is decided from the person's whole
safety history, never from the latest form alone:

* An emergency or urgent answer stands, whether it was in a finished check or
  only given in a draft. A newer check does not replace it. It ends when the
  person records that they have been assessed (seen on or after the day of
  the answer), or, when nothing is recorded, after ``COOL_DOWN``, when a new
  check may be taken.
* A clinician-tier result blocks until each of its clinician flags is covered
  by a clearance. A clearance lasts as long as the flag says: until a date
  counted from the clearance's own date, or, for stable features, for as long
  as every later check still gives the same flag (the answers did not change).
* A stop in a session for symptoms ends stretching for that local day; the
  next check begins with a question about it. A cramp asks for a rest.
* A result counts for ``RESULT_VALID_FOR``; then the person is asked again.
* Positive answers from the last ``RECALL_FOR`` are shown again at the start
  of a new check, and a change from "yes" to "no" needs a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from screening.rules import AGE_BAND, CLEARANCE_DAYS, Caution, Tier, flag_by_code

# Sources: NHS 111 and NICE CKS low back pain (re-assess within 24 hours if red
# flags were not acted on); PRODUCT.md safety standing (30-day expiry).
COOL_DOWN = timedelta(hours=24)
RESULT_VALID_FOR = timedelta(days=30)
# Earlier "yes" answers are shown again for as long as a result counts.
RECALL_FOR = RESULT_VALID_FOR
# A cramp or spasm: rest, then carry on (source: articles A and D, stop signs).
CRAMP_REST = timedelta(minutes=30)
# Answers that change by themselves over time are not asked back.
NOT_RECALLED = frozenset({AGE_BAND, "age", "pain_start"})


class State(StrEnum):
    GO = "go"
    GO_WITH_CAUTIONS = "go-with-cautions"
    CHECK = "check"  # answer the safety questions first
    WAIT = "wait"  # rest for now: after a stop, until a set time
    BLOCKED = "blocked"  # get care first


class Next(StrEnum):
    """What the person must do next, as a code the pages turn into a button."""

    NOTHING = "nothing"
    ANSWER = "answer"  # take the safety check
    GET_HELP = "get-help"  # get care now, then record the assessment
    SEE_CLINICIAN = "see-clinician"  # see a GP or physio, then record the clearance
    REST = "rest"  # wait until `until`


class StopKind(StrEnum):
    SYMPTOM = "symptom"  # sharp or shooting pain, numbness getting worse: done for today
    EMERGENCY = "emergency"  # faint, chest pain, breathless, pregnancy warning signs
    CRAMP = "cramp"  # rest 30 minutes


@dataclass(frozen=True, slots=True)
class Result:
    id: int
    at: datetime
    tier: Tier
    flags: frozenset[str]
    cautions: frozenset[Caution] = frozenset()
    answers: tuple[tuple[str, str], ...] = ()  # (question, answer) pairs, as stored


@dataclass(frozen=True, slots=True)
class DraftAnswer:
    """An emergency or urgent answer given in an unfinished check."""

    at: datetime
    question: str
    answer: str
    tier: Tier
    flags: frozenset[str]
    corrected_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Assessment:
    at: datetime  # when it was recorded
    seen_on: date


@dataclass(frozen=True, slots=True)
class Clearance:
    result_id: int
    flags: frozenset[str]
    cleared_on: date


@dataclass(frozen=True, slots=True)
class Stop:
    at: datetime
    day: date  # the person's local day of the stop
    kind: StopKind
    label: str = ""  # what happened, in words: "sharp or shooting pain"
    id: int | None = None


@dataclass(frozen=True, slots=True)
class History:
    results: tuple[Result, ...] = ()
    drafts: tuple[DraftAnswer, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    clearances: tuple[Clearance, ...] = ()
    stops: tuple[Stop, ...] = ()


@dataclass(frozen=True, slots=True)
class Recall:
    """An earlier positive answer that a new check must show first."""

    question: str
    answer: str
    at: datetime


@dataclass(frozen=True, slots=True)
class Standing:
    state: State
    next: Next
    reason: str
    tier: Tier | None = None  # the deciding tier when blocked by an answer
    flags: tuple[str, ...] = ()  # the flags that decide
    result_id: int | None = None  # the result that decides, if any
    cautions: frozenset[Caution] = frozenset()
    until: datetime | None = None  # when a wait ends, or when the result expires
    recalls: tuple[Recall, ...] = ()
    stop: Stop | None = None  # a stop the next check asks about first
    since: datetime | None = None  # when the deciding answer was given

    @property
    def cleared(self) -> bool:
        """Going ahead although the result gave flags (cleared or seen since)."""
        return self.may_stretch and bool(self.flags)

    @property
    def may_stretch(self) -> bool:
        return self.state in (State.GO, State.GO_WITH_CAUTIONS)

    @property
    def stopped(self) -> bool:
        """Stopped by an answer or a stop, as opposed to having to answer again."""
        return self.state in (State.BLOCKED, State.WAIT)

    @property
    def alarm(self) -> bool:
        """A live emergency or urgent standing: every page carries the banner."""
        return self.state is State.BLOCKED and self.tier in (Tier.EMERGENCY, Tier.URGENT)

    @property
    def may_recheck(self) -> bool:
        """May a new check be taken now? Not while an alarm or a wait stands."""
        return self.state not in (State.WAIT,) and not self.alarm


@dataclass(frozen=True, slots=True)
class _Alarm:
    at: datetime
    tier: Tier
    flags: frozenset[str]
    result_id: int | None = None


def _alarms(history: History) -> list[_Alarm]:
    found = [_Alarm(r.at, r.tier, r.flags, r.id) for r in history.results if r.tier <= Tier.URGENT]
    found += [
        _Alarm(d.at, d.tier, d.flags)
        for d in history.drafts
        if d.corrected_at is None and d.tier <= Tier.URGENT
    ]
    return found


def _assessed(at: datetime, assessments: Iterable[Assessment]) -> bool:
    """Was the person seen for an answer given at `at`, and did they record it after?"""
    return any(a.seen_on >= at.date() and a.at >= at for a in assessments)


def _live_alarm(history: History, now: datetime) -> Standing | None:
    live = [
        a
        for a in _alarms(history)
        if a.at <= now < a.at + COOL_DOWN and not _assessed(a.at, history.assessments)
    ]
    if not live:
        return None
    worst = min(live, key=lambda a: (a.tier, -a.at.timestamp()))
    flags = frozenset().union(*(a.flags for a in live if a.tier == worst.tier))
    return Standing(
        state=State.BLOCKED,
        next=Next.GET_HELP,
        reason=(
            "You told us about a sign that needs care now. Get help first, then record "
            "that you have been seen."
        ),
        tier=worst.tier,
        flags=tuple(sorted(flags)),
        result_id=worst.result_id,
        until=max(a.at for a in live) + COOL_DOWN,
        since=worst.at,
    )


def _stop_standing(stop: Stop, history: History, now: datetime, today: date) -> Standing | None:
    if stop.kind is StopKind.EMERGENCY:
        if _assessed(stop.at, history.assessments):
            return None
        return Standing(
            state=State.BLOCKED,
            next=Next.GET_HELP,
            reason=f"You stopped a session because of {stop.label or 'a warning sign'}. "
            "Get checked first, then record that you have been seen.",
            tier=Tier.EMERGENCY,
            stop=stop,
            since=stop.at,
        )
    if stop.kind is StopKind.CRAMP:
        if now < stop.at + CRAMP_REST:
            return Standing(
                state=State.WAIT,
                next=Next.REST,
                reason="Rest for 30 minutes after a cramp or spasm, then you can carry on.",
                until=stop.at + CRAMP_REST,
                stop=stop,
                since=stop.at,
            )
        return None
    if today <= stop.day:
        return Standing(
            state=State.WAIT,
            next=Next.REST,
            reason=f"You stopped a session today because of {stop.label or 'your symptoms'}. "
            "No more stretching today. Tomorrow we will ask how it is.",
            stop=stop,
            since=stop.at,
        )
    return None


def _clearance_days(code: str) -> int | None:
    """How long a clearance of this flag lasts; a flag from older rules, no longer
    in the table, gets the usual time-bound clearance."""
    flag = flag_by_code(code)
    return CLEARANCE_DAYS if flag is None else flag.clearance_days


def clearance_ends(flags: Iterable[str], cleared_on: date) -> date | None:
    """The first day a clearance no longer covers one of its flags; None if it lasts.

    Flags that last while the answers stay the same never end by date.
    """
    ends = [
        cleared_on + timedelta(days=days)
        for days in map(_clearance_days, flags)
        if days is not None
    ]
    return min(ends, default=None)


def _covered(code: str, result: Result, history: History, today: date) -> bool:
    """Does a clearance cover this clinician flag of `result` today?"""
    days = _clearance_days(code)
    by_id = {r.id: r for r in history.results}
    for clearance in history.clearances:
        cleared = by_id.get(clearance.result_id)
        if code not in clearance.flags or cleared is None or cleared.at > result.at:
            continue
        if clearance.cleared_on > today:
            continue
        if days is not None:
            if today < clearance.cleared_on + timedelta(days=days):
                return True
            continue
        # Lasts while the answers stay the same: every check since gave this flag.
        between = (r for r in history.results if cleared.at <= r.at <= result.at)
        if all(code in r.flags for r in between):
            return True
    return False


def _recalls(history: History, now: datetime) -> tuple[Recall, ...]:
    """Positive answers from the last ``RECALL_FOR`` whose latest record is still positive."""
    latest: dict[str, tuple[datetime, str, bool]] = {}
    since = now - RECALL_FOR
    records: list[tuple[datetime, str, str, bool]] = []
    for result in history.results:
        positive = _positive_questions(result.flags)
        for question, answer in result.answers:
            records.append((result.at, question, answer, question in positive))
    for draft in history.drafts:
        if draft.corrected_at is None:
            records.append((draft.at, draft.question, draft.answer, True))
    for at, question, answer, positive in sorted(records, key=lambda r: r[0]):
        if question in NOT_RECALLED or at < since or at > now:
            continue
        latest[question] = (at, answer, positive)
    return tuple(
        Recall(question, answer, at)
        for question, (at, answer, positive) in sorted(latest.items(), key=lambda i: i[1][0])
        if positive
    )


def _positive_questions(flags: Iterable[str]) -> frozenset[str]:
    questions: set[str] = set()
    for code in flags:
        flag = flag_by_code(code)
        if flag is not None:
            questions.update(t.question for t in flag.triggers)
    return frozenset(questions)


def decide(history: History, *, now: datetime, today: date) -> Standing:
    """The standing now. `today` is the person's local date at `now`."""
    recalls = _recalls(history, now)
    alarm = _live_alarm(history, now)
    if alarm is not None:
        return alarm
    results = sorted(history.results, key=lambda r: r.at)
    stops = sorted((s for s in history.stops if s.at <= now), key=lambda s: s.at)
    last_stop = stops[-1] if stops else None
    current = results[-1] if results else None
    if last_stop is not None and (current is None or last_stop.at > current.at):
        waiting = _stop_standing(last_stop, history, now, today)
        if waiting is not None:
            return waiting
        if last_stop.kind is not StopKind.CRAMP:
            current = None  # a symptom stop asks again before the next session
    if current is not None and now >= current.at + RESULT_VALID_FOR:
        current = None
    if current is not None and _unseen_alarm_since(current, history):
        # An emergency or urgent answer cooled down without a record of being
        # seen: a new check is needed, which asks about it first.
        current = None
    if current is None:
        return _check(history, recalls, last_stop)
    return _from_result(current, history, today, recalls)


def _unseen_alarm_since(current: Result, history: History) -> bool:
    """Was an unseen alarm live when this result was made, or given after it?

    A check answered during an alarm's cool-down never speaks for the person.
    """
    return any(
        a.at + COOL_DOWN > current.at and not _assessed(a.at, history.assessments)
        for a in _alarms(history)
    )


def _check(history: History, recalls: tuple[Recall, ...], stop: Stop | None) -> Standing:
    if stop is not None and stop.kind is StopKind.SYMPTOM:
        reason = (
            f"You stopped a session because of {stop.label or 'your symptoms'}. "
            "Answer the safety questions again before your next session."
        )
    elif history.results:
        reason = "Your last safety check no longer counts. Answer the questions again."
    else:
        reason = "Answer the safety questions before you start."
    ask_about = stop if stop is not None and stop.kind is StopKind.SYMPTOM else None
    return Standing(
        state=State.CHECK, next=Next.ANSWER, reason=reason, recalls=recalls, stop=ask_about
    )


def _from_result(
    result: Result, history: History, today: date, recalls: tuple[Recall, ...]
) -> Standing:
    until = result.at + RESULT_VALID_FOR
    # Emergency and urgent flags here were assessed (else the alarm would stand).
    open_flags = tuple(
        sorted(
            code
            for code in result.flags
            if _tier_of(code) == Tier.CLINICIAN and not _covered(code, result, history, today)
        )
    )
    if open_flags:
        return Standing(
            state=State.BLOCKED,
            next=Next.SEE_CLINICIAN,
            reason="Once they have seen you, record what they told you.",
            tier=Tier.CLINICIAN,
            flags=open_flags,
            result_id=result.id,
            until=until,
            recalls=recalls,
            since=result.at,
        )
    state = State.GO_WITH_CAUTIONS if result.cautions else State.GO
    return Standing(
        state=state,
        next=Next.NOTHING,
        reason="You can start your stretching plan."
        if state is State.GO
        else "You can start your stretching plan, with some changes.",
        tier=Tier.CAUTION if result.cautions else Tier.CLEAR,
        flags=tuple(sorted(result.flags)),
        result_id=result.id,
        cautions=result.cautions,
        until=until,
        recalls=recalls,
        since=result.at,
    )


def _tier_of(code: str) -> Tier:
    flag = flag_by_code(code)
    return Tier.CLINICIAN if flag is None else flag.tier
