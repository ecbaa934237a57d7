from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("config", "0002_sign_ins"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="country",
            field=models.CharField(blank=True, default="", max_length=2),
        ),
    ]
