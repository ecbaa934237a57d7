"""Hold screens show the library card copied at the start; an answer reads its session once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routines.models import Stretch
from tests.tracking.session_builders import HOLDS, answer, at_step, url
from tracking.models import DataVersion, Session

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def started(client_alice, screened, alice, today_calls) -> Session:
    client_alice.post(reverse("tracking:session-start"))
    return Session.objects.get(user=alice)


def test_it_copies_each_stretch_card_at_the_start(started) -> None:
    assert set(started.cards) == {"single-knee-to-chest", "pelvic-tilt"}
    card = started.cards["pelvic-tilt"]
    assert card["steps"] and card["breathing_cue"]


def test_an_answer_reads_no_library_rows(client_alice, started) -> None:
    answer(client_alice, started, 0, "pain", pain=4)
    with CaptureQueriesContext(connection) as queries:
        response = client_alice.post(url(started), {"position": 1, "action": "done"}, **HX)
    assert b"hold 2 of" in response.content
    assert not [q for q in queries.captured_queries if "routines_stretch" in q["sql"]]


def test_an_answer_reads_the_session_once(client_alice, started) -> None:
    answer(client_alice, started, 0, "pain", pain=4)
    with CaptureQueriesContext(connection) as queries:
        client_alice.post(url(started), {"position": 1, "action": "done"}, **HX)
    reads = [q for q in queries.captured_queries if 'FROM "tracking_session"' in q["sql"]]
    assert len(reads) == 1


def test_an_answer_makes_few_queries(client_alice, started, django_assert_num_queries) -> None:
    answer(client_alice, started, 0, "pain", pain=4)
    # Session and user; one statement for the session row and the safety history
    # (results with clearances, and how many draft red-flag answers, records of
    # being seen and stops there are); then the new position and the step, one
    # statement on PostgreSQL (no transaction around it) and two on SQLite (no
    # UPDATE inside a WITH there).
    writes = ["WITH"] if connection.vendor == "postgresql" else ["UPDATE", "INSERT"]
    with django_assert_num_queries(3 + len(writes)) as captured:
        client_alice.post(url(started), {"position": 1, "action": "done"}, **HX)
    assert started.step_logs.get().number == 1
    assert [q["sql"].split()[0] for q in captured][2:] == ["SELECT", *writes]


def test_an_answer_stores_its_step_and_the_new_place_and_leaves_the_figures(
    client_alice, started, alice
) -> None:
    answer(client_alice, started, 0, "pain", pain=4)
    before = DataVersion.current(alice)
    answer(client_alice, started, 1, "done", held="3")  # of 20 s: cut short
    answer(client_alice, started, 2, "done", held="60")
    started.refresh_from_db()
    rows = started.step_logs.order_by("number")
    assert list(rows.values_list("number", "slug", "side", "reps", "outcome", "cut_short")) == [
        (1, "single-knee-to-chest", "left", 2, "done", True),
        (2, "single-knee-to-chest", "right", 2, "done", False),
    ]
    assert (started.position, started.asking, started.status) == (3, "", "in_progress")
    # The second answer's moment, stored once for the step and the session's place.
    assert rows[1].answered_at == started.last_activity_at == started.step_shown_at
    assert rows[0].answered_at < rows[1].answered_at
    assert DataVersion.current(alice) == before


def test_the_answer_that_ends_the_stretches_stores_its_step_and_moves_the_figures_once(
    client_alice, started, alice
) -> None:
    before = DataVersion.current(alice)
    answer(client_alice, at_step(started, HOLDS), HOLDS, "done", held="15")
    started.refresh_from_db()
    assert started.step_logs.get().slug == "pelvic-tilt"
    assert (started.position, started.status) == (HOLDS + 1, "completed")
    assert started.ended_at == started.last_activity_at
    assert DataVersion.current(alice) == before + 1


def test_a_running_session_keeps_its_card_when_an_editor_changes_it(client_alice, started) -> None:
    Stretch.objects.filter(slug="single-knee-to-chest").update(breathing_cue="Edited cue.")
    response = client_alice.get(url(at_step(started, 1)))
    assert b"Edited cue." not in response.content
    assert started.cards["single-knee-to-chest"]["breathing_cue"].encode() in response.content


def test_a_session_without_copied_cards_reads_the_library(client_alice, started) -> None:
    Session.objects.filter(pk=started.pk).update(cards={})
    cue = Stretch.objects.get(slug="pelvic-tilt").breathing_cue
    response = client_alice.get(url(at_step(started, HOLDS)))
    assert cue.encode() in response.content


def test_an_answer_to_another_persons_session_is_a_404(client, started, bob, make_screening):
    make_screening(bob)
    client.force_login(bob)
    assert answer(client, started, 0, "pain", pain=3).status_code == 404
    started.refresh_from_db()
    assert started.position == 0


def test_the_timer_carries_the_persons_sound_choices(client_alice, started, alice) -> None:
    from config.models import Profile

    Profile.objects.filter(user=alice).update(sounds="off", speech="on")
    content = client_alice.get(url(at_step(started, 1))).content.decode()
    assert 'data-sounds="off" data-speech="on"' in content


@pytest.mark.parametrize(("position", "swap"), [(1, {}), (1, HX), (0, {})])
def test_the_timer_numbers_are_never_localized(
    client_alice, started, settings, position, swap
) -> None:
    """The scripts read the hold in ms: "20,000" would be 20 to them. The pain
    screen carries a step screen to draw offline."""
    settings.USE_THOUSAND_SEPARATOR = True
    content = client_alice.get(url(at_step(started, position)), **swap).content.decode()
    assert 'data-hold-ms="20000" data-rest-ms="10000"' in content
    assert re.findall(r'data-[a-z-]+="\d+,\d', content) == []
