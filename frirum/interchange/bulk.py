"""Fast inserts for imports: plain rows straight into a table, no model instances.

A national dataset has millions of rows; building a model instance per row costs more than
the insert itself. The column list comes from the model's own fields, so a field added later
gets its default here without anybody remembering this module. One path per database:
PostgreSQL streams rows with COPY, SQLite takes batched executemany.
"""

from collections.abc import Iterable, Sequence

from django.db import connection, models
from django.utils import timezone

BATCH_SIZE = 5000


class BulkInserter:
    """Inserts tuples of the given fields (attnames); every other column gets its default."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]):
        opts = model._meta
        self.table = opts.db_table
        given = {name: i for i, name in enumerate(fields)}
        now = timezone.now()
        self.columns: list[str] = []
        # For each column: ("given", index, converter) or ("constant", value)
        self.plan: list[tuple] = []
        sqlite = connection.vendor == "sqlite"
        for field in opts.concrete_fields:
            if field.primary_key and field.attname not in given:
                continue
            if field.generated:  # computed by the database (Youth.search_key)
                continue
            self.columns.append(field.column)
            if field.attname in given:
                convert = None
                if (
                    sqlite
                    and isinstance(field, models.DateField)
                    and not isinstance(field, models.DateTimeField)
                ):
                    convert = _iso
                self.plan.append(("given", given[field.attname], convert))
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            elif field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            elif field.blank and isinstance(field, (models.CharField, models.TextField)):
                value = ""
            else:
                raise ValueError(f"{self.table}.{field.column} needs a value")
            self.plan.append(("constant", field.get_db_prep_save(value, connection)))
        self.sql_columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        self._simple = all((kind == "given" and rest[1] is None) for kind, *rest in self.plan) and [
            p[1] for p in self.plan
        ] == list(range(len(fields)))

    def _full(self, row: Sequence) -> tuple:
        if self._simple:
            return tuple(row)
        out = []
        for step in self.plan:
            if step[0] == "given":
                value = row[step[1]]
                out.append(step[2](value) if step[2] is not None and value is not None else value)
            else:
                out.append(step[1])
        return tuple(out)

    def insert(self, rows: Iterable[Sequence]) -> int:
        if connection.vendor == "postgresql":
            return self._copy(rows)
        return self._executemany(rows)

    def _executemany(self, rows: Iterable[Sequence]) -> int:
        placeholders = ", ".join(["%s"] * len(self.columns))
        # Table and column names come from the model's metadata, quoted; values are parameters.
        sql = f"INSERT INTO {connection.ops.quote_name(self.table)} ({self.sql_columns}) VALUES ({placeholders})"  # noqa: S608
        total = 0
        batch: list[tuple] = []
        with connection.cursor() as cursor:
            for row in rows:
                batch.append(self._full(row))
                if len(batch) >= BATCH_SIZE:
                    cursor.executemany(sql, batch)
                    total += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                total += len(batch)
        return total

    def _copy(self, rows: Iterable[Sequence]) -> int:
        sql = f"COPY {connection.ops.quote_name(self.table)} ({self.sql_columns}) FROM STDIN"
        total = 0
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(self._full(row))
                total += 1
        return total


def _iso(value) -> str:
    return value.isoformat()
