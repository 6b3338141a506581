"""SQLite's equivalent of PostgreSQL's trigram index on the young people's search key.

An FTS5 table with the trigram tokenizer (SQLite 3.34 or later) holds a copy of each young
person's search key under the young person's id; triggers on people_youth keep it in step
with every write, whichever path makes it (forms, `frirum import`'s batched inserts, a
restore). It is derived data: never backed up, rebuilt from people_youth when in doubt.

The table keeps its own copy of the keys (not an external-content table): deleting a row
then needs only its id, so a trigger can never leave the index inconsistent with the table.
"""

import functools
import sqlite3

TABLE = "people_youth_search"
# The migration that creates it: after it, a migrate puts back whatever is missing.
MIGRATION = ("people", "0003_youth_search_index")
# FTS5's trigram tokenizer arrived in SQLite 3.34.0 (December 2020).
MINIMUM_VERSION = (3, 34, 0)

# The table's name is a constant; nothing typed reaches these statements.
_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(search_key, tokenize='trigram')",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON people_youth BEGIN
        INSERT INTO {TABLE}(rowid, search_key) VALUES (new.id, new.search_key);
    END""",  # noqa: S608
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE ON people_youth
    WHEN old.search_key IS NOT new.search_key OR old.id IS NOT new.id BEGIN
        DELETE FROM {TABLE} WHERE rowid = old.id;
        INSERT INTO {TABLE}(rowid, search_key) VALUES (new.id, new.search_key);
    END""",  # noqa: S608
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON people_youth BEGIN
        DELETE FROM {TABLE} WHERE rowid = old.id;
    END""",  # noqa: S608
]
_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {TABLE}_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete",
    f"DROP TABLE IF EXISTS {TABLE}",
]


@functools.cache
def trigram_available() -> bool:
    """Whether this Python's SQLite has FTS5 with the trigram tokenizer (asked of an
    in-memory database: no query on the application's)."""
    if sqlite3.sqlite_version_info < MINIMUM_VERSION:
        return False
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='trigram')")
    except sqlite3.Error:
        return False
    finally:
        probe.close()
    return True


def in_use(connection) -> bool:
    """Whether searches on this connection go through the FTS5 table."""
    return connection.vendor == "sqlite" and trigram_available()


def create(connection) -> None:
    """The table, its triggers and its contents; nothing outside SQLite or without trigrams
    (the search then falls back to reading the young people's keys)."""
    if not in_use(connection):
        return
    with connection.cursor() as cursor:
        for statement in _CREATE:
            cursor.execute(statement)
    rebuild(connection)


def ensure(connection) -> None:
    """Create what is missing, and refill the table if anything was. After every migrate:
    SQLite's schema editor rebuilds a table it alters (copy, drop, rename), which drops the
    table's triggers with it; and a SQLite upgraded to one with trigrams gets the table."""
    from django.db.migrations.recorder import MigrationRecorder

    if not in_use(connection):
        return
    wanted = {TABLE, f"{TABLE}_insert", f"{TABLE}_update", f"{TABLE}_delete"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name IN (%s, %s, %s, %s)", sorted(wanted)
        )
        found = {row[0] for row in cursor.fetchall()}
    if found != wanted and MIGRATION in MigrationRecorder(connection).applied_migrations():
        create(connection)


def drop(connection) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for statement in _DROP:
            cursor.execute(statement)


def rebuild(connection) -> None:
    """Fill the table afresh from people_youth (after a restore, or to repair it)."""
    if not in_use(connection):
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608 (a constant)
        cursor.execute(
            f"INSERT INTO {TABLE}(rowid, search_key) SELECT id, search_key FROM people_youth"  # noqa: S608
        )


def match_expression(patterns: set[str]) -> str:
    """An FTS5 query matching any of the patterns as a substring: each a quoted string (a
    double quote doubled), so nothing typed is read as FTS5 syntax."""
    quoted = ('"' + pattern.replace('"', '""') + '"' for pattern in sorted(patterns))
    return " OR ".join(quoted)
