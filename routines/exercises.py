"""What the library offers the engine: kinds, positions, cautions and exercises.

Pure Python, no Django. ``routines.library_data`` holds the shipped entries and
``routines.models.Stretch`` the editor's rows; both reach the engine as an
``Exercise``. Which of them fit a person on a given day is ``routines.planning``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from screening.cautions import Caution

# Caution codes, from the one vocabulary screening owns (a pure module).
FLEXION_SPARING = Caution.FLEXION_SPARING
KNEE = Caution.KNEE
FLOOR = Caution.FLOOR
PREGNANCY = Caution.PREGNANCY
NO_DOUBLE_KNEE = Caution.NO_DOUBLE_KNEE  # both hips fully bent: hip replacement, aneurysm
PELVIC_GIRDLE = Caution.PELVIC_GIRDLE  # no moves done standing on one leg

EVIDENCE = (
    "Owen et al. 2020, Br J Sports Med (network meta-analysis): stretching alone does "
    "about as well as no treatment for chronic low-back pain; motor-control and "
    "strengthening work does better, so every plan pairs stretches with a core "
    "exercise and a walk."
)


class Kind(StrEnum):
    FAMILY = "family"  # the knee-to-chest family
    COMPANION = "companion"
    CORE = "core"
    WALK = "walk"


class Position(StrEnum):
    LYING = "lying"
    KNEELING = "kneeling"  # on hands and knees
    SEATED = "seated"
    STANDING = "standing"


FLOOR_POSITIONS = frozenset({Position.LYING, Position.KNEELING})


@dataclass(frozen=True)
class Exercise:
    """A library entry, as far as the engine needs it."""

    slug: str
    name: str
    kind: Kind
    position: Position
    per_side: bool
    default_hold_seconds: int
    default_reps: int
    min_stage: int = 1
    double_knee: bool = False
    rocking: bool = False
    flexion: bool = False  # loads end-range lumbar flexion
    excluded_by: frozenset[str] = frozenset()
    preferred_by: frozenset[str] = frozenset()
    priority: int = 100  # lower comes first when several fit
    hold_max_seconds: int | None = None  # never held longer, whatever the stage

    @classmethod
    def of(cls, source: object) -> Exercise:
        """The engine's view of anything with these attributes: a shipped entry or a row."""
        values = {name: getattr(source, name) for name in cls.__dataclass_fields__}
        return cls(
            **values
            | {
                "kind": Kind(values["kind"]),
                "position": Position(values["position"]),
                "excluded_by": frozenset(values["excluded_by"] or ()),
                "preferred_by": frozenset(values["preferred_by"] or ()),
            }
        )
