"""Pain logs are read by person through one index, with no narrower twin."""

import pytest
from django.db import connection

from tracking.models import PainLog

pytestmark = pytest.mark.django_db


def _index_columns(table: str) -> list[list[str]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return [c["columns"] for c in found.values() if c["index"] and not c["primary_key"]]


def test_pain_logs_are_read_by_person_through_the_wider_index_alone():
    columns = _index_columns(PainLog._meta.db_table)
    assert ["user_id", "kind", "logged_at"] in columns
    # A lone index on the person drew PostgreSQL to scan all of a person's
    # logs for a six-week figure, and cost every write.
    assert ["user_id"] not in columns
