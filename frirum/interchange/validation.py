"""The validation pass: read every file once, check every cell, key and reference, write nothing.

What it learns that the writing pass needs (which sites already exist, the ids of young
people and relatives the dataset refers to but does not bring) goes into the Plan.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from frirum.contacts.models import Contact, Outreach
from frirum.family.models import FamilyConversation, Relative, RelativeInquiry
from frirum.interchange import format as fmt
from frirum.interchange.dataset import Dataset, Problem, UnreadableRow
from frirum.interchange.parsing import PARSERS, Lookups, Problems, Row, TooManyProblems
from frirum.interchange.selectors import (
    existing_codes,
    existing_sites,
    imported_batch,
    load_lookups,
)
from frirum.people.models import Youth
from frirum.sites.models import SiteKind

ProgressFactory = Callable[[str, str, int], Callable[[int, int], None] | None]

# Which model holds the keys of each file, for "already in the database" checks.
KEY_MODELS = {
    "youth.csv": Youth,
    "relatives.csv": Relative,
    "contacts.csv": Contact,
    "outreach.csv": Outreach,
    "family_conversations.csv": FamilyConversation,
    "relative_inquiries.csv": RelativeInquiry,
}


@dataclass
class Plan:
    """The outcome of validation: what an import would create, or why it cannot."""

    source_name: str
    fingerprint: str = ""
    problems: list[Problem] = field(default_factory=list)
    truncated: bool = False
    # Rows per file that the import creates (sites: only the new ones).
    counts: dict[str, int] = field(default_factory=dict)
    sites_referenced: int = 0
    existing_site_ids: dict[str, int] = field(default_factory=dict)
    existing_youth_ids: dict[str, int] = field(default_factory=dict)
    existing_relative_ids: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def header_index(spec: fmt.FileSpec, header: list[str], problems: Problems) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, raw in enumerate(header):
        name = raw.strip()
        if name in index:
            problems.add(spec.name, 1, name, _("the column appears twice"))
        elif name not in spec.columns:
            problems.add(
                spec.name,
                1,
                name or str(position + 1),
                _("unknown column (the file's columns are: %(columns)s)")
                % {"columns": ", ".join(spec.columns)},
            )
        index[name] = position
    for name in spec.columns:
        if name in spec.required and name not in index:
            problems.add(spec.name, 1, name, _("this required column is missing"))
    return index


def read_records(
    dataset: Dataset,
    spec: fmt.FileSpec,
    lookups: Lookups,
    problems: Problems,
    on_progress: Callable[[int, int], None] | None = None,
):
    """(line, record) for every valid row of a file; problems for the others."""
    parser = PARSERS[spec.name]
    rows = dataset.rows(spec.name, on_progress)
    try:
        try:
            _line, header = next(rows)
        except StopIteration:
            problems.add(spec.name, 1, None, _("the file is empty: a header row is required"))
            return
        before = len(problems.items)
        index = header_index(spec, header, problems)
        if len(problems.items) > before:
            return
        width = len(header)
        row = Row(spec, index, problems)
        for line, cells in rows:
            if len(cells) != width:
                problems.add(
                    spec.name,
                    line,
                    None,
                    _("%(found)s fields where the header has %(expected)s")
                    % {"found": len(cells), "expected": width},
                )
                continue
            row.reset(line, cells)
            record = parser(row, lookups)
            if row.ok:
                yield line, record
    except UnreadableRow as exc:
        problems.add(spec.name, exc.line, None, exc.message)


class Validator:
    def __init__(self, dataset: Dataset, progress: ProgressFactory | None = None, limit: int = 20):
        self.dataset = dataset
        self.progress = progress
        self.problems = Problems(limit)
        self.plan = Plan(source_name=dataset.display_name)
        self.lookups: Lookups | None = None
        # key -> line of every key seen, per file
        self.keys: dict[str, dict[str, int]] = {spec.name: {} for spec in fmt.FILES}
        self.sites: dict[str, dict] = {}
        # code -> first line of references to young people / relatives not in the dataset
        self._pending_youth: dict[str, int] = {}
        self._pending_relatives: dict[str, int] = {}
        self._answers: set[int] = set()
        self._item_numbers: dict[int, int] = {}

    def run(self) -> Plan:
        try:
            self._run()
        except TooManyProblems:
            self.plan.truncated = True
        self.plan.problems = self.problems.items
        return self.plan

    def _run(self) -> None:
        dataset, problems = self.dataset, self.problems
        for name in dataset.unknown:
            problems.add(name, None, None, _("unknown file (not part of interchange format v1)"))
        if "sites.csv" not in dataset.files:
            problems.add("sites.csv", None, None, _("the file is missing; every dataset has one"))
        self.plan.fingerprint = dataset.fingerprint()
        batch = imported_batch(self.plan.fingerprint)
        if batch is not None:
            problems.add(
                dataset.display_name,
                None,
                None,
                _("this dataset was already imported on %(when)s (%(source)s)")
                % {
                    "when": date_format(timezone.localtime(batch.imported_at), "DATETIME_FORMAT"),
                    "source": batch.source_name,
                },
            )
            # Every key would be reported again as a duplicate; this one message says it all.
            return
        self.lookups = load_lookups()
        self.db_sites = existing_sites()
        for spec in fmt.FILES:
            if spec.name in dataset.files:
                self._file(spec)
            self.plan.counts.setdefault(spec.name, 0)

    def _records(self, spec: fmt.FileSpec):
        on_progress = None
        if self.progress is not None:
            on_progress = self.progress(spec.name, _("checking"), self.dataset.size(spec.name))
        return read_records(self.dataset, spec, self.lookups, self.problems, on_progress)

    def _key(self, spec: fmt.FileSpec, line: int, code: str) -> bool:
        seen = self.keys[spec.name]
        first = seen.get(code)
        if first is not None:
            self.problems.add(
                spec.name,
                line,
                spec.key,
                _("duplicate key %(code)r (first on line %(first)s)")
                % {"code": code, "first": first},
            )
            return False
        seen[code] = line
        return True

    def _site_ref(self, spec: fmt.FileSpec, line: int, code: str) -> None:
        if code not in self.sites and code not in self.db_sites:
            self.problems.add(
                spec.name, line, "site_code", _("unknown site %(code)r") % {"code": code}
            )

    def _file(self, spec: fmt.FileSpec) -> None:
        handler = getattr(self, "_" + spec.name.removesuffix(".csv"))
        count = 0
        for line, record in self._records(spec):
            if handler(spec, line, record):
                count += 1
        model = KEY_MODELS.get(spec.name)
        if model is not None:
            self._not_in_database(spec, model)
        if spec is fmt.SITES:
            self._check_hubs()
        elif spec is fmt.CONTACTS:
            self._resolve_pending(
                spec.name, "youth_code", Youth, self._pending_youth, self.plan.existing_youth_ids
            )
        elif spec is fmt.FAMILY_CONVERSATIONS:
            self._resolve_pending(
                spec.name,
                "relative_codes",
                Relative,
                self._pending_relatives,
                self.plan.existing_relative_ids,
            )
        self.plan.counts[spec.name] = count

    def _not_in_database(self, spec: fmt.FileSpec, model) -> None:
        seen = self.keys[spec.name]
        for code in sorted(existing_codes(model, seen), key=seen.__getitem__):
            self.problems.add(
                spec.name,
                seen[code],
                spec.key,
                _("%(code)r is already in the database (imported before?)") % {"code": code},
            )

    def _sites(self, spec, line, record) -> bool:
        code = record["code"]
        if not self._key(spec, line, code):
            return False
        existing = self.db_sites.get(code)
        if existing is not None:
            self._same_site(spec, line, record, existing)
            self.plan.existing_site_ids[code] = existing["id"]
            self.plan.sites_referenced += 1
            return False
        record["line"] = line
        self.sites[code] = record
        return True

    def _same_site(self, spec, line, record, existing) -> None:
        """A dataset may list a site the database has, but only exactly as it is there."""
        theirs = {
            "name": existing["name"],
            "kind": existing["kind"],
            "municipality_code": existing["municipality__code"] or "",
            "hub_site_code": existing["hub__code"] or "",
            "opened_on": existing["opened_on"],
        }
        ours = {
            "name": record["name"],
            "kind": record["kind"],
            "municipality_code": record["municipality_code"],
            "hub_site_code": record["hub_code"],
            "opened_on": record["opened_on"],
        }
        for column, value in ours.items():
            if value != theirs[column]:
                self.problems.add(
                    spec.name,
                    line,
                    column,
                    _("site %(code)r is already in the database with %(theirs)r here, not %(ours)r")
                    % {
                        "code": record["code"],
                        "theirs": "" if theirs[column] is None else str(theirs[column]),
                        "ours": "" if value is None else str(value),
                    },
                )

    def _check_hubs(self) -> None:
        for code, record in self.sites.items():
            hub_code = record["hub_code"]
            if not hub_code:
                continue
            hub = self.sites.get(hub_code) or self.db_sites.get(hub_code)
            if hub is None:
                message = _("unknown site %(code)r") % {"code": hub_code}
            elif hub["kind"] != SiteKind.CENTRE:
                message = _("the hub %(code)r is not a centre") % {"code": hub_code}
            elif hub_code == code:
                message = _("a site cannot be its own hub")
            else:
                continue
            self.problems.add("sites.csv", record["line"], "hub_site_code", message)

    def _youth(self, spec, line, record) -> bool:
        return self._key(spec, line, record["code"])

    def _relatives(self, spec, line, record) -> bool:
        return self._key(spec, line, record["code"])

    def _contacts(self, spec, line, record) -> bool:
        ok = self._key(spec, line, record["code"])
        self._site_ref(spec, line, record["site_code"])
        youth_code = record["youth_code"]
        if youth_code not in self.keys["youth.csv"]:
            self._pending_youth.setdefault(youth_code, line)
        return ok

    def _outreach(self, spec, line, record) -> bool:
        ok = self._key(spec, line, record["code"])
        self._site_ref(spec, line, record["site_code"])
        return ok

    def _responses(self, spec, line, record) -> bool:
        contact_code, _instrument_id, item_id, _item_code, _value = record
        contact_line = self.keys["contacts.csv"].get(contact_code)
        if contact_line is None:
            self.problems.add(
                spec.name,
                line,
                "contact_code",
                _("contact %(code)r is not in contacts.csv of this dataset")
                % {"code": contact_code},
            )
            return False
        # One int per answer key keeps 2.5 million keys affordable.
        key = contact_line * 1_000_003 + self._item_number(item_id)
        if key in self._answers:
            self.problems.add(
                spec.name,
                line,
                "item",
                _("a second answer to the same item for contact %(code)r") % {"code": contact_code},
            )
            return False
        self._answers.add(key)
        return True

    def _item_number(self, item_id: int) -> int:
        return self._item_numbers.setdefault(item_id, len(self._item_numbers))

    def _family_conversations(self, spec, line, record) -> bool:
        ok = self._key(spec, line, record["code"])
        self._site_ref(spec, line, record["site_code"])
        for code in record["relative_codes"]:
            if code not in self.keys["relatives.csv"]:
                self._pending_relatives.setdefault(code, line)
        return ok

    def _relative_inquiries(self, spec, line, record) -> bool:
        ok = self._key(spec, line, record["code"])
        self._site_ref(spec, line, record["site_code"])
        return ok

    # References that the dataset does not bring may point at the database.

    def _resolve_pending(self, file: str, column: str, model, pending, into) -> None:
        found = existing_codes(model, pending)
        into.update(found)
        for code, line in sorted(pending.items(), key=lambda kv: kv[1]):
            if code not in found:
                self.problems.add(
                    file, line, column, _("unknown reference %(code)r") % {"code": code}
                )
