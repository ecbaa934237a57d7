"""Seed the stage table and the stretch library, so a fresh database has both.

The data is routines.stages.DEFAULT_RULES and routines.library_data.LIBRARY
(one source for the migration and the tests), written by routines.seeding.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from routines.seeding import seed

    seed(apps)


class Migration(migrations.Migration):
    dependencies = [("routines", "0001_library_stages_decisions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
