"""The directory as HSDS 3 JSON: one fully nested service object per service.

Frirum's own eligibility and categories travel as HSDS attributes with taxonomy terms of
four Frirum taxonomies (destination category, need, eligibility, keeping site); municipalities
served as service areas with the URI `urn:dk:kommune:<code>`; the last verification as
`assured_date`. Ids of child objects (phones, schedules, ...) are derived from the service's
id, so an export is the same every time and an import of it gives it back unchanged.
"""

import uuid

from django.db.models import Prefetch, QuerySet

from frirum.directory.models import Schedule, ScheduleException, Service, ServiceAtLocation
from frirum.taxonomies.models import Term, Vocabulary

NAMESPACE = uuid.UUID("0b6c2f4e-7a1d-4e3b-8f5a-2c9d1e6b7a40")
MUNICIPALITY_URI = "urn:dk:kommune:"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# Frirum's taxonomies: name -> (description, vocabulary or None for fixed terms).
TAXONOMIES = {
    "frirum-destination": ("Frirum's bridging destination categories", Vocabulary.DESTINATION),
    "frirum-need": ("Frirum's themes of young people's needs", Vocabulary.YOUTH_THEME),
    "frirum-eligibility": ("Frirum's eligibility flags (value true or false)", None),
    "frirum-kept-by": ("The Frirum site that keeps the entry (value: its site code)", None),
}
FIXED_TERMS = {
    "frirum-eligibility": (
        ("anonymous_possible", "One can come anonymously"),
        ("referral_required", "A referral is required"),
    ),
    "frirum-kept-by": (("site", "Kept by site"),),
}


