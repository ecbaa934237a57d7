"""A session started in high pain (7 or more before) becomes the gentle one, and says why."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from routines.models import StageDecision
from tests.tracking.session_builders import url
from tracking.models import Session

pytestmark = pytest.mark.django_db

# Stage 3 holds the one-leg stretch 45 s and adds the figure-four; the gentle plan
# holds it 15 s, with nothing else from the knee-to-chest family.
STAGE_3 = [
    ("single-knee-to-chest", "left", 45),
    ("single-knee-to-chest", "right", 45),
    ("figure-four-stretch", "left", 30),
    ("figure-four-stretch", "right", 30),
    ("childs-pose", "both", 30),
    ("bird-dog", "left", 8),
    ("bird-dog", "right", 8),
]
GENTLE = [
    ("single-knee-to-chest", "left", 15),
    ("single-knee-to-chest", "right", 15),
    ("cat-cow", "both", 30),
    ("pelvic-tilt", "both", 5),
]
WHY = "Your pain is {} out of 10, so this session is the gentle one"


@pytest.fixture
def at_stage_3(alice, screened):
    day = timezone.localdate() - timedelta(days=3)
    StageDecision.objects.create(
        user=alice, day=day, from_stage=2, to_stage=3, action="advance", reasons=[], since=day
    )


def started(client, alice) -> Session:
    client.post(reverse("tracking:session-start"))
    return Session.objects.get(user=alice)


def plan_of(session: Session) -> list[tuple[str, str, int]]:
    session.refresh_from_db()
    return [(s["slug"], s["side"], s["hold_seconds"]) for s in session.plan]


@pytest.mark.parametrize(("pain", "plan", "eased"), [(6, STAGE_3, False), (7, GENTLE, True)])
def test_pain_of_7_before_makes_the_session_gentle(
    client_alice, alice, at_stage_3, pain, plan, eased
):
    session = started(client_alice, alice)
    assert plan_of(session) == STAGE_3
    client_alice.post(url(session), {"position": 0, "action": "pain", "pain": pain})
    assert plan_of(session) == plan
    body = client_alice.get(url(session)).content.decode()
    assert (WHY.format(pain) in body) is eased
    assert re.search(rf"Hold (<span[^>]*>)?1(</span>)? of {len(plan)}<", body)


def test_the_why_is_on_the_first_stretch_only(client_alice, alice, at_stage_3):
    session = started(client_alice, alice)
    client_alice.post(url(session), {"position": 0, "action": "pain", "pain": 8})
    client_alice.post(url(session), {"position": 1, "action": "done", "held": "15"})
    assert WHY.format(8) not in client_alice.get(url(session)).content.decode()


def test_a_repeated_pain_answer_does_not_ease_a_session_twice(client_alice, alice, at_stage_3):
    session = started(client_alice, alice)
    client_alice.post(url(session), {"position": 0, "action": "pain", "pain": 5})
    client_alice.post(url(session), {"position": 0, "action": "pain", "pain": 9})  # a replay
    assert plan_of(session) == STAGE_3
