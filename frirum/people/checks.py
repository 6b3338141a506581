"""System checks for the young-person search."""

import sqlite3

from django.core.checks import Tags, Warning, register
from django.db import connection

from frirum.people import search_index


@register(Tags.compatibility)
def check_search_index(app_configs=None, **kwargs):
    if connection.vendor != "sqlite" or search_index.trigram_available():
        return []
    return [
        Warning(
            f"SQLite {sqlite3.sqlite_version} has no FTS5 trigram tokenizer: a search for part "
            "of a young person's nickname or code reads every young person's search key.",
            hint="Use Python with SQLite 3.34 or later (then run `frirum migrate`), or PostgreSQL.",
            id="frirum.W004",
        )
    ]