def derived_id(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def taxonomy_id(name: str) -> str:
    return derived_id("taxonomy", name)


def term_id(taxonomy: str, code: str) -> str:
    return derived_id("term", taxonomy, code)


def taxonomy_objects() -> list[dict]:
    return [
        {"id": taxonomy_id(name), "name": name, "description": description, "version": "1"}
        for name, (description, _) in TAXONOMIES.items()
    ]


def term_object(taxonomy: str, code: str, name: str) -> dict:
    return {
        "id": term_id(taxonomy, code),
        "code": code,
        "name": name,
        "description": name,
        "taxonomy": taxonomy,
        "taxonomy_id": taxonomy_id(taxonomy),
    }


def taxonomy_term_objects() -> list[dict]:
    """Every term of Frirum's taxonomies (inactive ones too: old entries may use them)."""
    terms = []
    by_vocabulary = {v: n for n, (_, v) in TAXONOMIES.items() if v}
    for term in Term.objects.filter(vocabulary__in=list(by_vocabulary)).order_by(
        "vocabulary", "position", "code"
    ):
        terms.append(term_object(by_vocabulary[term.vocabulary], term.code, term.label_en))
    for taxonomy, fixed in FIXED_TERMS.items():
        terms.extend(term_object(taxonomy, code, name) for code, name in fixed)
    return terms


def services_for_export(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.select_related("organization", "destination", "owner_site").prefetch_related(
        "themes",
        "municipalities",
        Prefetch("schedules", queryset=Schedule.objects.order_by("weekday", "opens_at", "uid")),
        Prefetch("exceptions", queryset=ScheduleException.objects.order_by("date")),
        Prefetch(
            "at_locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location", "location__municipality", "location__organization"
            ).order_by("uid"),
        ),
    )


def _attribute(service_id: str, taxonomy: str, code: str, name: str, value: str) -> dict:
    term = term_object(taxonomy, code, name)
    return {
        "id": derived_id(service_id, "attribute", taxonomy, code),
        "link_id": service_id,
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
        "value": value,
    }


def _time(value) -> str:
    return value.strftime("%H:%M")


def _schedules(service: Service, sid: str) -> list[dict]:
    rows = []
    for s in service.schedules.all():
        row = {
            "id": str(s.uid),
            "service_id": sid,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": WEEKDAYS[s.weekday],
            "opens_at": _time(s.opens_at),
            "closes_at": _time(s.closes_at),
        }
        if s.valid_from:
            row["valid_from"] = s.valid_from.isoformat()
        if s.valid_to:
            row["valid_to"] = s.valid_to.isoformat()
        rows.append(row)
    # An exception is a one-day schedule without recurrence: other hours, or none (closed).
    for e in service.exceptions.all():
        row = {
            "id": str(e.uid),
            "service_id": sid,
            "valid_from": e.date.isoformat(),
            "valid_to": e.date.isoformat(),
            "description": "closed" if e.is_closed else "exception",
        }
        if not e.is_closed:
            row.update(opens_at=_time(e.opens_at), closes_at=_time(e.closes_at))
        if e.note:
            row["notes"] = e.note
        rows.append(row)
    return rows


def location_object(sal: ServiceAtLocation) -> dict:
    location = sal.location
    lid = str(location.uid)
    result = {
        "id": lid,
        "location_type": "physical",
        "organization_id": str(location.organization.uid),
        "name": location.name,
        "addresses": [
            {
                "id": derived_id(lid, "address"),
                "location_id": lid,
                "address_1": location.address,
                "city": location.city,
                # HSDS requires a state or province; a Danish municipality is the nearest.
                "state_province": location.municipality.code if location.municipality else "",
                "postal_code": location.postal_code,
                "country": "DK",
                "address_type": "physical",
            }
        ],
    }
    if location.latitude is not None and location.longitude is not None:
        result.update(latitude=float(location.latitude), longitude=float(location.longitude))
    return result


def service_object(service: Service) -> dict:
    """One service as HSDS 3 (compiled service.json shape). Expects services_for_export."""
    sid = str(service.uid)
    org = service.organization
    result = {
        "id": sid,
        "organization_id": str(org.uid),
        "name": service.name,
        "description": service.description,
        "status": service.status,
        "fees_description": service.cost,
        "last_modified": service.updated_at.isoformat(),
    }
    for name in ("url", "email"):
        if getattr(service, name):
            result[name] = getattr(service, name)
    for name in ("minimum_age", "maximum_age"):
        if getattr(service, name) is not None:
            result[name] = getattr(service, name)
    if service.verified_on:
        result["assured_date"] = service.verified_on.isoformat()
    result["organization"] = {
        "id": str(org.uid),
        "name": org.name,
        "description": org.description,
        **({"website": org.url} if org.url else {}),
        **({"email": org.email} if org.email else {}),
    }
    result["phones"] = (
        [{"id": derived_id(sid, "phone"), "service_id": sid, "number": service.phone}]
        if service.phone
        else []
    )
    result["schedules"] = _schedules(service, sid)
    result["service_areas"] = [
        {
            "id": derived_id(sid, "area", m.code),
            "service_id": sid,
            "name": m.name,
            "uri": f"{MUNICIPALITY_URI}{m.code}",
        }
        for m in sorted(service.municipalities.all(), key=lambda m: m.code)
    ]
    result["languages"] = [
        {"id": derived_id(sid, "language", code), "service_id": sid, "code": code}
        for code in service.language_codes
    ]
    attributes = [
        _attribute(
            sid,
            "frirum-destination",
            service.destination.code,
            service.destination.label_en,
            "true",
        )
    ]
    attributes += [
        _attribute(sid, "frirum-need", t.code, t.label_en, "true")
        for t in sorted(service.themes.all(), key=lambda t: t.code)
    ]
    for code, name in FIXED_TERMS["frirum-eligibility"]:
        value = "true" if getattr(service, code) else "false"
        attributes.append(_attribute(sid, "frirum-eligibility", code, name, value))
    if service.owner_site_id:
        attributes.append(
            _attribute(sid, "frirum-kept-by", "site", "Kept by site", service.owner_site.code)
        )
    result["attributes"] = attributes
    result["service_at_locations"] = [
        {
            "id": str(sal.uid),
            "service_id": sid,
            "location_id": str(sal.location.uid),
            "location": location_object(sal),
        }
        for sal in service.at_locations.all()
    ]
    return result


def export_services(services: QuerySet[Service]) -> list[dict]:
    """The services as HSDS; in id order unless the queryset is already ordered (a page)."""
    if not services.query.is_sliced:
        services = services.order_by("uid")
    return [service_object(s) for s in services_for_export(services)]
