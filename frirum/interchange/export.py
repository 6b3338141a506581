"""Writing a dataset: every file of the format, streamed from the database.

Rows go out in id order, which is the order an import inserts them, so export -> import ->
export gives the same files. Many-to-many codes are read one query per table, sorted by
owner, and merged with the owners as both streams advance: memory stays flat however big the
database is.
"""

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.db.models import QuerySet

from frirum.contacts.models import Contact, Outreach
from frirum.family.models import FamilyConversation, Relative, RelativeInquiry
from frirum.interchange import format as fmt
from frirum.lib.spreadsheet import inert_cell
from frirum.people.models import Gender, Youth
from frirum.questionnaires.models import Response
from frirum.sites.models import Site, SiteKind

CHUNK = 5000


@dataclass(frozen=True)
class Scope:
    """What to export: everything, or one site and/or a period (dates inclusive)."""

    site: Site | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def records(self, qs: QuerySet) -> QuerySet:
        if self.site is not None:
            qs = qs.filter(site=self.site)
        if self.date_from is not None:
            qs = qs.filter(date__gte=self.date_from)
        if self.date_to is not None:
            qs = qs.filter(date__lte=self.date_to)
        return qs

    @property
    def everything(self) -> bool:
        return self.site is None and self.date_from is None and self.date_to is None


