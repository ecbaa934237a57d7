"""Put the shipped stretch library and stage table back after a test emptied them.

A fresh database gets those rows from routines' data migrations. A transactional
test (every browser test) flushes every table when it ends, so the next test
replays the same data migrations, in order, on today's models: the tests see
what ``migrate`` gives a new database and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython


@cache
def data_steps() -> tuple[Callable[[Any, Any], None], ...]:
    """The forward functions of routines' data migrations, oldest first."""
    graph = MigrationLoader(None).graph  # read from disk, no database needed
    keys = dict.fromkeys(
        key
        for leaf in graph.leaf_nodes("routines")
        for key in graph.forwards_plan(leaf)
        if key[0] == "routines"
    )
    return tuple(
        op.code for key in keys for op in graph.nodes[key].operations if isinstance(op, RunPython)
    )


def restore_shipped_rows(apps: Any) -> None:
    """Replay the data migrations when the library is empty; otherwise do nothing."""
    if apps.get_model("routines", "StageRule").objects.exists():
        return
    for step in data_steps():
        step(apps, None)  # none of them alters the schema
