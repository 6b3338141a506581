"""Import of HSDS 3 services (JSON: a list of fully nested service objects, as the export
writes them). All or nothing, like the interchange import: every item is checked against the
published schema and Frirum's rules first, every problem is reported by file, item and field,
and nothing is written unless there is none. Existing entries are matched by their HSDS id
and replaced; entries not in the file stay."""

import datetime as dt
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError, transaction
from django.utils.dateparse import parse_datetime

from frirum.directory.hsds_export import MUNICIPALITY_URI, WEEKDAYS
from frirum.directory.hsds_schema import SchemaError, validate
from frirum.directory.models import (
    Location,
    Organization,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
)
from frirum.sites.models import Municipality, Site
from frirum.taxonomies.models import Term, Vocabulary

MAX_ITEMS = 10_000


class HsdsImportError(Exception):
    def __init__(self, errors: list[SchemaError]):
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors


@dataclass
class _Lookups:
    destinations: dict[str, Term]
    themes: dict[str, Term]
    municipalities: dict[str, Municipality]
    sites: dict[str, Site]

    @classmethod
    def load(cls) -> "_Lookups":
        terms = Term.objects.filter(vocabulary__in=[Vocabulary.DESTINATION, Vocabulary.YOUTH_THEME])
        return cls(
            destinations={t.code: t for t in terms if t.vocabulary == Vocabulary.DESTINATION},
            themes={t.code: t for t in terms if t.vocabulary == Vocabulary.YOUTH_THEME},
            municipalities={m.code: m for m in Municipality.objects.all()},
            sites={s.code: s for s in Site.objects.all()},
        )


@dataclass
class _Parsed:
    data: dict
    fields: dict = field(default_factory=dict)
    themes: list = field(default_factory=list)
    municipalities: list = field(default_factory=list)
    weekly: list = field(default_factory=list)
    exceptions: list = field(default_factory=list)
    locations: list = field(default_factory=list)


def _hhmm(value) -> dt.time | None:
    try:
        return dt.time.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


