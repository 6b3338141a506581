import django.db.models.functions.text
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

TRIGRAM_INDEX = "youth_search_key_trgm_idx"


def create_trigram_index(apps, schema_editor):
    # Substring search ("%ABC%") on PostgreSQL; SQLite has no trigram index and searches the
    # site's young people with the prefix index and a scan of the candidates instead.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON people_youth "
            "USING gin (search_key gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("interchange", "0001_initial"),
        ("people", "0001_initial"),
        ("sites", "0002_municipalities"),
    ]

    operations = [
        migrations.AddField(
            model_name="youth",
            name="search_key",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.db.models.functions.text.Concat(
                    django.db.models.functions.text.Upper("nickname"),
                    models.Value("\t"),
                    django.db.models.functions.text.Replace(
                        django.db.models.functions.text.Upper("code"),
                        models.Value("-"),
                        models.Value(""),
                    ),
                ),
                output_field=models.TextField(),
            ),
        ),
        migrations.AddIndex(
            model_name="youth",
            index=models.Index(
                fields=["search_key"],
                name="youth_search_key_prefix_idx",
                opclasses=["text_pattern_ops"],
            ),
        ),
        # A no-op outside PostgreSQL.
        TrigramExtension(),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
