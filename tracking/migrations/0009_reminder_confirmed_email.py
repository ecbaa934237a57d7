"""Reminder emails go only to a confirmed address. A reminder address that is
the account's own confirmed address counts as confirmed; any other waits for
its owner to open a confirmation link."""

from django.db import migrations, models


def confirm_the_accounts_own_address(apps, schema_editor):
    ReminderSettings = apps.get_model("tracking", "ReminderSettings")
    Profile = apps.get_model("config", "Profile")
    verified = set(
        Profile.objects.filter(email_verified=True).values_list("user_id", "user__email")
    )
    for row in ReminderSettings.objects.exclude(email=""):
        if (row.user_id, row.email) in verified:
            row.confirmed_email = row.email
            row.save(update_fields=["confirmed_email"])


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0008_sessionstep_indexes_in_the_unique_one"),
        ("config", "0007_accounts_asvs"),
    ]

    operations = [
        migrations.AddField(
            model_name="remindersettings",
            name="confirmed_email",
            field=models.EmailField(blank=True, editable=False, max_length=254),
        ),
        migrations.RunPython(confirm_the_accounts_own_address, migrations.RunPython.noop),
    ]
