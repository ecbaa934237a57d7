"""The demo data command: development only, idempotent, a realistic story."""

import zoneinfo
from datetime import date, datetime, time

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from routines.models import StageDecision
from screening.gate import screening_status
from screening.models import ScreeningDraft
from tracking.management.commands.seed_demo import seed_history
from tracking.models import PainLog, PegCheckin, Session, StopSignal

pytestmark = pytest.mark.django_db


def test_it_refuses_when_debug_is_off(settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs in development"):
        call_command("seed_demo")
    assert not PainLog.objects.exists()


def test_it_builds_six_weeks_and_is_idempotent(settings, django_user_model, capsys) -> None:
    settings.DEBUG = True
    call_command("seed_demo")
    first = (PainLog.objects.count(), Session.objects.count(), PegCheckin.objects.count())
    call_command("seed_demo")
    again = (PainLog.objects.count(), Session.objects.count(), PegCheckin.objects.count())
    assert first == again
    assert django_user_model.objects.filter(username="demo").count() == 1
    assert "Username: demo" in capsys.readouterr().out
    demo = django_user_model.objects.get(username="demo")
    assert StopSignal.objects.filter(session__user=demo).count() == 1
    assert 60 <= Session.objects.filter(user=demo).count() <= 84
    assert 5 <= PegCheckin.objects.filter(user=demo).count() <= 6
    assert screening_status(demo, timezone.now()).allowed
    mornings = list(
        PainLog.objects.filter(user=demo, kind="morning")
        .order_by("logged_at")
        .values_list("pain", flat=True)
    )
    assert sum(mornings[:7]) / 7 >= 5
    assert sum(mornings[-7:]) / 7 <= 4


def test_it_starts_the_demo_afresh_after_it_was_tried(settings, django_user_model) -> None:
    """Trying the demo leaves a stage decision and a half-done safety check; both go."""
    settings.DEBUG = True
    call_command("seed_demo")
    demo = django_user_model.objects.get(username="demo")
    today = timezone.localdate()
    StageDecision.objects.create(
        user=demo, day=today, from_stage=2, to_stage=1, action="regress", since=today
    )
    ScreeningDraft.objects.create(user=demo, answers={"bladder": "no"})
    call_command("seed_demo")
    assert not StageDecision.objects.filter(user=demo).exists()
    assert not ScreeningDraft.objects.filter(user=demo).exists()


@pytest.mark.parametrize("clock", [time(4, 43), time(19, 59)])
def test_nothing_in_the_demo_is_dated_after_the_moment_it_is_made(django_user_model, clock) -> None:
    zone = zoneinfo.ZoneInfo("Europe/London")
    today = date(2026, 11, 30)
    now = datetime.combine(today, clock, tzinfo=zone)
    user = django_user_model.objects.create_user("demo")

    seed_history(user, today=today, now=now, zone=zone)

    assert not PegCheckin.objects.filter(checked_at__gt=now).exists()
    assert not PainLog.objects.filter(logged_at__gt=now).exists()
    assert not Session.objects.filter(started_at__gt=now).exists()
    # The week's check-in is due this evening, not already done.
    assert PegCheckin.objects.filter(user=user).count() == 5
