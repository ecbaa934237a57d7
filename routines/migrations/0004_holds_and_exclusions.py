"""Holds and exclusions in line with the sources, and sessions a day a person can keep.

A stretch may now carry its own longest hold. The figure-four and the standing
desk hug never go past 30 seconds (article A); the desk hug is left out in
pregnancy; the figure-four counts as flexion; knee trouble leaves out both
knees in and rocking. Stages 1 and 2 ask for once or twice a day, the person's
choice. Only rows still holding the shipped values change: an editor's own
choices are kept.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import migrations, models

OLD_SHINS = "Hold behind both thighs, or on the shins if your knees are happy."
STEPS = {OLD_SHINS: "Hold behind both thighs."}
FIXES = {
    "Keep one hand on it the whole time so balance is never a worry.": (
        "Keep one hand on it the whole time to steady yourself."
    ),
    "Move slowly and stop at the first mild stretch. Pain means you have gone too far.": (
        "Move slowly and stop at a mild stretch. A gentle pull is fine; ease off if the pain "
        "is sharp, shoots down a leg or builds up."
    ),
}
# slug: (shipped excluded_by, new excluded_by, new flexion or None, hold_max_seconds, source)
STRETCHES = {
    "standing-desk-knee-hug": (
        [],
        ["pregnancy"],
        None,
        30,
        "Article A (work break: hug one knee for 30 s every 2 hours, opposite foot flat): "
        "never over 30 s. The desk hand is added for balance; not offered in pregnancy or "
        "with pelvic girdle pain (standing on one leg).",
    ),
    "figure-four-stretch": (
        ["floor", "knee", "pregnancy"],
        ["floor", "knee", "pregnancy", "flexion-sparing"],
        True,
        30,
        "Article A (figure-four: 20-30 s, 3 times on the painful side), article C "
        "(piriformis stretch). From stage 2, held 20-30 s at every stage. Counted as "
        "flexion: drawing the thigh in tips the pelvis back as the single knee-to-chest does.",
    ),
    "double-knee-to-chest": (
        ["flexion-sparing", "floor", "pregnancy"],
        ["flexion-sparing", "floor", "pregnancy", "knee"],
        None,
        None,
        None,
    ),
    "rocking-double-knee-to-chest": (
        ["flexion-sparing", "floor", "pregnancy"],
        ["flexion-sparing", "floor", "pregnancy", "knee"],
        None,
        None,
        None,
    ),
}
# stage: (shipped sessions_min, new sessions_min, new source)
STAGES = {
    1: (
        2,
        1,
        "Weeks 1-2: 15-20 s single-leg holds, 2-3 reps per leg, twice daily, 3 times daily "
        "in acute pain (article A); daily, 15 s holds for beginners (article D).",
    ),
    2: (
        2,
        1,
        "Weeks 3-4: 30-45 s holds (article A), daily (article D); double knee only after 2 "
        "weeks of pain-free single-leg work, 30 s maximum (article A; article C allows "
        "15-30 s).",
    ),
}


def forwards(apps, schema_editor):
    Stretch = apps.get_model("routines", "Stretch")
    StretchStep = apps.get_model("routines", "StretchStep")
    Mistake = apps.get_model("routines", "Mistake")
    StageRule = apps.get_model("routines", "StageRule")
    for old, new in STEPS.items():
        StretchStep.objects.filter(text=old).update(text=new)
    for old, new in FIXES.items():
        Mistake.objects.filter(fix=old).update(fix=new)
    for slug, (shipped, excluded, flexion, hold_max, source) in STRETCHES.items():
        row = Stretch.objects.filter(slug=slug).first()
        if row is None:
            continue
        if sorted(row.excluded_by or []) == sorted(shipped):
            row.excluded_by = excluded
        if flexion is not None:
            row.flexion = flexion
        row.hold_max_seconds = hold_max
        if source is not None:
            row.source = source
        row.save()
    for number, (shipped, sessions_min, source) in STAGES.items():
        StageRule.objects.filter(number=number, sessions_min=shipped).update(
            sessions_min=sessions_min, source=source
        )


class Migration(migrations.Migration):
    dependencies = [("routines", "0003_reword_library_text")]

    operations = [
        migrations.AddField(
            model_name="stretch",
            name="hold_max_seconds",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Never held longer than this, whatever the stage (leave empty for no "
                "limit).",
                null=True,
                validators=[MinValueValidator(1), MaxValueValidator(3600)],
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
