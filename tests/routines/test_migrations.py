"""The shipped library and stage table: seeded from frozen rows, reworded without
touching an editor's own words."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from routines import migrations as routines_migrations
from routines import stages
from routines.models import Mistake, StageRule, Stretch, StretchStep

pytestmark = pytest.mark.django_db

seed = importlib.import_module("routines.migrations.0002_seed_library_and_stages")
reword = importlib.import_module("routines.migrations.0003_reword_library_text")


def test_it_rewords_the_shipped_lines_that_were_too_close_to_the_sources():
    step = StretchStep.objects.filter(stretch__slug="figure-four-stretch").order_by("order")[1]
    step.text = "Cross your right ankle over your left knee."
    step.save()
    Stretch.objects.filter(slug="double-knee-to-chest").update(
        picture_alt="A person lying on their back hugging both knees toward the chest, head "
        "resting on the mat."
    )
    reword.forwards(apps, None)
    step.refresh_from_db()
    assert step.text == "Rest your right ankle on your left thigh, close to the knee."
    alt = Stretch.objects.get(slug="double-knee-to-chest").picture_alt
    assert alt.startswith("A person lying face up with both arms around both knees")


def test_it_keeps_an_editors_own_words():
    step = StretchStep.objects.filter(stretch__slug="figure-four-stretch").order_by("order")[1]
    step.text = "Put your right ankle across, just above your left knee."
    step.save()
    reword.forwards(apps, None)
    step.refresh_from_db()
    assert step.text == "Put your right ankle across, just above your left knee."


# --- The seed migration ships the rows of its own day ---------------------------------

MIGRATIONS = Path(routines_migrations.__file__).parent
PROJECT_APPS = {"config", "routines", "screening", "tracking"}
SHIPPED_SLUGS = {
    "single-knee-to-chest",
    "tailbone-down-knee-to-chest",
    "strap-assisted-knee-to-chest",
    "wall-assisted-knee-to-chest",
    "seated-knee-to-chest",
    "standing-desk-knee-hug",
    "figure-four-stretch",
    "double-knee-to-chest",
    "rocking-double-knee-to-chest",
    "cat-cow",
    "seated-cat-cow",
    "supine-spinal-twist",
    "childs-pose",
    "pelvic-tilt",
    "wall-pelvic-tilt",
    "dead-bug",
    "bird-dog",
    "short-walk",
}


@pytest.fixture
def stage_rule_grew_a_field(monkeypatch):
    """The live code on a later day: the StageRule dataclass has a new field and the
    shipped table carries it, in every routines module that holds the table."""
    old_rule, old_rules = stages.StageRule, stages.DEFAULT_RULES
    grown_rule = dataclasses.make_dataclass(
        "StageRule",
        [("rest_days", int, dataclasses.field(default=1))],
        bases=(old_rule,),
        frozen=True,
    )
    grown_rules = tuple(grown_rule(**dataclasses.asdict(rule)) for rule in old_rules)
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] != "routines":
            continue
        if getattr(module, "StageRule", None) is old_rule:
            monkeypatch.setattr(module, "StageRule", grown_rule)
        if getattr(module, "DEFAULT_RULES", None) is old_rules:
            monkeypatch.setattr(module, "DEFAULT_RULES", grown_rules)
    assert "rest_days" in {f.name for f in dataclasses.fields(stages.DEFAULT_RULES[0])}


@pytest.mark.django_db(transaction=True)
def test_it_migrates_a_fresh_database_after_a_dataclass_gains_a_field(stage_rule_grew_a_field):
    executor = MigrationExecutor(connection)
    executor.migrate([("routines", None)])  # no routines tables at all
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert list(StageRule.objects.values_list("number", "hold_min", "hold_max")) == [
        (1, 15, 20),
        (2, 30, 45),
        (3, 45, 60),
        (4, 45, 60),
    ]
    assert set(Stretch.objects.values_list("slug", flat=True)) == SHIPPED_SLUGS
    assert StretchStep.objects.count() == 99
    assert Mistake.objects.count() == 54
    wall = Stretch.objects.get(slug="wall-assisted-knee-to-chest")
    assert wall.variation_of.slug == "single-knee-to-chest"
    # 0003 ran after it: the reworded picture description is in place.
    alt = Stretch.objects.get(slug="double-knee-to-chest").picture_alt
    assert alt.startswith("A person lying face up with both arms around both knees")


@pytest.mark.parametrize("path", sorted(MIGRATIONS.glob("*.py")), ids=lambda path: path.name)
def test_its_migrations_import_nothing_from_the_apps(path):
    imported = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            imported.add(node.module.split(".")[0])
    assert imported.isdisjoint(PROJECT_APPS), f"{path.name} imports {imported & PROJECT_APPS}"


def test_it_leaves_out_a_field_the_model_does_not_have(monkeypatch):
    StageRule.objects.all().delete()
    widened = tuple({**row, "rest_days": 1} for row in seed.STAGE_RULES)
    monkeypatch.setattr(seed, "STAGE_RULES", widened)
    seed.forwards(apps, None)
    assert list(StageRule.objects.values_list("number", flat=True)) == [1, 2, 3, 4]


def test_it_keeps_an_editors_stage_row():
    StageRule.objects.filter(number=1).update(hold_max=25)
    seed.forwards(apps, None)
    assert StageRule.objects.get(number=1).hold_max == 25
