"""Reword the few shipped lines that stayed too close to the source articles.

Only rows still holding the shipped words change; an editor's own text is kept.
"""

from django.db import migrations

STEPS = {
    "Lie on your back on a firm mat with your knees bent and feet flat.": (
        "Lie face up on a mat, knees bent and both feet flat on the floor."
    ),
    "Lie on your back with your bottom near a wall.": (
        "Lie face up with your bottom close to a wall."
    ),
    "Slowly lift one knee toward your chest.": "Slowly bring one knee up and in.",
    "Cross your right ankle over your left knee.": (
        "Rest your right ankle on your left thigh, close to the knee."
    ),
    "Keep your tailbone on the mat and your head resting down.": (
        "Your tailbone and your head stay down on the mat."
    ),
}
STRETCHES = {
    "summary": {
        "The starting stretch: one knee drawn gently toward your chest while you lie on "
        "your back. It eases the lower back, buttock and hip.": (
            "The starting stretch: one knee drawn gently toward your chest while you lie on "
            "your back. You feel it low in the back, in the buttock and around the hip."
        ),
    },
    "picture_alt": {
        "A person lying on their back hugging both knees toward the chest, head resting on "
        "the mat.": (
            "A person lying face up with both arms around both knees, drawn in close, and the "
            "head resting on the mat."
        ),
    },
}


def forwards(apps, schema_editor):
    StretchStep = apps.get_model("routines", "StretchStep")
    Stretch = apps.get_model("routines", "Stretch")
    for old, new in STEPS.items():
        StretchStep.objects.filter(text=old).update(text=new)
    for field, changes in STRETCHES.items():
        for old, new in changes.items():
            Stretch.objects.filter(**{field: old}).update(**{field: new})


class Migration(migrations.Migration):
    dependencies = [("routines", "0002_seed_library_and_stages")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
