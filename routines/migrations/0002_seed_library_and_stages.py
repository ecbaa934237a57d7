"""Seed the stage table and the stretch library, so a fresh database has both.

The rows are the frozen literals in ``_0002_rows`` and each is cut down to the
fields the historical model has, so a field added to a model or a dataclass
later cannot break this step. Rows that already exist, matched by stage number
or slug, are left as the editor made them.
"""

from django.db import migrations

from ._0002_rows import STAGE_RULES, STRETCHES

# Keys of a stretch row that are not columns of Stretch.
RELATED = ("variation_of", "steps", "mistakes")


def model_fields(model, row):
    """The part of ``row`` that ``model`` (as it stood then) has columns for."""
    names = {field.name for field in model._meta.concrete_fields}
    return {key: value for key, value in row.items() if key in names}


def forwards(apps, schema_editor):
    StageRule = apps.get_model("routines", "StageRule")
    Stretch = apps.get_model("routines", "Stretch")
    StretchStep = apps.get_model("routines", "StretchStep")
    Mistake = apps.get_model("routines", "Mistake")

    for row in STAGE_RULES:
        values = model_fields(StageRule, row)
        StageRule.objects.get_or_create(number=values.pop("number"), defaults=values)

    created = []
    for row in STRETCHES:
        values = model_fields(Stretch, {k: v for k, v in row.items() if k not in RELATED})
        for field in ("excluded_by", "preferred_by"):
            if field in values:
                values[field] = list(values[field])
        stretch, made = Stretch.objects.get_or_create(slug=values.pop("slug"), defaults=values)
        if not made:
            continue
        created.append((stretch, row))
        StretchStep.objects.bulk_create(
            StretchStep(stretch=stretch, order=i, text=text)
            for i, text in enumerate(row["steps"], 1)
        )
        Mistake.objects.bulk_create(
            Mistake(stretch=stretch, order=i, mistake=mistake, fix=fix)
            for i, (mistake, fix) in enumerate(row["mistakes"], 1)
        )
    for stretch, row in created:
        if row["variation_of"]:
            stretch.variation_of = Stretch.objects.get(slug=row["variation_of"])
            stretch.save(update_fields=["variation_of"])


class Migration(migrations.Migration):
    dependencies = [("routines", "0001_library_stages_decisions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
