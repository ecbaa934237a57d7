from __future__ import annotations

import pytest
from django.apps import apps

from routines.seeding import seed
from tests.routines import providers


@pytest.fixture(autouse=True)
def shipped_library(request):
    """The library and stage table come from a data migration; a transactional
    test elsewhere in the run may have flushed them, so put them back."""
    if request.node.get_closest_marker("django_db") is not None:
        request.getfixturevalue("db")
        seed(apps)


@pytest.fixture
def crafted_history(settings):
    """Read histories from `providers.HISTORIES` (user pk -> History) instead of tracking."""
    settings.LIMBER_HISTORY_PROVIDER = providers.PATH
    providers.HISTORIES.clear()
    yield providers.HISTORIES
    providers.HISTORIES.clear()
