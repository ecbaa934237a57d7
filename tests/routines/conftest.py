from __future__ import annotations

import pytest

from tests.routines import providers


@pytest.fixture
def crafted_history(monkeypatch):
    """Today, Why and a session's start read histories from `providers.HISTORIES`."""
    monkeypatch.setattr("tracking.today_views.history_for", providers.history_for)
    monkeypatch.setattr("tracking.session_views.history_for", providers.history_for)
    monkeypatch.setattr("tracking.session_screens.history_for", providers.history_for)
    providers.HISTORIES.clear()
    yield providers.HISTORIES
    providers.HISTORIES.clear()


@pytest.fixture
def reader(client_alice, screened):
    """Alice, signed in with a current clear safety check: the library is open to her."""
    return client_alice
