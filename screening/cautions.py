"""The caution vocabulary: the codes screening gives and routines reads, with their words.

Pure Python, no Django. One entry per caution: the editor's label, what it
means to the person (why a stretch is left out), and how it changes the plan
(shown with a result). Screening decides which cautions a person has and
why, in the words of the rule that fired (``screening.rules``); routines
reads only the codes (``routines.exercises``, ``routines.planning``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Caution(StrEnum):
    """Codes that routines reads to change the plan."""

    FLEXION_SPARING = "flexion-sparing"
    KNEE = "knee"
    FLOOR = "floor"
    PREGNANCY = "pregnancy"
    # No double knee-to-chest, rocking or child's pose: they bend both hips fully
    # and press the thighs into the belly (hip replacement, aortic aneurysm).
    NO_DOUBLE_KNEE = "no-double-knee"
    # No moves done standing on one leg (pelvic girdle pain).
    PELVIC_GIRDLE = "pelvic-girdle"


@dataclass(frozen=True)
class Words:
    label: str  # for the content editor
    reason: str  # what it means to the person: "... because {reason}"
    change: str  # how the plan changes, shown with a result


WORDS: Mapping[Caution, Words] = {
    Caution.FLEXION_SPARING: Words(
        label="Flexion-sparing (leg pain below the knee, worse bending, thin bones)",
        reason="rounding your back a lot does not suit you (pain below the knee, pain worse "
        "when bending, numbness in a leg, or thin bones)",
        change="No stretches that round your back a lot: no pulling both knees in, and no rocking.",
    ),
    Caution.KNEE: Words(
        label="Knee pain or a knee replacement",
        reason="your knees are sore or replaced",
        change="Hold behind your thigh or use a strap, never on top of the knee.",
    ),
    Caution.FLOOR: Words(
        label="Cannot get down to the floor",
        reason="you cannot get down to the floor",
        change="Stretches you do on a chair or standing up, not on the floor.",
    ),
    Caution.PREGNANCY: Words(
        label="Pregnancy",
        reason="you are pregnant",
        change="Stretches changed for pregnancy.",
    ),
    Caution.NO_DOUBLE_KNEE: Words(
        label="No double knee-to-chest, rocking or child's pose (hip replacement, aortic aneurysm)",
        reason="you have a hip replacement or an aortic aneurysm",
        change="No pulling both knees in, no rocking, and no child's pose.",
    ),
    Caution.PELVIC_GIRDLE: Words(
        label="Pelvic girdle pain (no standing on one leg)",
        reason="standing on one leg hurts your pelvis",
        change="No moves done standing on one leg.",
    ),
}