def _cell(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "1"
    if value is False:
        return "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        # No formula reaches a spreadsheet; the import takes the apostrophe off again.
        return inert_cell(value)
    return str(value)


def _multi(codes: Iterable[str]) -> str:
    return fmt.MULTI_SEPARATOR.join(sorted(codes))


class _Grouped:
    """Codes per owner from a stream of (owner id, code) sorted by owner id."""

    def __init__(self, rows: Iterator[tuple[int, str]]):
        self.rows = rows
        self.current = next(self.rows, None)

    def take(self, owner_id: int) -> list[str]:
        found = []
        while self.current is not None and self.current[0] <= owner_id:
            if self.current[0] == owner_id:
                found.append(self.current[1])
            self.current = next(self.rows, None)
        return found


def _grouped(through: QuerySet, owner: str, code: str, owners: QuerySet) -> _Grouped:
    rows = (
        through.filter(**{f"{owner}__in": owners.values("id")})
        .order_by(owner, code)
        .values_list(owner, code)
        .iterator(chunk_size=CHUNK)
    )
    return _Grouped(rows)


class Exporter:
    def __init__(self, scope: Scope):
        self.scope = scope
        self.contacts = scope.records(Contact.objects.all())
        self.conversations = scope.records(FamilyConversation.objects.all())

    def sites(self) -> Iterator[tuple]:
        qs = Site.objects.all()
        if self.scope.site is not None:
            site = self.scope.site
            ids = [site.id]
            if site.kind == SiteKind.SATELLITE and site.hub_id:
                ids.append(site.hub_id)
            qs = qs.filter(id__in=ids)
        yield from qs.order_by("id").values_list(
            "code", "name", "kind", "municipality__code", "hub__code", "opened_on"
        )

    def youth(self) -> Iterator[tuple]:
        qs = Youth.objects.all()
        if not self.scope.everything:
            qs = qs.filter(id__in=self.contacts.values("youth_id"))
        for code, gender, residence in (
            qs.order_by("id")
            .values_list("code", "gender", "residence_municipality__code")
            .iterator(chunk_size=CHUNK)
        ):
            yield code, gender or Gender.UNKNOWN, residence

    def contact_rows(self) -> Iterator[tuple]:
        through = (
            (Contact.themes.through, "themes"),
            (Contact.bridging_methods.through, "methods"),
            (Contact.bridging_destinations.through, "destinations"),
        )
        themes, methods, destinations = (
            _grouped(model.objects.all(), "contact_id", "term__code", self.contacts)
            for model, _name in through
        )
        rows = (
            self.contacts.order_by("id")
            .values_list(
                "id",
                "code",
                "youth__code",
                "site__code",
                "date",
                "kind",
                "channel",
                "age",
                "education_status",
                "dropout_risk",
                "duration_minutes",
                "relative_present__code",
                "bridged",
            )
            .iterator(chunk_size=CHUNK)
        )
        for contact_id, *values in rows:
            yield (
                *values[:10],
                _multi(themes.take(contact_id)),
                values[10],
                values[11],
                _multi(methods.take(contact_id)),
                _multi(destinations.take(contact_id)),
            )

    def outreach(self) -> Iterator[tuple]:
        yield from (
            self.scope.records(Outreach.objects.all())
            .order_by("id")
            .values_list("code", "site__code", "date", "kind", "short_contacts")
            .iterator(chunk_size=CHUNK)
        )

    def responses(self) -> Iterator[tuple]:
        qs = Response.objects.all()
        if not self.scope.everything:
            qs = qs.filter(contact__in=self.contacts.values("id"))
        yield from (
            qs.order_by("id")
            .values_list("contact__code", "instrument__code", "item_code", "value")
            .iterator(chunk_size=CHUNK)
        )

    def relatives(self) -> Iterator[tuple]:
        qs = Relative.objects.all()
        if not self.scope.everything:
            qs = qs.filter(
                id__in=FamilyConversation.relatives.through.objects.filter(
                    familyconversation__in=self.conversations.values("id")
                ).values("relative_id")
            )
        yield from (
            qs.order_by("id").values_list("code", "relation__code").iterator(chunk_size=CHUNK)
        )

    def family_conversations(self) -> Iterator[tuple]:
        owner = "familyconversation_id"
        relatives = _grouped(
            FamilyConversation.relatives.through.objects.all(),
            owner,
            "relative__code",
            self.conversations,
        )
        themes, methods, destinations = (
            _grouped(model.objects.all(), owner, "term__code", self.conversations)
            for model in (
                FamilyConversation.themes.through,
                FamilyConversation.bridging_methods.through,
                FamilyConversation.bridging_destinations.through,
            )
        )
        rows = (
            self.conversations.order_by("id")
            .values_list(
                "id",
                "code",
                "site__code",
                "date",
                "kind",
                "channel",
                "peer_volunteer_present",
                "peer_volunteer_id",
                "bridged",
                "bridged_for",
            )
            .iterator(chunk_size=CHUNK)
        )
        for pk, code, site, date, kind, channel, present, peer_id, bridged, bridged_for in rows:
            yield (
                code,
                site,
                date,
                kind,
                channel,
                _multi(relatives.take(pk)),
                present or peer_id is not None,
                _multi(themes.take(pk)),
                bridged,
                bridged_for,
                _multi(methods.take(pk)),
                _multi(destinations.take(pk)),
            )

    def inquiries(self) -> Iterator[tuple]:
        yield from (
            self.scope.records(RelativeInquiry.objects.all())
            .order_by("id")
            .values_list("code", "site__code", "date", "relation__code", "reason")
            .iterator(chunk_size=CHUNK)
        )

    def files(self) -> Iterator[tuple[fmt.FileSpec, Callable[[], Iterator[tuple]]]]:
        yield fmt.SITES, self.sites
        yield fmt.YOUTH, self.youth
        yield fmt.CONTACTS, self.contact_rows
        yield fmt.OUTREACH, self.outreach
        yield fmt.RESPONSES, self.responses
        yield fmt.RELATIVES, self.relatives
        yield fmt.FAMILY_CONVERSATIONS, self.family_conversations
        yield fmt.RELATIVE_INQUIRIES, self.inquiries


@contextmanager
def _open_target(path: Path):
    """Yields open(name) -> text stream, for a folder or a .zip."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:

            @contextmanager
            def open_member(name: str):
                with (
                    archive.open(name, "w", force_zip64=True) as raw,
                    io.TextIOWrapper(raw, encoding="utf-8", newline="") as text,
                ):
                    yield text

            yield open_member
    else:
        path.mkdir(parents=True, exist_ok=True)

        def open_file(name: str):
            return (path / name).open("w", encoding="utf-8", newline="")

        yield open_file


def write_dataset(path: Path, scope: Scope, on_file: Callable[[str, int], None] | None = None):
    """Writes all eight files (header rows always); returns rows written per file."""
    counts: dict[str, int] = {}
    exporter = Exporter(scope)
    with _open_target(path) as open_target:
        for spec, rows in exporter.files():
            with open_target(spec.name) as stream:
                writer = csv.writer(stream, lineterminator="\r\n")
                writer.writerow(spec.columns)
                n = 0
                for row in rows():
                    writer.writerow([_cell(v) for v in row])
                    n += 1
            counts[spec.name] = n
            if on_file is not None:
                on_file(spec.name, n)
    return counts


def unexpected_files(path: Path) -> list[str]:
    """Files in an existing export folder that a re-import would refuse as unknown."""
    if path.suffix.lower() == ".zip" or not path.is_dir():
        return []
    return sorted(p.name for p in path.iterdir() if p.name not in fmt.FILES_BY_NAME)
