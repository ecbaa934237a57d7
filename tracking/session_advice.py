"""What a person is told in a session, and what a stop does.

Pure Python like the state machine in ``tracking.session_flow``: no Django,
no clock. Each piece of stop advice and each stop rule carries the source it
rests on. ``STOP_RULES`` is the one table of what each stop reason does to
the safety standing (through ``screening.records.record_stop``) and to the
next session.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from screening.standing import StopKind
from tracking.session_flow import StopReason


def describe_change(before: int | None, after: int | None) -> str:
    """Before -> after in plain words."""
    if before is None or after is None:
        return "We do not have both pain scores for this session."
    diff = after - before
    if diff == 0:
        return f"Your pain stayed the same, at {after} out of 10."
    points = "point" if abs(diff) == 1 else "points"
    if diff < 0:
        return f"Your pain went down by {-diff} {points}, from {before} to {after}."
    return f"Your pain went up by {diff} {points}, from {before} to {after}."


def describe_duration(seconds: float) -> str:
    """A short, readable length of time: "45 seconds", "6 minutes 20 seconds"."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour" + ("" if hours == 1 else "s"))
    if minutes:
        parts.append(f"{minutes} minute" + ("" if minutes == 1 else "s"))
    if secs or not parts:
        parts.append(f"{secs} second" + ("" if secs == 1 else "s"))
    return " ".join(parts)


