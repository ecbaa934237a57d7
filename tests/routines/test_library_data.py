"""The shipped library: complete, drawn, and consistent with screening's cautions."""

from __future__ import annotations

from pathlib import Path

import pytest

from routines.library_data import LIBRARY, exercises
from routines.models import StageRule, Stretch
from routines.planning import library_gaps
from routines.stages import DEFAULT_RULES
from screening.rules import Caution

STATIC = Path(__file__).resolve().parents[2] / "static"
CAUTION_CODES = {c.value for c in Caution}
REQUIRED = {
    "single-knee-to-chest",
    "tailbone-down-knee-to-chest",
    "double-knee-to-chest",
    "rocking-double-knee-to-chest",
    "figure-four-stretch",
    "seated-knee-to-chest",
    "standing-desk-knee-hug",
    "wall-assisted-knee-to-chest",
    "strap-assisted-knee-to-chest",
    "cat-cow",
    "childs-pose",
    "pelvic-tilt",
    "supine-spinal-twist",
    "bird-dog",
    "dead-bug",
    "short-walk",
}
ENTRIES = {entry.slug: entry for entry in LIBRARY}


def test_the_library_has_every_stretch_the_plan_relies_on():
    assert set(ENTRIES) >= REQUIRED


def test_slugs_are_unique():
    assert len(ENTRIES) == len(LIBRARY)


@pytest.mark.parametrize("entry", LIBRARY, ids=lambda e: e.slug)
def test_each_entry_is_complete(entry):
    assert len(entry.steps) >= 3 and all(step.strip() for step in entry.steps)
    assert entry.breathing_cue.strip()
    assert len(entry.mistakes) >= 2
    assert all(mistake.strip() and fix.strip() for mistake, fix in entry.mistakes)
    assert entry.summary.strip() and entry.source.strip()
    assert len(entry.picture_alt) >= 20
    assert entry.default_hold_seconds > 0 and entry.default_reps > 0


@pytest.mark.parametrize("entry", LIBRARY, ids=lambda e: e.slug)
def test_each_picture_is_a_small_line_drawing(entry):
    svg = (STATIC / entry.picture).read_text()
    assert len(svg.encode()) < 3000
    assert 'viewBox="0 0 200 120"' in svg and "currentColor" in svg
    assert "prefers-color-scheme:dark" in svg  # readable in dark mode too


@pytest.mark.parametrize("entry", LIBRARY, ids=lambda e: e.slug)
def test_caution_codes_are_screenings_own(entry):
    assert set(entry.excluded_by) <= CAUTION_CODES
    assert set(entry.preferred_by) <= CAUTION_CODES
    assert not set(entry.excluded_by) & set(entry.preferred_by)


def test_variations_point_at_real_entries():
    for entry in LIBRARY:
        assert entry.variation_of is None or entry.variation_of in ENTRIES


def test_double_knee_stretches_are_marked_as_flexion():
    for entry in LIBRARY:
        if entry.double_knee or entry.rocking:
            assert entry.flexion and "flexion-sparing" in entry.excluded_by


def test_every_person_gets_a_plan_from_the_shipped_library():
    assert library_gaps(exercises(), DEFAULT_RULES[0]) == ()


# --- what a fresh database has after migrate -----------------------------------------


@pytest.mark.django_db
def test_migrate_ships_the_whole_library():
    assert set(Stretch.objects.values_list("slug", flat=True)) == set(ENTRIES)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", sorted(ENTRIES))
def test_each_stored_stretch_has_steps_mistakes_and_a_picture(slug):
    stretch = Stretch.objects.with_text().get(slug=slug)
    assert [s.text for s in stretch.steps.all()] == list(ENTRIES[slug].steps)
    mistakes = list(stretch.mistakes.all())
    assert len(mistakes) >= 2 and all(m.mistake and m.fix for m in mistakes)
    assert stretch.breathing_cue and stretch.picture_alt
    assert (STATIC / stretch.picture).is_file()
    assert set(stretch.excluded_by) | set(stretch.preferred_by) <= CAUTION_CODES


@pytest.mark.django_db
def test_variations_are_linked_after_migrate():
    rocking = Stretch.objects.get(slug="rocking-double-knee-to-chest")
    assert rocking.variation_of.slug == "double-knee-to-chest"


@pytest.mark.django_db
def test_migrate_ships_the_stage_table():
    assert tuple(row.as_rule() for row in StageRule.objects.all()) == DEFAULT_RULES
