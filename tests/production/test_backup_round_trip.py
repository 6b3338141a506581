"""Backups restore across databases: demo data → backup → restore into a fresh database →
every report's exact figures and the whole audit trail identical, SQLite → PostgreSQL → SQLite."""

import json
import shutil
import tempfile
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.production.stack import base_env, fresh_postgres_database, postgres_url, run

pytestmark = pytest.mark.production

DUMP = """
import json, sys
from frirum.audit.models import AuditEntry
from frirum.reports import figures
from frirum.sites.models import Site
# The figures themselves, as `frirum report --format json` writes them (the command would
# also audit each run as an export, which is not what is compared here).
out = {}
years = (2025, 2026)
for year in years:
    for site in Site.objects.order_by("code"):
        kind = "family" if site.kind == "family" else "annual"
        out[f"{kind}-{site.code}-{year}"] = figures.compute(kind, year=year, site=site)
    for kind in ("national", "family"):
        out[f"{kind}-{year}"] = figures.compute(kind, year=year)
out = json.loads(json.dumps(out, default=str, sort_keys=True))
for name in out:
    out[name].pop("meta", None)  # when it was computed
out["audit"] = [
    [e.pk, e.actor_id, e.at.isoformat(), e.action, e.object_type, e.object_id,
     e.object_code, e.site_id, e.changes]
    for e in AuditEntry.objects.order_by("pk")
]
json.dump(out, open(sys.argv[1] + "/all.json", "w"), sort_keys=True)
"""


AUDIT = """
from frirum.accounts.models import User
from frirum.audit.actions import record_audit, snapshot
from frirum.contacts.models import Contact
actor = User.objects.order_by("pk").first()
for contact in Contact.objects.select_related("site").order_by("pk")[:150]:
    after = snapshot(contact, m2m=("themes",))
    record_audit(actor=actor, action="update", instance=contact, site=contact.site,
                 before={**after, "duration_minutes": 1}, after=after)
"""


def snapshot(env: dict, folder: Path) -> dict:
    folder.mkdir()
    script = folder / "dump.py"
    script.write_text(DUMP)
    run(
        env, "shell", "-c", f"import sys; sys.argv=['x', '{folder}']; exec(open('{script}').read())"
    )
    return json.loads((folder / "all.json").read_text())


def test_it_restores_a_backup_into_another_database_with_identical_reports():
    work = Path(tempfile.mkdtemp(prefix="frirum-backup-"))
    try:
        with ExitStack() as stack:
            server = postgres_url()
            second_url = (
                stack.enter_context(fresh_postgres_database(server, "restore")) if server else None
            )
            first = base_env(work / "first", None)
            run(first, "migrate", "--no-input", "-v0")
            run(first, "demo", "--scale", "0.05", "--seed", "3")
            run(first, "shell", "-c", AUDIT)  # the demo is loaded without an audit trail
            original = snapshot(first, work / "first-reports")
            assert len(original["audit"]) > 100
            run(first, "backup", str(work / "first.backup"))

            second = base_env(work / "second", second_url)
            run(second, "migrate", "--no-input", "-v0")
            run(second, "restore", str(work / "first.backup"))
            assert snapshot(second, work / "second-reports") == original
            run(second, "backup", str(work / "second.backup"))

            third = base_env(work / "third", None)
            run(third, "migrate", "--no-input", "-v0")
            run(third, "restore", str(work / "second.backup"))
            assert snapshot(third, work / "third-reports") == original
    finally:
        shutil.rmtree(work, ignore_errors=True)
