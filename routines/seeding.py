"""Put the shipped stage table and library into the database.

Used by the data migration (with its historical models) and by tests whose
transactional flush wiped the seeded rows. Rows that already exist, matched
by stage number or slug, are left as the editor made them.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from routines.library_data import LIBRARY
from routines.stages import DEFAULT_RULES


def seed(apps: Any) -> None:
    """Add the shipped stage rules and library rows that are missing; keep the rest."""
    StageRule = apps.get_model("routines", "StageRule")
    Stretch = apps.get_model("routines", "Stretch")
    StretchStep = apps.get_model("routines", "StretchStep")
    Mistake = apps.get_model("routines", "Mistake")

    for rule in DEFAULT_RULES:
        values = asdict(rule)
        StageRule.objects.get_or_create(number=values.pop("number"), defaults=values)

    created = {}
    for entry in LIBRARY:
        stretch, made = Stretch.objects.get_or_create(
            slug=entry.slug,
            defaults={
                "name": entry.name,
                "kind": entry.kind.value,
                "position": entry.position.value,
                "targets": entry.targets,
                "summary": entry.summary,
                "breathing_cue": entry.breathing_cue,
                "per_side": entry.per_side,
                "default_hold_seconds": entry.default_hold_seconds,
                "default_reps": entry.default_reps,
                "min_stage": entry.min_stage,
                "excluded_by": list(entry.excluded_by),
                "preferred_by": list(entry.preferred_by),
                "double_knee": entry.double_knee,
                "rocking": entry.rocking,
                "flexion": entry.flexion,
                "priority": entry.priority,
                "picture": entry.picture,
                "picture_alt": entry.picture_alt,
                "source": entry.source,
            },
        )
        if not made:
            continue
        created[entry.slug] = (stretch, entry)
        StretchStep.objects.bulk_create(
            StretchStep(stretch=stretch, order=i, text=text)
            for i, text in enumerate(entry.steps, 1)
        )
        Mistake.objects.bulk_create(
            Mistake(stretch=stretch, order=i, mistake=mistake, fix=fix)
            for i, (mistake, fix) in enumerate(entry.mistakes, 1)
        )
    for stretch, entry in created.values():
        if entry.variation_of:
            stretch.variation_of = Stretch.objects.get(slug=entry.variation_of)
            stretch.save(update_fields=["variation_of"])
