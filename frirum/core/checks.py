"""`frirum check --deploy`: what production needs beyond Django's own deploy checks."""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.checks import Error, Tags, Warning, register
from django.db import connection


@register(Tags.security, deploy=True)
def check_production(app_configs=None, **kwargs):
    if settings.DEBUG:
        return []
    problems = []
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if manifest and not staticfiles_storage.exists(manifest):
        problems.append(
            Error(
                "The static files are not collected: every page would fail.",
                hint="Run `frirum collectstatic --no-input` after each upgrade.",
                id="frirum.E001",
            )
        )
    if settings.FRIRUM_CACHE == "memory":
        problems.append(
            Warning(
                "The cache is in process memory: rate limits and cached reports are not "
                "shared between the server's worker processes.",
                hint="Set REDIS_URL, or leave FRIRUM_CACHE unset to use the database.",
                id="frirum.W002",
            )
        )
    if connection.vendor == "sqlite":
        problems.append(
            Warning(
                "The database is SQLite: fine for a trial, but production runs PostgreSQL.",
                hint="Set DATABASE_URL=postgresql://...",
                id="frirum.W003",
            )
        )
    elif connection.vendor == "postgresql" and autovacuum_is_off():
        problems.append(
            Warning(
                "PostgreSQL's autovacuum is off: the planner keeps the statistics of each "
                "table as it was last analysed, and the workspace's reads of a site's latest "
                "change scan the site's whole audit trail once it has grown.",
                hint="Turn it on (ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf()), "
                "or run ANALYZE on a schedule; see docs/operations.md.",
                id="frirum.W005",
            )
        )
    return problems


def autovacuum_is_off() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        return cursor.fetchone()[0] != "on"