class _Checker:
    def __init__(self, file: str, lookups: _Lookups):
        self.file = file
        self.lookups = lookups
        self.errors: list[SchemaError] = []

    def error(self, item: int, field_name: str, message: str) -> None:
        self.errors.append(SchemaError(self.file, item, field_name, message, unit="item"))

    def _length(self, item, name, value, model_field) -> None:
        limit = model_field.max_length
        if isinstance(value, str) and limit and len(value) > limit:
            self.error(item, name, f"at most {limit} characters")

    def parse(self, item: int, data: dict) -> _Parsed:
        parsed = _Parsed(data=data)
        f = parsed.fields
        for name in ("name", "description", "url", "email"):
            f[name] = data.get(name) or ""
            self._length(item, name, f[name], Service._meta.get_field(name))
        for name, check in (("url", URLValidator()), ("email", EmailValidator())):
            try:
                if f[name]:
                    check(f[name])
            except ValidationError:
                self.error(item, name, f"not a valid {name}")
        f["status"] = data["status"]
        f["cost"] = data.get("fees_description") or ""
        self._length(item, "fees_description", f["cost"], Service._meta.get_field("cost"))
        for name in ("minimum_age", "maximum_age"):
            value = data.get(name)
            if value is not None and (value != int(value) or not 0 <= value <= 120):
                self.error(item, name, "a whole number of years, 0-120")
                value = None
            f[name] = int(value) if value is not None else None
        if f["minimum_age"] is not None and f["maximum_age"] is not None:
            if f["maximum_age"] < f["minimum_age"]:
                self.error(item, "maximum_age", "below minimum_age")
        f["verified_on"] = _date(data.get("assured_date")) if data.get("assured_date") else None
        if data.get("assured_date") and f["verified_on"] is None:
            self.error(item, "assured_date", "not a date (YYYY-MM-DD)")
        modified = parse_datetime(data["last_modified"]) if data.get("last_modified") else None
        if modified is not None and modified.tzinfo is not None:
            f["updated_at"] = modified
        phones = data.get("phones") or []
        f["phone"] = phones[0]["number"] if phones else ""
        self._length(item, "phones/0/number", f["phone"], Service._meta.get_field("phone"))
        codes = [lang.get("code") or "" for lang in data.get("languages") or []]
        f["languages"] = ",".join(c for c in codes if c)
        self._length(item, "languages", f["languages"], Service._meta.get_field("languages"))
        self._attributes(item, data, parsed)
        self._areas(item, data, parsed)
        self._schedules(item, data, parsed)
        self._locations(item, data, parsed)
        return parsed

    def _attributes(self, item, data, parsed) -> None:
        f = parsed.fields
        f["anonymous_possible"] = f["referral_required"] = False
        f["owner_site"] = None
        destinations = []
        for n, attribute in enumerate(data.get("attributes") or []):
            term = attribute.get("taxonomy_term") or {}
            taxonomy, code = term.get("taxonomy"), term.get("code")
            value = attribute.get("value")
            where = f"attributes/{n}/taxonomy_term/code"
            if taxonomy == "frirum-destination":
                if code not in self.lookups.destinations:
                    self.error(item, where, f"unknown destination category {code!r}")
                else:
                    destinations.append(self.lookups.destinations[code])
            elif taxonomy == "frirum-need":
                if code not in self.lookups.themes:
                    self.error(item, where, f"unknown need {code!r}")
                else:
                    parsed.themes.append(self.lookups.themes[code])
            elif taxonomy == "frirum-eligibility" and code in f:
                if value not in ("true", "false"):
                    self.error(item, f"attributes/{n}/value", "true or false")
                f[code] = value == "true"
            elif taxonomy == "frirum-kept-by":
                if value not in self.lookups.sites:
                    self.error(item, f"attributes/{n}/value", f"unknown site code {value!r}")
                else:
                    f["owner_site"] = self.lookups.sites[value]
        if len(destinations) != 1:
            self.error(item, "attributes", "exactly one frirum-destination category is needed")
        else:
            f["destination"] = destinations[0]

    def _areas(self, item, data, parsed) -> None:
        for n, area in enumerate(data.get("service_areas") or []):
            uri = area.get("uri") or ""
            code = uri.removeprefix(MUNICIPALITY_URI) if uri.startswith(MUNICIPALITY_URI) else None
            if code not in self.lookups.municipalities:
                self.error(item, f"service_areas/{n}/uri", f"not a known municipality ({uri!r})")
            else:
                parsed.municipalities.append(self.lookups.municipalities[code])

    def _schedules(self, item, data, parsed) -> None:
        for n, row in enumerate(data.get("schedules") or []):
            where = f"schedules/{n}"
            opens, closes = _hhmm(row.get("opens_at")), _hhmm(row.get("closes_at"))
            if row.get("freq") == "WEEKLY":
                byday = row.get("byday")
                if byday not in WEEKDAYS:
                    self.error(item, f"{where}/byday", "one day, MO-SU")
                    continue
                if opens is None or closes is None or closes <= opens:
                    self.error(item, f"{where}/opens_at", "opens_at and closes_at, HH:MM, in order")
                    continue
                parsed.weekly.append(
                    {
                        "uid": row["id"],
                        "weekday": WEEKDAYS.index(byday),
                        "opens_at": opens,
                        "closes_at": closes,
                        "valid_from": _date(row.get("valid_from")),
                        "valid_to": _date(row.get("valid_to")),
                    }
                )
            elif row.get("freq") is None and row.get("valid_from"):
                day = _date(row.get("valid_from"))
                if day is None or row.get("valid_to") != row.get("valid_from"):
                    self.error(item, f"{where}/valid_to", "an exception is one day")
                    continue
                if (opens is None) != (closes is None) or (opens and closes <= opens):
                    self.error(item, f"{where}/opens_at", "both hours in order, or none (closed)")
                    continue
                parsed.exceptions.append(
                    {
                        "uid": row["id"],
                        "date": day,
                        "opens_at": opens,
                        "closes_at": closes,
                        "note": (row.get("notes") or "")[:200],
                    }
                )
            else:
                self.error(item, f"{where}/freq", "WEEKLY, or a one-day exception")

    def _locations(self, item, data, parsed) -> None:
        for n, sal in enumerate(data.get("service_at_locations") or []):
            location = sal.get("location")
            if not location:
                self.error(item, f"service_at_locations/{n}/location", "the location is needed")
                continue
            address = (location.get("addresses") or [{}])[0]
            code = address.get("state_province") or ""
            if code and code not in self.lookups.municipalities:
                self.error(
                    item,
                    f"service_at_locations/{n}/location/addresses/0/state_province",
                    f"not a municipality code ({code!r})",
                )
            parsed.locations.append(
                {
                    "sal_uid": sal["id"],
                    "uid": location["id"],
                    "name": (location.get("name") or "")[:200],
                    "address": (address.get("address_1") or "")[:200],
                    "postal_code": (address.get("postal_code") or "")[:8],
                    "city": (address.get("city") or "")[:100],
                    "municipality": self.lookups.municipalities.get(code),
                    "latitude": location.get("latitude"),
                    "longitude": location.get("longitude"),
                }
            )


