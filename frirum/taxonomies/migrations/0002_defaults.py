from django.db import migrations


def load(apps, schema_editor):
    from frirum.taxonomies.defaults import seed_terms

    seed_terms(apps.get_model("taxonomies", "Term"))


class Migration(migrations.Migration):
    dependencies = [("taxonomies", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
