"""The import benchmark's yardstick: the same rows loaded with plain multi-row INSERT statements.

No validation, no duplicate checks, no audit entry, no progress: read a CSV, look codes up in
dictionaries, insert. What `frirum import` costs beyond this is what its checks cost.
"""

import csv
import datetime as dt
from pathlib import Path

from django.db import connection, models, transaction
from django.utils import timezone

from frirum.contacts.models import Contact, Outreach
from frirum.family.models import FamilyConversation, Relative, RelativeInquiry
from frirum.people.models import Youth
from frirum.questionnaires.models import Item, Response
from frirum.sites.models import Municipality, Site
from frirum.taxonomies.models import Term, Vocabulary


def _constant(field: models.Field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value = now
    elif field.has_default():
        value = field.get_default()
    elif field.null:
        value = None
    else:
        value = ""
    return field.get_db_prep_save(value, connection)


def insert(model_or_table, fields: list[str], rows) -> int:
    """executemany the rows (tuples in `fields` order); other columns get their defaults."""
    if isinstance(model_or_table, str):
        table, extra = model_or_table, []
    else:
        opts = model_or_table._meta
        table = opts.db_table
        now = timezone.now()
        extra = [
            (f.column, _constant(f, now))
            for f in opts.concrete_fields
            if not f.primary_key and f.attname not in fields
        ]
    columns = [*fields, *(column for column, _value in extra)]
    constants = tuple(value for _column, value in extra)
    # Multi-row VALUES statements, as bulk_create writes them, within the parameter limits
    # (SQLite's conservative 999, PostgreSQL's 65535).
    limit = 999 if connection.vendor == "sqlite" else 65535
    per_statement = max(1, min(1000, limit // len(columns)))
    one_row = "({})".format(", ".join(["%s"] * len(columns)))
    # Identifiers come from model metadata, values are parameters.
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608
        connection.ops.quote_name(table),
        ", ".join(connection.ops.quote_name(c) for c in columns),
    )
    count = 0
    chunk: list = []
    with connection.cursor() as cursor:

        def flush():
            sql = head + ", ".join([one_row] * len(chunk))
            cursor.execute(sql, [value for row in chunk for value in row])

        for row in rows:
            chunk.append((*row, *constants))
            if len(chunk) >= per_statement:
                flush()
                count += len(chunk)
                chunk = []
        if chunk:
            flush()
            count += len(chunk)
    return count


def _read(folder: Path, name: str):
    path = folder / name
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def _date(text: str):
    # SQLite stores dates as ISO text; PostgreSQL wants a date.
    return text if connection.vendor == "sqlite" else dt.date.fromisoformat(text)


def _ids(model, key: str = "code") -> dict[str, int]:
    return dict(model.objects.values_list(key, "id"))


def _split(cell: str) -> list[str]:
    return [part for part in cell.split(";") if part] if cell else []


@transaction.atomic
def load(folder: Path) -> int:
    """Load every file of the dataset; returns the number of CSV rows loaded."""
    municipalities = _ids(Municipality)
    terms: dict[str, dict[str, int]] = {}
    for vocabulary, code, pk in Term.objects.values_list("vocabulary", "code", "id"):
        terms.setdefault(vocabulary, {})[code] = pk
    rows = 0

    sites = list(_read(folder, "sites.csv"))
    for row in sorted(sites, key=lambda r: bool(r["hub_site_code"])):
        Site.objects.create(
            code=row["site_code"],
            name=row["name"],
            kind=row["kind"],
            municipality_id=municipalities.get(row["municipality_code"]),
            hub_id=_ids(Site).get(row["hub_site_code"]),
            opened_on=row["opened_on"] or None,
        )
    rows += len(sites)
    site_ids = _ids(Site)

    rows += insert(
        Youth,
        ["code", "gender", "residence_municipality_id"],
        (
            (r["youth_code"], r["gender"], municipalities.get(r["residence_municipality_code"]))
            for r in _read(folder, "youth.csv")
        ),
    )
    youth = _ids(Youth)

    links: dict[str, list[tuple[str, str]]] = {
        "themes": [],
        "bridging_methods": [],
        "bridging_destinations": [],
    }

    def contacts():
        relations = terms[Vocabulary.RELATION]
        for r in _read(folder, "contacts.csv"):
            code = r["contact_code"]
            for name, column in (
                ("themes", "themes"),
                ("bridging_methods", "bridging_methods"),
                ("bridging_destinations", "bridging_destinations"),
            ):
                links[name].extend((code, term) for term in _split(r[column]))
            yield (
                code,
                youth[r["youth_code"]],
                site_ids[r["site_code"]],
                _date(r["date"]),
                r["kind"] or "counselling",
                r["channel"],
                int(r["age"]) if r["age"] else None,
                "" if r["education_status"] == "unknown" else r["education_status"],
                r["dropout_risk"],
                int(r["duration_minutes"]) if r["duration_minutes"] else None,
                relations.get(r["relative_present"]),
                r["bridged"] == "1",
            )

    rows += insert(
        Contact,
        [
            "code",
            "youth_id",
            "site_id",
            "date",
            "kind",
            "channel",
            "age",
            "education_status",
            "dropout_risk",
            "duration_minutes",
            "relative_present_id",
            "bridged",
        ],
        contacts(),
    )
    contact_ids = _ids(Contact)
    for name, vocabulary in (
        ("themes", Vocabulary.YOUTH_THEME),
        ("bridging_methods", Vocabulary.YOUTH_BRIDGING_METHOD),
        ("bridging_destinations", Vocabulary.DESTINATION),
    ):
        codes = terms[vocabulary]
        insert(
            getattr(Contact, name).through._meta.db_table,
            ["contact_id", "term_id"],
            ((contact_ids[c], codes[t]) for c, t in links[name]),
        )

    rows += insert(
        Outreach,
        ["code", "site_id", "date", "kind", "short_contacts"],
        (
            (
                r["activity_code"],
                site_ids[r["site_code"]],
                _date(r["date"]),
                r["kind"],
                int(r["short_contacts"]),
            )
            for r in _read(folder, "outreach.csv")
        ),
    )

    items = {
        (i.version.instrument.code, i.code): (i.version.instrument_id, i.id)
        for i in Item.objects.filter(version__is_current=True).select_related("version__instrument")
    }
    rows += insert(
        Response,
        ["contact_id", "instrument_id", "item_id", "item_code", "value"],
        (
            (
                contact_ids[r["contact_code"]],
                *items[(r["instrument"], r["item"])],
                r["item"],
                int(r["value"]),
            )
            for r in _read(folder, "responses.csv")
        ),
    )

    relations = terms[Vocabulary.RELATION]
    rows += insert(
        Relative,
        ["code", "relation_id"],
        ((r["relative_code"], relations[r["relation"]]) for r in _read(folder, "relatives.csv")),
    )
    relative_ids = _ids(Relative)
    family_links: dict[str, list[tuple[str, str]]] = {
        "relatives": [],
        "themes": [],
        "bridging_methods": [],
        "bridging_destinations": [],
    }

    def conversations():
        for r in _read(folder, "family_conversations.csv"):
            code = r["conversation_code"]
            family_links["relatives"].extend((code, x) for x in _split(r["relative_codes"]))
            for name in ("themes", "bridging_methods", "bridging_destinations"):
                family_links[name].extend((code, x) for x in _split(r[name]))
            yield (
                code,
                site_ids[r["site_code"]],
                _date(r["date"]),
                r["kind"],
                r["channel"],
                r["peer_volunteer"] == "1",
                r["bridged"] == "1",
                r["bridged_for"],
            )

    rows += insert(
        FamilyConversation,
        [
            "code",
            "site_id",
            "date",
            "kind",
            "channel",
            "peer_volunteer_present",
            "bridged",
            "bridged_for",
        ],
        conversations(),
    )
    conversation_ids = _ids(FamilyConversation)
    insert(
        FamilyConversation.relatives.through._meta.db_table,
        ["familyconversation_id", "relative_id"],
        ((conversation_ids[c], relative_ids[r]) for c, r in family_links["relatives"]),
    )
    for name, vocabulary in (
        ("themes", Vocabulary.FAMILY_THEME),
        ("bridging_methods", Vocabulary.FAMILY_BRIDGING_METHOD),
        ("bridging_destinations", Vocabulary.DESTINATION),
    ):
        codes = terms[vocabulary]
        insert(
            getattr(FamilyConversation, name).through._meta.db_table,
            ["familyconversation_id", "term_id"],
            ((conversation_ids[c], codes[t]) for c, t in family_links[name]),
        )

    rows += insert(
        RelativeInquiry,
        ["code", "site_id", "date", "relation_id", "reason"],
        (
            (
                r["inquiry_code"],
                site_ids[r["site_code"]],
                _date(r["date"]),
                relations.get(r["relation"]),
                r["reason"],
            )
            for r in _read(folder, "relative_inquiries.csv")
        ),
    )
    return rows
