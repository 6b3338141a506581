"""The demo's directory of help: made-up organisations in the demo municipalities with
plausible categories, opening hours and eligibility, and the demo's bridged conversations
linked to them.

Every name, phone number and address is invented; phone numbers use the 70 70 xx xx range
and e-mail addresses the reserved .example domain. Ids are derived from a fixed namespace, so
the same entries come back on every load and `--reset` finds them again.
"""

import datetime as dt
import uuid

from frirum.contacts.models import Contact
from frirum.core.demo.base import DemoRandom
from frirum.directory.models import (
    Location,
    Organization,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
    ServiceBridging,
    ServiceStatus,
)
from frirum.sites.models import Municipality, Site
from frirum.taxonomies.models import Term, Vocabulary

NAMESPACE = uuid.UUID("7d0f6a52-2b8e-4c61-9a43-5f1e0c3b8d21")
MON, TUE, WED, THU, FRI = range(5)

# (municipality code, town, postal code, demo site code that keeps the local entries)
TOWNS = (
    ("101", "København", "2200", "hs-kobenhavn"),
    ("751", "Aarhus", "8000", "hs-aarhus"),
    ("151", "Ballerup", "2750", "hs-ballerup"),
    ("190", "Furesø", "3520", "hs-fureso"),
    ("175", "Rødovre", "2610", "hs-rodovre"),
    ("161", "Glostrup", "2600", "hs-glostrup"),
    ("165", "Albertslund", "2620", "hs-albertslund"),
)

DAYTIME = (*tuple((day, "09:00", "15:00") for day in (MON, TUE, WED, THU)), (FRI, "09:00", "13:00"))
AFTERNOONS = ((TUE, "14:00", "19:00"), (THU, "14:00", "19:00"))

# (key, name pattern, destination, themes, min age, max age, anonymous, referral, cost, hours)
LOCAL = (
    (
        "ssp",
        "SSP {town}",
        "municipal",
        ("violence_abuse", "substance_use", "bullying"),
        12,
        18,
        True,
        False,
        "Gratis",
        DAYTIME,
    ),
    (
        "ppr",
        "PPR {town} - ungevejledning",
        "municipal",
        ("education_work", "diagnosis"),
        12,
        18,
        False,
        True,
        "Gratis",
        DAYTIME,
    ),
    (
        "rus",
        "Ungerådgivningen om rusmidler, {town}",
        "municipal",
        ("substance_use",),
        12,
        25,
        True,
        False,
        "Gratis",
        AFTERNOONS,
    ),
    (
        "job",
        "Jobcenter {town} - Ungeindsatsen",
        "job_centre",
        ("education_work",),
        16,
        29,
        False,
        False,
        "Gratis",
        DAYTIME,
    ),
    (
        "uu",
        "Ungdommens Uddannelsesvejledning {town}",
        "education_guidance",
        ("education_work", "practical_matters"),
        14,
        25,
        False,
        False,
        "Gratis",
        DAYTIME,
    ),
    (
        "psy",
        "Psykologhuset {town}",
        "psychologist",
        ("anxiety", "sadness_depression", "stress", "grief"),
        12,
        None,
        False,
        True,
        "Gratis for 18-24-årige med henvisning; ellers egenbetaling",
        DAYTIME,
    ),
    (
        "gp",
        "Lægerne i {town} Centrum",
        "gp",
        ("diagnosis", "body_eating", "other"),
        None,
        None,
        False,
        False,
        "Gratis (sygesikring)",
        DAYTIME,
    ),
)

# National entries kept by the secretariat: no municipality means the whole country.
NATIONAL = (
    (
        "sorg",
        "Sorgnetværket for unge",
        "civil_society",
        ("grief",),
        14,
        28,
        True,
        False,
        "Gratis",
        AFTERNOONS,
    ),
    (
        "lgbt",
        "Regnbuelinjen (frivillig rådgivning)",
        "civil_society",
        ("sexuality_gender",),
        13,
        30,
        True,
        False,
        "Gratis",
        AFTERNOONS,
    ),
    (
        "spis",
        "Spiselinjen - rådgivning om spiseforstyrrelser",
        "civil_society",
        ("body_eating", "self_harm"),
        12,
        35,
        True,
        False,
        "Gratis",
        AFTERNOONS,
    ),
    (
        "akut",
        "Psykiatrisk akutmodtagelse, Region (demo)",
        "psychiatry",
        ("suicidal_thoughts", "self_harm"),
        None,
        None,
        False,
        False,
        "Gratis",
        tuple((day, "00:00", "23:59") for day in range(7)),
    ),
    (
        "ung",
        "Ungepsykiatrisk ambulatorium (demo)",
        "psychiatry",
        ("anxiety", "sadness_depression", "diagnosis"),
        12,
        17,
        False,
        True,
        "Gratis",
        DAYTIME,
    ),
)


