"""The two cautions added for hips, aneurysms and pelvic girdle pain: exact plans, no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from routines.exercises import (
    FLEXION_SPARING,
    FLOOR,
    KNEE,
    NO_DOUBLE_KNEE,
    PELVIC_GIRDLE,
    PREGNANCY,
    Kind,
)
from routines.library_data import exercises
from routines.models import CAUTION_CHOICES, Stretch
from routines.planning import fits, library_gaps
from routines.stages import DEFAULT_RULES
from screening.rules import Caution

TODAY = date(2026, 3, 4)
LIBRARY = exercises()
BY_SLUG = {ex.slug: ex for ex in LIBRARY}
STAGE = {rule.number: rule for rule in DEFAULT_RULES}

HIPS_NOTE = (
    "Your plan leaves out the double knee-to-chest, rocking and child's pose, which bend "
    "both hips fully and press your thighs into your belly."
)
PELVIS_NOTE = "To spare your pelvis, your plan leaves out moves done standing on one leg."
FLOOR_NOTE = "Your plan uses seated and standing moves, so you do not need the floor."
BENDING_NOTE = (
    "Because bending forward may stir up your symptoms, your plan keeps your tailbone "
    "down and leaves out the double knee-to-chest and rocking stretches."
)
GROW_20 = (
    "Holds grow by 5 seconds after every 2 sessions that go well, up to 20 seconds at this stage."
)
GROW_60 = (
    "Holds grow by 5 seconds after every 2 sessions that go well, up to 60 seconds at this stage."
)


# (slug, caution, stage, fits)
FITS = [
    ("double-knee-to-chest", NO_DOUBLE_KNEE, 3, False),
    ("rocking-double-knee-to-chest", NO_DOUBLE_KNEE, 3, False),
    ("childs-pose", NO_DOUBLE_KNEE, 3, False),
    ("double-knee-to-chest", None, 3, True),
    ("childs-pose", None, 3, True),
    ("single-knee-to-chest", NO_DOUBLE_KNEE, 1, True),
    ("figure-four-stretch", NO_DOUBLE_KNEE, 3, True),
    ("seated-knee-to-chest", NO_DOUBLE_KNEE, 1, True),
    ("standing-desk-knee-hug", NO_DOUBLE_KNEE, 1, True),
    ("standing-desk-knee-hug", PELVIC_GIRDLE, 1, False),
    ("standing-desk-knee-hug", None, 1, True),
    ("standing-desk-knee-hug", PREGNANCY, 1, False),  # balance
    ("figure-four-stretch", FLEXION_SPARING, 3, False),  # counted as flexion
    ("double-knee-to-chest", KNEE, 3, False),
    ("rocking-double-knee-to-chest", KNEE, 3, False),
    ("wall-pelvic-tilt", PELVIC_GIRDLE, 1, True),
    ("short-walk", PELVIC_GIRDLE, 1, True),
    ("seated-knee-to-chest", PELVIC_GIRDLE, 1, True),
    ("single-knee-to-chest", PELVIC_GIRDLE, 1, True),
    ("double-knee-to-chest", PELVIC_GIRDLE, 3, True),
]


@pytest.mark.parametrize(("slug", "caution", "stage", "expected"), FITS, ids=str)
def test_which_moves_fit_the_new_cautions(slug, caution, stage, expected):
    cautions = frozenset({caution}) if caution else frozenset()

    assert fits(BY_SLUG[slug], cautions, STAGE[stage]) is expected


def test_the_knee_rule_wins_over_library_data():
    # Both knees in, with the editor's knee exclusion taken off: still left out.
    double = replace(BY_SLUG["double-knee-to-chest"], excluded_by=frozenset())

    assert not fits(double, frozenset({KNEE}), STAGE[3])
    assert fits(double, frozenset(), STAGE[3])


def test_the_rule_wins_over_library_data():
    # A one-leg standing move the editor forgot to mark is still left out.
    one_leg = replace(
        BY_SLUG["standing-desk-knee-hug"], slug="standing-hamstring", excluded_by=frozenset()
    )

    assert not fits(one_leg, frozenset({PELVIC_GIRDLE}), STAGE[1])


def test_the_shipped_library_has_a_plan_for_every_single_caution():
    assert library_gaps(LIBRARY, STAGE[1]) == ()


NO_STRETCH = "No single-leg knee-to-chest stretch at stage 1 fits someone with the {} caution."
GAPS = [
    (
        ["standing-desk-knee-hug", "wall-pelvic-tilt", "short-walk"],
        (NO_STRETCH.format("pregnancy"), NO_STRETCH.format("pelvic-girdle")),
    ),
    (
        ["childs-pose-as-family", "wall-pelvic-tilt", "short-walk"],
        (
            NO_STRETCH.format("flexion-sparing"),
            NO_STRETCH.format("floor"),
            NO_STRETCH.format("no-double-knee"),
        ),
    ),
]


@pytest.mark.parametrize(("slugs", "gaps"), GAPS, ids=str)
def test_library_gaps_name_the_new_cautions(slugs, gaps):
    # A made-up family entry: child's pose offered at stage 1, left out by nothing.
    made_up = replace(
        BY_SLUG["childs-pose"], kind=Kind.FAMILY, min_stage=1, excluded_by=frozenset()
    )
    library = [made_up if s == "childs-pose-as-family" else BY_SLUG[s] for s in slugs]

    assert library_gaps(library, STAGE[1]) == gaps


def test_the_editor_sees_every_caution_code():
    assert [code for code, _ in CAUTION_CHOICES] == [c.value for c in Caution]


def test_a_stretch_page_says_why_each_caution_leaves_it_out():
    stretch = Stretch(excluded_by=[NO_DOUBLE_KNEE, "retired-code"], preferred_by=[PELVIC_GIRDLE])
    assert stretch.excluded_words == ["you have a hip replacement or an aortic aneurysm"]
    assert stretch.preferred_words == ["standing on one leg hurts your pelvis"]


def test_routines_spells_the_caution_codes_as_screening_does():
    assert {FLEXION_SPARING, KNEE, FLOOR, PREGNANCY, NO_DOUBLE_KNEE, PELVIC_GIRDLE} == {
        c.value for c in Caution
    }


def test_a_stage_row_without_both_knees_or_rocking_leaves_them_out():
    no_double = replace(STAGE[2], double_knee=False)
    no_rocking = replace(STAGE[3], rocking=False)
    assert not fits(BY_SLUG["double-knee-to-chest"], frozenset(), no_double)
    assert fits(BY_SLUG["double-knee-to-chest"], frozenset(), STAGE[2])
    assert not fits(BY_SLUG["rocking-double-knee-to-chest"], frozenset(), no_rocking)
    assert fits(BY_SLUG["rocking-double-knee-to-chest"], frozenset(), STAGE[3])


@pytest.mark.parametrize("caution", [FLEXION_SPARING, NO_DOUBLE_KNEE])
@pytest.mark.parametrize("slug", ["double-knee-to-chest", "rocking-double-knee-to-chest"])
def test_both_knees_in_stay_out_even_when_an_editor_unmarks_them(caution, slug):
    # The editor cleared the exclusions and the flexion mark: the rule still wins.
    unmarked = replace(BY_SLUG[slug], excluded_by=frozenset(), flexion=False)
    assert not fits(unmarked, frozenset({caution}), STAGE[3])
    assert fits(unmarked, frozenset(), STAGE[3])


def test_library_gaps_name_someone_with_no_caution():
    library = [BY_SLUG["single-knee-to-chest"]]
    gaps = library_gaps(library, STAGE[1])
    assert gaps[:2] == (
        "No core exercise at stage 1 fits someone with no caution.",
        "No walk fits someone with no caution.",
    )