def parse_json(raw: bytes, *, file: str = "services.json") -> list[dict]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise HsdsImportError([SchemaError(file, None, "", "not UTF-8 text")]) from None
    except json.JSONDecodeError as error:
        message = f"not JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        raise HsdsImportError([SchemaError(file, None, "", message)]) from None
    if isinstance(data, dict) and isinstance(data.get("services"), list):
        data = data["services"]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise HsdsImportError([SchemaError(file, None, "", "a list of service objects")])
    if len(data) > MAX_ITEMS:
        raise HsdsImportError([SchemaError(file, None, "", f"at most {MAX_ITEMS} services")])
    return data


def check_services(items: list[dict], *, file: str) -> list[_Parsed]:
    errors: list[SchemaError] = []
    for n, data in enumerate(items, start=1):
        errors += validate("service", data, file=file, line=n, unit="item")
    if errors:
        raise HsdsImportError(errors)
    checker = _Checker(file, _Lookups.load())
    parsed = [checker.parse(n, data) for n, data in enumerate(items, start=1)]
    seen = set()
    for n, data in enumerate(items, start=1):
        if data["id"] in seen:
            checker.error(n, "id", "the same service id twice")
        seen.add(data["id"])
    if checker.errors:
        raise HsdsImportError(checker.errors)
    return parsed


def _organization(data: dict) -> Organization:
    org = data.get("organization") or {"id": data.get("organization_id")}
    existing = Organization.objects.filter(uid=org["id"]).first() if org.get("id") else None
    values = {
        "name": (org.get("name") or "")[:200],
        "description": (org.get("description") or "")[:2000],
        "url": org.get("website") or "",
        "email": org.get("email") or "",
    }
    if existing is None:
        return Organization.objects.create(
            uid=org.get("id") or data["id"], **{**values, "name": values["name"] or data["name"]}
        )
    if org.get("name"):
        for key, value in values.items():
            setattr(existing, key, value)
        existing.save(update_fields=list(values))
    return existing


@transaction.atomic
def write_services(parsed: list[_Parsed]) -> int:
    for p in parsed:
        organization = _organization(p.data)
        service = Service.objects.filter(uid=p.data["id"]).first() or Service(uid=p.data["id"])
        for key, value in p.fields.items():
            setattr(service, key, value)
        service.organization = organization
        service.is_published = True
        service.save()
        service.themes.set(p.themes)
        service.municipalities.set(p.municipalities)
        service.schedules.all().delete()
        service.exceptions.all().delete()
        Schedule.objects.bulk_create(Schedule(service=service, **row) for row in p.weekly)
        ScheduleException.objects.bulk_create(
            ScheduleException(service=service, **row) for row in p.exceptions
        )
        service.at_locations.all().delete()
        for row in p.locations:
            row = dict(row)
            sal_uid = row.pop("sal_uid")
            location, _ = Location.objects.update_or_create(
                uid=row.pop("uid"), defaults={**row, "organization": organization}
            )
            ServiceAtLocation.objects.create(uid=sal_uid, service=service, location=location)
    return len(parsed)


def import_json(raw: bytes, *, file: str = "services.json") -> int:
    """Check everything, then write everything; HsdsImportError lists every problem."""
    parsed = check_services(parse_json(raw, file=file), file=file)
    try:
        return write_services(parsed)
    except IntegrityError:
        # An id of a schedule or location that another service already uses.
        message = "an id of a schedule, location or service-at-location is used elsewhere"
        raise HsdsImportError([SchemaError(file, None, "", message)]) from None