def demo_uid(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _service(rng, *, key, spec, town, municipality, site, today, number, themes, destinations):
    _, name, destination, theme_codes, low, high, anonymous, referral, cost, hours = spec
    organization = Organization.objects.create(
        uid=demo_uid(f"org:{key}"), name=name.format(town=town).split(" - ")[0]
    )
    # Most entries were checked within the year; some are overdue, to show the stale flag.
    age_days = rng.randint(400, 560) if rng.random() < 0.15 else rng.randint(5, 330)
    service = Service.objects.create(
        uid=demo_uid(f"service:{key}"),
        organization=organization,
        name=name.format(town=town),
        description="",
        phone=f"70 70 {number // 100 % 100:02d} {number % 100:02d}",
        email=f"{key.replace(':', '-')}@demo-tilbud.example",
        status=ServiceStatus.TEMPORARILY_CLOSED if rng.random() < 0.04 else ServiceStatus.ACTIVE,
        destination=destinations[destination],
        minimum_age=low,
        maximum_age=high,
        anonymous_possible=anonymous,
        referral_required=referral,
        languages="da,en" if rng.random() < 0.6 else "da",
        cost=cost,
        owner_site=site,
        verified_on=today - dt.timedelta(days=age_days),
    )
    service.themes.set([themes[c] for c in theme_codes])
    if municipality is not None:
        service.municipalities.set([municipality])
        location = Location.objects.create(
            uid=demo_uid(f"location:{key}"),
            organization=organization,
            name=organization.name,
            address=f"Demovej {number % 90 + 1}",
            postal_code=TOWNS_BY_CODE[municipality.code][2],
            city=town,
            municipality=municipality,
        )
        ServiceAtLocation.objects.create(
            uid=demo_uid(f"sal:{key}"), service=service, location=location
        )
    Schedule.objects.bulk_create(
        Schedule(
            uid=demo_uid(f"schedule:{key}:{day}"),
            service=service,
            weekday=day,
            opens_at=_time(opens),
            closes_at=_time(closes),
        )
        for day, opens, closes in hours
    )
    return service


TOWNS_BY_CODE = {town[0]: town for town in TOWNS}


def build_directory(rng: DemoRandom, *, sites: dict[str, Site], today: dt.date) -> list[Service]:
    themes = {t.code: t for t in Term.objects.of(Vocabulary.YOUTH_THEME)}
    destinations = {t.code: t for t in Term.objects.of(Vocabulary.DESTINATION)}
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=TOWNS_BY_CODE)}
    services = []
    number = 1000
    for code, town, _postal, site_code in TOWNS:
        for spec in LOCAL:
            number += 7
            services.append(
                _service(
                    rng,
                    key=f"{spec[0]}:{code}",
                    spec=spec,
                    town=town,
                    municipality=municipalities[code],
                    site=sites.get(site_code),
                    today=today,
                    number=number,
                    themes=themes,
                    destinations=destinations,
                )
            )
    for spec in NATIONAL:
        number += 7
        services.append(
            _service(
                rng,
                key=f"national:{spec[0]}",
                spec=spec,
                town="",
                municipality=None,
                site=None,
                today=today,
                number=number,
                themes=themes,
                destinations=destinations,
            )
        )
    # A closing day at Christmas for the local services: an exception to the weekly hours.
    christmas = dt.date(today.year, 12, 24)
    ScheduleException.objects.bulk_create(
        ScheduleException(
            uid=demo_uid(f"exception:{s.uid}:{christmas}"), service=s, date=christmas, note="Jul"
        )
        for s in services
        if s.owner_site_id is not None
    )
    return services


def link_bridgings(rng: DemoRandom, *, services: list[Service], site_codes) -> int:
    """Link most of the demo's bridged conversations to a fitting directory service: same
    destination category, serving the site's municipality (or the whole country)."""
    by_key: dict[tuple[int, int | None], list[int]] = {}
    for service in services:
        served = [m.pk for m in service.municipalities.all()] or [None]
        for municipality_id in served:
            by_key.setdefault((service.destination_id, municipality_id), []).append(service.pk)
    through = Contact.bridging_destinations.through
    rows = through.objects.filter(
        contact__site__code__in=site_codes, contact__bridged=True
    ).values_list("contact_id", "term_id", "contact__site__municipality_id")
    links = []
    for contact_id, term_id, municipality_id in rows.iterator():
        candidates = by_key.get((term_id, municipality_id)) or by_key.get((term_id, None))
        if candidates and rng.random() < 0.7:
            links.append(ServiceBridging(contact_id=contact_id, service_id=rng.choice(candidates)))
    ServiceBridging.objects.bulk_create(links, ignore_conflicts=True)
    return len(links)


def wipe_directory() -> None:
    """Remove the demo's entries (call after the demo's conversations are gone)."""
    keys = [f"{spec[0]}:{code}" for code, *_ in TOWNS for spec in LOCAL]
    keys += [f"national:{spec[0]}" for spec in NATIONAL]
    services = Service.objects.filter(uid__in=[demo_uid(f"service:{k}") for k in keys])
    ServiceBridging.objects.filter(service__in=services).delete()
    services.delete()
    Organization.objects.filter(uid__in=[demo_uid(f"org:{k}") for k in keys]).delete()
