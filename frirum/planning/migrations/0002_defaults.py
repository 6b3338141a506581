"""The default rules and budget templates from the founding memos (frirum.planning.defaults)."""

from django.db import migrations


def load(apps, schema_editor):
    from frirum.planning.defaults import load_defaults

    load_defaults(apps)


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
