"""Liveness and readiness for load balancers and process supervisors.

Machine-readable JSON, never any data: only whether each dependency answers.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is alive and answers; nothing else is touched."""
    return JsonResponse({"status": "ok"})


def _check_database() -> dict:
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    executor = MigrationExecutor(connection)
    unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if unapplied:
        return {"ok": False, "error": "migrations not applied", "unapplied": len(unapplied)}
    return {"ok": True}


def _check_cache() -> dict:
    key = "frirum:readyz"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        return {"ok": False, "error": "cache did not keep a value"}
    return {"ok": True}


@require_safe
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready to serve: the database answers with every migration applied, and the shared
    cache (Redis or the database table) keeps a value."""
    checks = {}
    for name, check in (("database", _check_database), ("cache", _check_cache)):
        try:
            checks[name] = check()
        except Exception as error:  # any failure means "not ready", never a 500 page
            logger.warning("readiness check %s failed: %s", name, type(error).__name__)
            checks[name] = {"ok": False, "error": type(error).__name__}
    checks["cache"]["backend"] = settings.FRIRUM_CACHE
    ready = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ready" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )
