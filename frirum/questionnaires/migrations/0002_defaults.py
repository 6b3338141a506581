from django.db import migrations


def load(apps, schema_editor):
    from frirum.questionnaires.defaults import seed_instruments

    seed_instruments(
        apps.get_model("questionnaires", "Instrument"),
        apps.get_model("questionnaires", "InstrumentVersion"),
        apps.get_model("questionnaires", "Item"),
    )


class Migration(migrations.Migration):
    dependencies = [("questionnaires", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
