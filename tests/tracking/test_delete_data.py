"""Delete my data: everything the person logged, after their password."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from routines.models import StageDecision
from screening.models import Screening
from screening.rules import Tier
from tests.conftest import PASSWORD
from tests.screening.builders import make_screening
from tests.tracking.builders import make_log, make_session
from tracking.models import PainLog, PegCheckin, Session, ShareLink, StopSignal

pytestmark = pytest.mark.django_db

DELETE = reverse("tracking:data-delete")


def give_history(user) -> None:
    make_log(user, 5)
    session = make_session(user, at=timezone.now() - timedelta(hours=1))
    StopSignal.objects.create(
        session=session, reason="cramp", step_number=1, created_at=timezone.now()
    )
    PegCheckin.objects.create(user=user, pain=5, enjoyment=5, activity=5)
    ShareLink.create_for(user, timezone.now())
    make_screening(user, Tier.CLEAR)


def counts(user) -> tuple[int, ...]:
    return (
        PainLog.objects.filter(user=user).count(),
        Session.objects.filter(user=user).count(),
        PegCheckin.objects.filter(user=user).count(),
        ShareLink.objects.filter(user=user).count(),
        Screening.objects.filter(user=user).count(),
    )


def test_it_asks_for_the_password(client_alice) -> None:
    content = client_alice.get(DELETE).content.decode()
    assert "Your password" in content
    assert "Delete all my data" in content


def test_it_keeps_everything_with_a_wrong_password(client_alice, alice) -> None:
    give_history(alice)
    response = client_alice.post(DELETE, {"password": "wrong"})
    assert response.status_code == 200
    assert "That password is not right. Nothing was deleted." in response.content.decode()
    assert counts(alice) == (3, 1, 1, 1, 1)


def test_it_deletes_every_log_session_and_screening(client_alice, alice, bob) -> None:
    give_history(alice)
    give_history(bob)
    response = client_alice.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 302
    assert counts(alice) == (0, 0, 0, 0, 0)
    assert StopSignal.objects.filter(session__user=alice).count() == 0
    assert not StageDecision.objects.filter(user=alice).exists()
    assert counts(bob) == (3, 1, 1, 1, 1)
    alice.refresh_from_db()  # the account stays
