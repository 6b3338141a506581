"""How far a site's data has moved: a cheap version for caches of what a site's pages show."""

from asgiref.local import Local
from django.contrib.admin.models import LogEntry
from django.db import connection

from frirum.audit.models import DATA_ACTIONS, AuditEntry


def _site_version_sql() -> str:
    from frirum.interchange.models import ImportBatch

    quote = connection.ops.quote_name
    audit = quote(AuditEntry._meta.db_table)
    site = quote(AuditEntry._meta.get_field("site").column)
    action = quote(AuditEntry._meta.get_field("action").column)
    actions = ", ".join(f"'{value}'" for value in DATA_ACTIONS)
    # Table and column names from the models' metadata, the actions from code; the site id
    # travels as a parameter.
    return (
        f"SELECT (SELECT MAX(id) FROM {audit} WHERE {site} = %s AND {action} IN ({actions})),"  # noqa: S608
        f" (SELECT MAX(id) FROM {quote(LogEntry._meta.db_table)}),"
        f" (SELECT MAX(id) FROM {quote(ImportBatch._meta.db_table)})"
    )


# The versions read while one request is answered: a page with several kept parts (the
# registration form and the directory search in it) reads its site's version once. Set
# when a request starts (frirum/audit/apps.py), emptied by any write that moves a version,
# and dropped when the request ends; outside a request nothing is remembered.
_request = Local()


def site_data_version(site_id: int) -> tuple:
    """Changes with every data change audited at the site (every create, update, delete and
    restore action writes one), every change made in the admin and every import (which
    writes rows without an entry per row). One query, answered from the last entries of
    three indexes, so it costs the same at ten years of history as at none."""
    remembered = getattr(_request, "versions", None)
    if remembered is not None and site_id in remembered:
        return remembered[site_id]
    with connection.cursor() as cursor:
        cursor.execute(_site_version_sql(), [site_id])
        version = tuple(cursor.fetchone())
    if remembered is not None:
        remembered[site_id] = version
    return version


def remember_versions(**kwargs) -> None:
    _request.versions = {}


def forget_versions(**kwargs) -> None:
    if getattr(_request, "versions", None):
        _request.versions = {}


def stop_remembering(**kwargs) -> None:
    _request.versions = None
