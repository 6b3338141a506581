from django.db import migrations


def load(apps, schema_editor):
    from frirum.questionnaires.defaults import seed_instruments

    seed_instruments(
        apps.get_model("questionnaires", "Instrument"),
        apps.get_model("questionnaires", "InstrumentVersion"),
        apps.get_model("questionnaires", "Item"),
    )


class Migration(migrations.Migration):
    dependencies = [("questionnaires", "0002_version_source_text")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
