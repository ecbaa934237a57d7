"""Guided sessions under concurrent requests: 20 identical answers to one step, at once.

Each request runs in its own thread with its own database connection. The
session row is locked for the answer (SELECT ... FOR UPDATE on PostgreSQL; on
SQLite, IMMEDIATE transactions and the busy timeout make writers take turns),
so the first answer moves the session on and the other 19 see the new
position and change nothing.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from tests.tracking.session_builders import at_step, start_session, url
from tracking.models import Session, SessionStep

COPIES = 20


@pytest.mark.django_db(transaction=True)
def test_it_records_a_step_once_under_20_identical_concurrent_posts(alice, make_screening):
    make_screening(alice)
    running = at_step(start_session(alice), 1)
    first = Client()
    first.force_login(alice)
    clients = [first] + [Client() for _ in range(COPIES - 1)]
    for other in clients[1:]:
        other.cookies = first.cookies  # the same person, the same login
    start = threading.Barrier(COPIES)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def post(client: Client) -> None:
        try:
            start.wait()
            response = client.post(url(running), {"position": 1, "action": "done"})
            statuses.append(response.status_code)
        except BaseException as error:  # reported below, with the thread's own trace
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection: give it back

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert statuses == [302] * COPIES  # every one answered, none failed
    running.refresh_from_db()
    assert running.position == 2  # moved on once, not 20 times
    steps = SessionStep.objects.filter(session=running)
    assert list(steps.values_list("number", "outcome")) == [(1, "done")]
    assert Session.objects.filter(user=alice).count() == 1
