"""Computed report figures kept in Django's cache, so that a repeated view is fast.

The trends read every contact of every year (seconds at national scale) and each report page
computes its year and the year before, so the pages keep the figures dicts, exactly as
frirum.reports.figures returned them, under a key of:

    kind, year, site, data version, figures code version

The data version says whether anything the figures read may have changed. It is MAX(id)
over the tables the figures read (one statement; on PostgreSQL a few, see
PG_MAX_PER_STATEMENT), the audit trail and Django's admin
log, each answered from its primary key index whatever the size of the table:

- an import, a registration, an answer, a new site or Family record inserts rows, so a MAX(id)
  grows (ids are never reused: PostgreSQL sequences and SQLite AUTOINCREMENT);
- every change and deletion made in Frirum goes through an action that writes an audit entry
  (house rule), or through the admin, which writes a log entry; either id grows. Export
  entries (a report downloaded) are left out: they change no figure.

COUNT(*) or MAX(updated_at) would also see writes that bypass both, but they scan the
contacts (a tenth of a second per query at national scale), which is what the cache is there
to avoid. Writes outside Frirum (a shell, SQL by hand) are instead bounded by the timeout:
FRIRUM_REPORT_CACHE_SECONDS, ten minutes unless set. The figures code version is a digest of
frirum/reports/figures, so a deployment that changes how a figure is computed never serves
figures computed the old way from a persistent (database) cache.

The version is read before the figures are computed: figures that include a write made in
between are then stored under the older version, never older figures under the newer one.
Nothing here rounds, suppresses or otherwise changes a figure; the `frirum report` command
always computes afresh.
"""

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core.cache import cache as django_cache
from django.db import connection

from frirum.audit.models import DATA_ACTIONS, AuditEntry
from frirum.bookings.models import Booking
from frirum.contacts.models import Contact, GroupSession, Outreach
from frirum.family.models import FamilyConversation, FamilyGroup, Relative, RelativeInquiry
from frirum.interchange.models import ImportBatch
from frirum.people.models import Youth
from frirum.questionnaires.models import InstrumentVersion, Response
from frirum.rosters.models import Assignment, Shift
from frirum.sites.models import Municipality, OpeningHours, Site
from frirum.volunteers.models import PathStep, VolunteerPath

DEFAULT_TIMEOUT = 10 * 60
PREFIX = "frirum:reports"

# Every table whose rows a report's figures (or its site facts) are computed from, with the
# audit trail and the admin log that record the changes and deletions.
SOURCES = (
    Contact,
    Contact.themes.through,
    Contact.bridging_methods.through,
    Contact.bridging_destinations.through,
    GroupSession,
    Outreach,
    Youth,
    Response,
    InstrumentVersion,
    FamilyConversation,
    FamilyConversation.relatives.through,
    FamilyGroup,
    Relative,
    RelativeInquiry,
    Site,
    OpeningHours,
    Municipality,
    ImportBatch,
    # A new booking grows its MAX(id); the staff's changes to one are audited. A young
    # person's own cancel or move is neither: the timeout bounds how long a report misses it.
    Booking,
    # The volunteer figure: a new shift, sign-up or path step grows a MAX(id); a confirmed
    # attendance, a hand-over or a removal goes through frirum.rosters.actions, audited.
    Shift,
    Assignment,
    VolunteerPath,
    PathStep,
    AuditEntry,
    LogEntry,
)


def _max_id_sql(model) -> str:
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    if model is AuditEntry:
        # Sign-ins, exports and downloads are audited too but change no figure: only the data
        # changes count (answered from a partial index), or every sign-in or download would
        # throw the cached reports away.
        action = quote(AuditEntry._meta.get_field("action").column)
        actions = ", ".join(f"'{value}'" for value in DATA_ACTIONS)
        return f"(SELECT MAX({pk}) FROM {table} WHERE {action} IN ({actions}))"  # noqa: S608
    return f"(SELECT MAX({pk}) FROM {table})"  # noqa: S608


# PostgreSQL takes a lock on each table and index a statement reads; a backend holds up to 16
# of them on its own "fast path", beyond that every lock goes through the shared lock manager,
# whose partition locks the web's 50 concurrent report pages queued on (benchmarks/RESULTS.md).
# Seven MAX(id)s read a table and its primary key index each: 14 locks per statement.
PG_MAX_PER_STATEMENT = 7


def _max_ids_statements() -> list[str]:
    # Table and column names from the models' own metadata, quoted; no input reaches this.
    parts = [_max_id_sql(model) for model in SOURCES]
    size = PG_MAX_PER_STATEMENT if connection.vendor == "postgresql" else len(parts)
    return [
        "SELECT " + ", ".join(parts[start : start + size]) for start in range(0, len(parts), size)
    ]


def data_version() -> str:
    """A short digest that changes whenever the data behind any report may have changed."""
    values: list = []
    with connection.cursor() as cursor:
        for statement in _max_ids_statements():
            cursor.execute(statement)
            values.extend(cursor.fetchone())
    return hashlib.sha256(repr(tuple(values)).encode()).hexdigest()[:16]


@cache
def code_version() -> str:
    """A digest of the source of frirum/reports/figures (and the hours rule it reads),
    read once per process."""
    folder = Path(__file__).resolve().parent / "figures"
    # The volunteer figure counts attended hours by frirum.rosters.hours' rule: a change to
    # that rule changes the figure too.
    hours = Path(__file__).resolve().parent.parent / "rosters" / "hours.py"
    digest = hashlib.sha256()
    for path in [*sorted(folder.glob("*.py")), hours]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def timeout() -> int:
    return int(getattr(settings, "FRIRUM_REPORT_CACHE_SECONDS", DEFAULT_TIMEOUT))


def cache_key(kind: str, *, year: int | None, site, version: str, until=None) -> str:
    site_part = f"site{site.pk}" if site is not None else "all"
    year_part = str(year) if year is not None else "all"
    if until is not None:
        year_part += f"-until-{until.isoformat()}"
    return f"{PREFIX}:{kind}:{year_part}:{site_part}:{version}:{code_version()}"


def cached_figures(
    kind: str, *, year: int | None, site, version: str, compute: Callable[[], dict], until=None
) -> dict:
    """The figures of one report from the cache, or computed by `compute` and kept.

    `version` is data_version(), read by the caller before anything is computed (one read
    serves every report a request shows).
    """
    key = cache_key(kind, year=year, site=site, version=version, until=until)
    figures = django_cache.get(key)
    if figures is None:
        figures = compute()
        django_cache.set(key, figures, timeout())
    return figures
