from __future__ import annotations

import pytest

from tests.routines import providers


@pytest.fixture
def crafted_history(settings):
    """Read histories from `providers.HISTORIES` (user pk -> History) instead of tracking."""
    settings.LIMBER_HISTORY_PROVIDER = providers.PATH
    providers.HISTORIES.clear()
    yield providers.HISTORIES
    providers.HISTORIES.clear()


@pytest.fixture
def reader(client_alice, screened):
    """Alice, signed in with a current clear safety check: the library is open to her."""
    return client_alice
