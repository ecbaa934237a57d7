from __future__ import annotations

import pytest

from routines import today
from tests.routines import providers


@pytest.fixture
def crafted_history():
    """Read histories from `providers.HISTORIES` (user pk -> History) instead of tracking."""
    registered = today.history_provider()
    today.set_history_source(providers.history_for)
    providers.HISTORIES.clear()
    yield providers.HISTORIES
    providers.HISTORIES.clear()
    today.set_history_source(registered)


@pytest.fixture
def reader(client_alice, screened):
    """Alice, signed in with a current clear safety check: the library is open to her."""
    return client_alice
