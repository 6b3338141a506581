"""SQLite's substring index for the young-person search (PostgreSQL has its trigram index)."""

from django.db import migrations

from frirum.people import search_index


def create_search_index(apps, schema_editor):
    # Only on SQLite, and only where FTS5 has the trigram tokenizer: elsewhere a no-op (the
    # system check frirum.W004 says what an old SQLite costs).
    if schema_editor.connection.vendor == "sqlite":
        search_index.create(schema_editor.connection)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        search_index.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("people", "0002_youth_search_key")]

    operations = [migrations.RunPython(create_search_index, drop_search_index)]
