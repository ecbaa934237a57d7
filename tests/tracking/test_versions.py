"""The models the progress figures read move the data version themselves: once per
person for each write, in the writer's own transaction, and for no other write."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.tracking.builders import make_log
from tracking.models import (
    AfterEffectCheckin,
    DataVersion,
    PainLog,
    PegCheckin,
    Session,
    StopSignal,
    Versioned,
    VersionedQuerySet,
)

pytestmark = pytest.mark.django_db


def statements(write) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        write()
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("model", [PainLog, PegCheckin, Session, StopSignal, AfterEffectCheckin])
def test_every_model_the_figures_read_writes_through_the_version(model) -> None:
    assert issubclass(model, Versioned)
    assert isinstance(model._default_manager.all(), VersionedQuerySet)


def test_a_write_in_a_transaction_adds_one_update_and_no_savepoint(alice) -> None:
    make_log(alice, 4)  # the version's first row
    # The test runs inside a transaction, as a view's write does.
    sql = statements(lambda: make_log(alice, 5))
    assert [s.split()[0] for s in sql] == ["INSERT", "UPDATE"]
    assert "tracking_dataversion" in sql[1]


def test_one_update_of_many_rows_moves_each_version_once(alice, bob) -> None:
    for user in (alice, alice, bob):
        make_log(user, 4)
    before = DataVersion.current(alice), DataVersion.current(bob)
    sql = statements(lambda: PainLog.objects.update(pain=7))
    # The owners (read once), the rows, and one UPDATE for every owner's version.
    assert [s.split()[0] for s in sql] == ["SELECT", "UPDATE", "UPDATE"]
    assert sql[0].startswith("SELECT DISTINCT")  # the owners, not every row
    assert (DataVersion.current(alice), DataVersion.current(bob)) == (before[0] + 1, before[1] + 1)


def test_a_write_that_matches_nothing_only_looks(alice) -> None:
    sql = statements(lambda: PainLog.objects.for_user(alice).update(pain=7))
    sql += statements(lambda: PainLog.objects.for_user(alice).delete())
    assert [s.split()[0] for s in sql] == ["SELECT", "SELECT"]
    assert DataVersion.current(alice) == 0


def test_saving_only_what_the_figures_ignore_leaves_the_version(alice) -> None:
    session = Session.begin(alice, (), stage=1, now=make_log(alice, 4).logged_at)
    before = DataVersion.current(alice)
    session.position = 1
    session.save(update_fields=["position", "last_activity_at"])
    Session.objects.filter(pk=session.pk).update(asking="stop")
    assert DataVersion.current(alice) == before


def test_a_write_by_hand_moves_the_version_only_for_what_the_figures_read(alice) -> None:
    session = Session.begin(alice, (), stage=1, now=make_log(alice, 4).logged_at)
    before = DataVersion.current(alice)
    session.written_by_hand(["position", "last_activity_at"])
    assert DataVersion.current(alice) == before
    sql = statements(lambda: session.written_by_hand(["status", "ended_at", "position"]))
    assert [s.split()[0] for s in sql] == ["UPDATE"]
    assert DataVersion.current(alice) == before + 1


def test_the_version_counts_up_from_zero(alice, bob) -> None:
    assert DataVersion.current(alice) == 0
    DataVersion.bump(alice)
    DataVersion.bump(alice.pk)
    DataVersion.bump(alice, bob)  # one with a row already, one without
    assert (DataVersion.current(alice), DataVersion.current(bob)) == (3, 1)
