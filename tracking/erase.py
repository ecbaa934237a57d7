"""Erase a person's whole history, for "Delete my data" and for re-seeding the demo account."""

from __future__ import annotations

from typing import Any

from routines.models import StageDecision
from screening.models import (
    AssessmentRecord,
    FlagAnswer,
    SafetyStop,
    Screening,
    ScreeningDraft,
)
from tracking.models import PainLog, PegCheckin, Session, ShareLink, WalkLog


def erase_history(user: Any) -> None:
    """Every log, session, check-in, share link, safety check and stage decision of ``user``.

    The account itself stays. Call inside a transaction: it is all or nothing.
    """
    # Sessions cascade to their steps, stop signals, after-effect answers and
    # before/after logs.
    Session.objects.filter(user=user).delete()
    PainLog.objects.for_user(user).delete()
    PegCheckin.objects.for_user(user).delete()
    WalkLog.objects.filter(user=user).delete()
    ShareLink.objects.for_user(user).delete()
    # Clearances and changed answers cascade with their screening.
    Screening.objects.for_user(user).delete()
    ScreeningDraft.objects.filter(user=user).delete()
    FlagAnswer.objects.filter(user=user).delete()
    AssessmentRecord.objects.filter(user=user).delete()
    SafetyStop.objects.filter(user=user).delete()
    # Stage decisions were read from the erased history: start again at stage 1.
    StageDecision.objects.filter(user=user).delete()
