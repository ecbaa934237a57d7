"""Plain rows from a hand-written SELECT, with each column converted as Django would.

For the few reads on every page (the safety history, the dashboard's
figures), building a QuerySet and compiling it costs more than the query:
0.2 to 1.5 ms of CPU each against 0.1 ms for the round trip. Those reads are
written as SQL that both SQLite and PostgreSQL accept, with the parts that
differ (a time in a zone cast to a date) asked of Django's backend, and the
values come back through the same converters the ORM applies (dates and
times from SQLite's text, JSON from text, aware datetimes).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo
from functools import cache
from typing import Any, NamedTuple

from django.db import connection, models
from django.db.models import Field
from django.db.models.expressions import Col

Converter = Callable[[Any, Any, Any], Any]

# Outputs for computed columns (a count, a local day, a mean), converted as Django would.
INTEGER = models.IntegerField()
FLOAT = models.FloatField()
DATE = models.DateField()
MOMENT = models.DateTimeField()


@cache
def _converters(output: Field) -> tuple[tuple[Converter, ...], Col]:
    column = Col("x", output)
    found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
    return tuple(found), column


class Beside(NamedTuple):
    """A one-row SELECT, its parameters and outputs, to read inside another statement
    (``screening.records.request_standing_and``) rather than in one of its own."""

    sql: str
    params: tuple[Any, ...]
    outputs: tuple[Field, ...]


def fetch(sql: str, params: Sequence[Any], outputs: Sequence[Field]) -> list[tuple[Any, ...]]:
    """Every row of ``sql``, the value in column ``i`` converted as ``outputs[i]`` converts it."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return convert(cursor.fetchall(), outputs)


def execute(sql: str, params: Sequence[Any]) -> int:
    """Run a hand-written write; the number of rows it changed."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def convert(rows: Sequence[Sequence[Any]], outputs: Sequence[Field]) -> list[tuple[Any, ...]]:
    plans = [(i, *_converters(field)) for i, field in enumerate(outputs)]
    plans = [(i, found, column) for i, found, column in plans if found]
    if not plans:
        return [tuple(row) for row in rows]
    converted = []
    for row in rows:
        values = list(row)
        for i, found, column in plans:
            value = values[i]
            for converter in found:
                value = converter(value, column, connection)
            values[i] = value
        converted.append(tuple(values))
    return converted


def local_date(column: str, tz: tzinfo) -> tuple[str, tuple[Any, ...]]:
    """SQL for the local calendar day, in ``tz``, of a stored moment (as TruncDate does)."""
    return connection.ops.datetime_cast_date_sql(column, (), str(tz))
