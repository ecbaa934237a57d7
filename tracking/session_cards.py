"""What a hold screen shows from the stretch library, copied into a session when it starts."""

from __future__ import annotations

from typing import Any

from routines.models import Stretch


def stretch_cards(slugs: set[str]) -> dict[str, dict[str, Any]]:
    """Steps, breathing cue and picture of each stretch, from the library (two queries).

    A stretch an editor has removed is left out: its screens show no card.
    """
    stretches = Stretch.objects.filter(slug__in=slugs).prefetch_related("steps")
    return {
        stretch.slug: {
            "picture": stretch.picture,
            "picture_alt": stretch.picture_alt,
            "steps": [line.text for line in stretch.steps.all()],
            "breathing_cue": stretch.breathing_cue,
            "is_walk": stretch.kind == "walk",
        }
        for stretch in stretches
    }
