"""Pain logs and session steps are read through one index each, with no narrower twin
(every write of a row writes each of its indexes)."""

import pytest
from django.db import connection

from tracking.models import PainLog, SessionStep

pytestmark = pytest.mark.django_db


def _index_columns(table: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return [
        c["columns"]
        for c in found.values()
        if (c["index"] or c["unique"]) and not c["primary_key"] and not c["foreign_key"]
    ]


def test_pain_logs_are_read_by_person_through_the_wider_index_alone():
    columns = _index_columns(PainLog._meta.db_table)
    assert ["user_id", "kind", "logged_at"] in columns
    # A lone index on the person drew PostgreSQL to scan all of a person's
    # logs for a six-week figure, and cost every write.
    assert ["user_id"] not in columns


def test_session_steps_are_found_through_the_one_answer_per_step_index_alone():
    columns = _index_columns(SessionStep._meta.db_table)
    # The unique (session, number) serves "the steps of a session"; nothing reads
    # steps by slug. Three more indexes were written with every step answered.
    assert sorted(columns) == [["session_id", "number"]]
