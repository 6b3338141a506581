"""The database cache's table, so that FRIRUM_CACHE=database (the production default without
Redis) works after `frirum migrate` alone, with no separate `createcachetable` step."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "frirum_cache"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if TABLE not in connection.introspection.table_names():
        command = CreateCacheTable()
        command.verbosity = 0
        command.create_table(connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create, drop, elidable=False)]