def clock(seconds: float) -> str:
    """A time as a clock reads it: "9:57", "0:05", "1:02:03"."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def describe_minutes(seconds: float) -> str:
    """Time spent, to the minute: "about 12 minutes", "less than a minute"."""
    minutes = round(max(0, seconds) / 60)
    if minutes == 0:
        return "less than a minute"
    return f"about {minutes} minute" + ("" if minutes == 1 else "s")


def describe_holds(done: int, cut_short: int, skipped: int) -> str:
    """Holds done (cut short ones among them), and skipped, said kindly."""
    parts = [f"{done} done"]
    if skipped:
        parts.append(f"{skipped} skipped")
    words = ", ".join(parts) + "."
    if cut_short:
        held = "hold was" if cut_short == 1 else "holds were"
        words += (
            f" {cut_short} {held} cut short. That is fine: next time, hold as long as "
            "feels comfortable, even if it is less than the full time."
        )
    return words


# --- what a stop does ------------------------------------------------------------


class NextSession(StrEnum):
    """What the person may do next, after a stop, on the same day or the next."""

    CARRY_ON = "carry-on"  # no signal: resume the session (the same day)
    AS_USUAL = "as-usual"  # a new session as usual, no new safety check
    AFTER_REST = "after-rest"  # rest 30 minutes, then resume or start again
    NOT_TODAY = "not-today"  # no more stretching today
    CHECK_FIRST = "check-first"  # the safety check first, asking whether it settled
    AFTER_ASSESSMENT = "after-assessment"  # get help; blocked until seen


@dataclass(frozen=True)
class StopRule:
    kind: StopKind | None  # written into the safety standing; None: a pause, not a stop
    same_day: NextSession
    next_day: NextSession
    label: str  # words for the standing: "You stopped a session because of ..."
    source: str

    def next_session(self, *, same_day: bool) -> NextSession:
        return self.same_day if same_day else self.next_day


_SYMPTOM = "PRODUCT.md guided sessions: sharp pain or worsening numbness, rest until the next day"
_EMERGENCY = "PRODUCT.md guided sessions: faint, chest pain, breathless, pregnancy warning signs"


def _symptom(label: str) -> StopRule:
    return StopRule(
        StopKind.SYMPTOM, NextSession.NOT_TODAY, NextSession.CHECK_FIRST, label, _SYMPTOM
    )


STOP_RULES: dict[StopReason, StopRule] = {
    StopReason.SHARP_PAIN: _symptom("sharp or shooting pain"),
    StopReason.NUMBNESS: _symptom("numbness or tingling getting worse"),
    StopReason.UNSAID: _symptom("your symptoms"),
    # "Something else" that was about how the body felt is a symptom stop.
    StopReason.OTHER: _symptom("how your body felt"),
    StopReason.CRAMP: StopRule(
        StopKind.CRAMP,
        NextSession.AFTER_REST,
        NextSession.AS_USUAL,
        "cramp or spasm",
        "articles A and D: rest after a cramp or spasm, then carry on gently",
    ),
    StopReason.FAINT: StopRule(
        StopKind.EMERGENCY,
        NextSession.AFTER_ASSESSMENT,
        NextSession.AFTER_ASSESSMENT,
        "feeling faint or dizzy, chest pain or breathlessness",
        _EMERGENCY,
    ),
    StopReason.PREGNANCY: StopRule(
        StopKind.EMERGENCY,
        NextSession.AFTER_ASSESSMENT,
        NextSession.AFTER_ASSESSMENT,
        "a pregnancy warning sign",
        _EMERGENCY + " (ACOG Committee Opinion 804: warning signs to stop exercising)",
    ),
}
# "Something else" that was not about the body (the phone rang): a pause, no signal.
NOT_A_STOP = StopRule(
    None,
    NextSession.CARRY_ON,
    NextSession.AS_USUAL,
    "",
    "issue: pause is for life, stop is for symptoms",
)


# What the next session looks like, said once on the screen after a stop.
NEXT_WORDS: dict[NextSession, str] = {
    NextSession.CARRY_ON: "Your session is paused. You can carry on later today.",
    NextSession.AS_USUAL: "You can start your next session as usual.",
    NextSession.AFTER_REST: (
        "Rest for 30 minutes. After that you may start a new session if you feel well, "
        "with no new safety check."
    ),
    NextSession.NOT_TODAY: (
        "No more stretching today. Before your next session, Limber will ask whether it "
        "has settled."
    ),
    NextSession.CHECK_FIRST: ("Before your next session, Limber will ask whether it has settled."),
    NextSession.AFTER_ASSESSMENT: (
        "Stretching stays closed until you record that you have been checked."
    ),
}


def stop_rule(reason: StopReason, *, pregnant: bool, about_body: bool = True) -> StopRule | None:
    """What a stop for ``reason`` does; None when the reason is not offered to this person."""
    if reason is StopReason.PREGNANCY and not pregnant:
        return None
    if reason is StopReason.OTHER and not about_body:
        return NOT_A_STOP
    return STOP_RULES[reason]


def stop_reasons(*, pregnant: bool) -> tuple[StopReason, ...]:
    """The reasons offered on the stop screen, in order ("not said" is the empty answer)."""
    return tuple(
        r
        for r in StopReason
        if r is not StopReason.UNSAID and stop_rule(r, pregnant=pregnant) is not None
    )


@dataclass(frozen=True)
class StopAdvice:
    """What the person is told after stopping for one reason."""

    reason: StopReason
    label: str  # the choice on the "why are you stopping?" screen
    now: tuple[str, ...]  # what to do now
    # When to see someone. The emergency signs and number follow on the
    # warning card, in the person's own country (templates/screening/_warning_card.html).
    get_help: tuple[str, ...]
    source: str
    # Who to call now, if anyone: "emergency" (the person's own emergency
    # number) or "maternity" (their maternity unit).
    call: str = ""


_SEE_SOMEONE = (
    "If it does not settle within a day, or it keeps coming back, see a GP or "
    "physio before you stretch again."
)

STOP_ADVICE: dict[StopReason, StopAdvice] = {
    StopReason.SHARP_PAIN: StopAdvice(
        StopReason.SHARP_PAIN,
        "Sharp or shooting pain",
        (
            "Stop stretching for today.",
            "Let go of the stretch slowly and lie or sit in the position that feels easiest.",
            "Breathe slowly. Gentle walking later in the day is fine if it feels good.",
        ),
        (_SEE_SOMEONE,),
        source="knee-to-chest guides: stop if pain becomes sharp or shoots down the leg",
    ),
    StopReason.NUMBNESS: StopAdvice(
        StopReason.NUMBNESS,
        "Numbness or tingling getting worse or spreading",
        (
            "Stop stretching for today.",
            "Let go of the stretch slowly and rest in a position that takes the pressure off.",
            "Notice where the numbness or tingling is, so you can describe it if you need help.",
        ),
        (_SEE_SOMEONE,),
        source="knee-to-chest guides: worsening numbness or tingling is a reason to stop",
    ),
    StopReason.CRAMP: StopAdvice(
        StopReason.CRAMP,
        "Cramp or spasm",
        (
            "Let go of the stretch and straighten the leg slowly.",
            "Lie still and breathe slowly until the cramp eases. Have a drink of water.",
            "Rest for 30 minutes. After that you may carry on if you feel well.",
        ),
        (
            "If cramps or spasms come back in every session, ask a GP or physio "
            "before you stretch again.",
        ),
        source="knee-to-chest guides: move slowly and back off if the muscles tighten",
    ),
    StopReason.FAINT: StopAdvice(
        StopReason.FAINT,
        "Feeling faint or dizzy, chest pain or breathlessness",
        (
            "Chest pain, struggling to breathe, or feeling you may pass out: call for an "
            "ambulance now.",
            "Otherwise sit or lie down where you cannot fall, and do not stand up quickly.",
            "Do not stretch again until you have been checked.",
        ),
        (
            "If the dizziness passes quickly, still see a GP or physio before you stretch "
            "again, and record that you have been seen.",
        ),
        source="NHS: chest pain or sudden breathlessness needs emergency help",
        call="emergency",
    ),
    StopReason.PREGNANCY: StopAdvice(
        StopReason.PREGNANCY,
        "Bleeding, fluid leaking, contractions, calf pain or swelling",
        (
            "Contact your maternity unit now and tell them what you noticed.",
            "Lie on your side or sit comfortably while you call.",
            "Do not stretch again until you have been checked.",
        ),
        (
            "Heavy bleeding, severe pain or chest pain: call for an ambulance. After you "
            "have been seen, your GP or physio can tell you when to stretch again.",
        ),
        source="ACOG Committee Opinion 804, exercise in pregnancy: warning signs to stop",
        call="maternity",
    ),
    StopReason.OTHER: StopAdvice(
        StopReason.OTHER,
        "Something else",
        (
            "Let go of the stretch slowly and rest.",
            "Do not carry on with this session today.",
        ),
        (_SEE_SOMEONE,),
        source="knee-to-chest guides: listen to your body and respect pain signals",
    ),
    StopReason.UNSAID: StopAdvice(
        StopReason.UNSAID,
        "No reason given",
        (
            "Let go of the stretch slowly and rest in the position that feels easiest.",
            "No more stretching today. Tomorrow Limber will ask how you are first.",
        ),
        (_SEE_SOMEONE,),
        source="knee-to-chest guides: listen to your body and respect pain signals",
    ),
}
