"""Guided sessions under concurrent requests: 20 identical answers to one step, at once.

Each request runs in its own thread with its own database connection. An
answer is stored only while the session row still holds what the answer read
(Session.store): the first one moves the session on, and the others, whether
they read the row before or after it moved, change nothing.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from tests.tracking.session_builders import at_step, start_session, url
from tracking.models import Session, SessionStep

COPIES = 20


def _post_at_once(alice, running, answers: list[dict[str, object]]) -> list[int]:
    """POST each answer from its own thread, all at once; their statuses."""
    first = Client()
    first.force_login(alice)
    clients = [first] + [Client() for _ in answers[1:]]
    for other in clients[1:]:
        other.cookies = first.cookies  # the same person, the same login
    start = threading.Barrier(len(answers))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def post(client: Client, data: dict[str, object]) -> None:
        try:
            start.wait()
            response = client.post(url(running), data)
            statuses.append(response.status_code)
        except BaseException as error:  # reported below, with the thread's own trace
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection: give it back

    threads = [
        threading.Thread(target=post, args=(client, data))
        for client, data in zip(clients, answers, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    return statuses


@pytest.mark.django_db(transaction=True)
def test_it_records_a_step_once_under_20_identical_concurrent_posts(alice, make_screening):
    make_screening(alice)
    running = at_step(start_session(alice), 1)
    statuses = _post_at_once(alice, running, [{"position": 1, "action": "done"}] * COPIES)
    assert statuses == [302] * COPIES  # every one answered, none failed
    running.refresh_from_db()
    assert running.position == 2  # moved on once, not 20 times
    steps = SessionStep.objects.filter(session=running)
    assert list(steps.values_list("number", "outcome")) == [(1, "done")]
    assert Session.objects.filter(user=alice).count() == 1


@pytest.mark.django_db(transaction=True)
def test_of_done_and_pause_sent_at_once_one_wins_whole(alice, make_screening):
    """Two different answers to one screen: the session takes exactly one of them,
    never the step of one and the pause of the other."""
    make_screening(alice)
    running = at_step(start_session(alice), 1)
    answers = [{"position": 1, "action": ("done", "pause")[i % 2]} for i in range(COPIES)]
    assert _post_at_once(alice, running, answers) == [302] * COPIES
    running.refresh_from_db()
    steps = list(SessionStep.objects.filter(session=running).values_list("number", flat=True))
    done = (running.position, running.paused_at, steps) == (2, None, [1])
    paused = running.position == 1 and running.paused_at is not None and steps == []
    assert done != paused  # one of the two, whole
