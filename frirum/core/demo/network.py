"""The demo network: centres, a hub with satellites, the national chat and a Family site.

The municipalities are the real ones (codes from Danmarks Statistik); the addresses are
illustrative street addresses in those towns, and they describe sites, never people.
"""

import datetime as dt
from dataclasses import dataclass, field

from frirum.sites.models import Municipality, OpeningHours, Site, SiteKind

MON, TUE, WED, THU, FRI = range(5)


@dataclass(frozen=True)
class SiteSpec:
    code: str
    name: str
    kind: str
    municipality_code: str | None
    address: str
    opened_on: dt.date
    # (weekday, opens, closes) in local time.
    hours: tuple[tuple[int, str, str], ...]
    hub: str | None = None
    public_link: str = ""
    # Anonymous booking on the public page (drop-in stays the rule everywhere).
    booking_enabled: bool = False
    # Distinct young people in personal counselling in a full year at scale 1.
    youth_per_year: int = 0
    outreach_per_year: int = 0
    group_courses_per_year: int = 0
    # Share of young people living in the site's own municipality (the rest: neighbours).
    local_share: float = 0.8
    neighbours: tuple[str, ...] = field(default_factory=tuple)


def _afternoons(days: tuple[int, ...], opens: str = "13:00", closes: str = "18:00"):
    return tuple((day, opens, closes) for day in days)


SITES: tuple[SiteSpec, ...] = (
    SiteSpec(
        code="hs-kobenhavn",
        name="headspace København",
        kind=SiteKind.CENTRE,
        municipality_code="101",
        address="Nørrebrogade 52, 2200 København N",
        opened_on=dt.date(2013, 9, 1),
        hours=(*_afternoons((MON, TUE, WED, THU), "12:00", "18:00"), (FRI, "12:00", "16:00")),
        youth_per_year=320,
        outreach_per_year=30,
        group_courses_per_year=3,
        local_share=0.82,
        neighbours=("147", "157", "167", "185", "159"),
    ),
    SiteSpec(
        code="hs-aarhus",
        name="headspace Aarhus",
        kind=SiteKind.CENTRE,
        municipality_code="751",
        address="Frederiks Allé 20, 8000 Aarhus C",
        opened_on=dt.date(2014, 3, 1),
        hours=(*_afternoons((MON, TUE, WED, THU)), (FRI, "12:00", "15:00")),
        youth_per_year=260,
        outreach_per_year=24,
        group_courses_per_year=2,
        local_share=0.85,
        neighbours=("727", "740", "741", "746", "706"),
    ),
    SiteSpec(
        code="hs-ballerup",
        name="headspace Ballerup",
        kind=SiteKind.CENTRE,
        municipality_code="151",
        address="Banegårdspladsen 1, 2750 Ballerup",
        opened_on=dt.date(2017, 4, 1),
        hours=_afternoons((MON, TUE, WED, THU)),
        youth_per_year=110,
        outreach_per_year=16,
        group_courses_per_year=1,
        local_share=0.79,
        neighbours=("240", "163", "190", "161"),
    ),
    SiteSpec(
        code="hs-fureso",
        name="headspace Furesø",
        kind=SiteKind.SATELLITE,
        municipality_code="190",
        address="Farum Hovedgade 51, 3520 Farum",
        opened_on=dt.date(2021, 8, 15),
        hours=_afternoons((TUE, THU), "14:00", "18:00"),
        hub="hs-ballerup",
        booking_enabled=True,
        youth_per_year=45,
        outreach_per_year=8,
        local_share=0.85,
        neighbours=("151", "201", "223"),
    ),
    SiteSpec(
        code="hs-rodovre",
        name="headspace Rødovre",
        kind=SiteKind.CENTRE,
        municipality_code="175",
        address="Rødovre Parkvej 150, 2610 Rødovre",
        opened_on=dt.date(2016, 1, 15),
        hours=_afternoons((MON, TUE, WED, THU)),
        youth_per_year=140,
        outreach_per_year=18,
        group_courses_per_year=1,
        local_share=0.75,
        neighbours=("167", "101", "161", "165", "153"),
    ),
    SiteSpec(
        code="hs-glostrup",
        name="headspace Glostrup",
        kind=SiteKind.SATELLITE,
        municipality_code="161",
        address="Hovedvejen 41, 2600 Glostrup",
        opened_on=dt.date(2022, 2, 1),
        hours=_afternoons((MON, WED), "14:00", "18:00"),
        hub="hs-rodovre",
        youth_per_year=35,
        outreach_per_year=6,
        local_share=0.8,
        neighbours=("175", "165", "153"),
    ),
    SiteSpec(
        code="hs-albertslund",
        name="headspace Albertslund",
        kind=SiteKind.SATELLITE,
        municipality_code="165",
        address="Bytorvet 3, 2620 Albertslund",
        opened_on=dt.date(2023, 9, 1),
        hours=_afternoons((TUE, THU), "14:00", "18:00"),
        hub="hs-rodovre",
        youth_per_year=40,
        outreach_per_year=6,
        local_share=0.8,
        neighbours=("161", "175", "169"),
    ),
    SiteSpec(
        code="hs-chat",
        name="headspace chat",
        kind=SiteKind.CHAT,
        municipality_code=None,
        address="",
        opened_on=dt.date(2021, 4, 12),
        hours=(
            *tuple((day, "16:00", "22:00") for day in (MON, TUE, WED, THU)),
            (6, "18:00", "22:00"),
        ),
        youth_per_year=1200,
        # No link elsewhere: the public page sends young people to Frirum's own chat.
    ),
    SiteSpec(
        code="hs-family-aarhus",
        name="headspace Family Aarhus",
        kind=SiteKind.FAMILY,
        municipality_code="751",
        address="Frederiks Allé 20, 8000 Aarhus C",
        opened_on=dt.date(2022, 5, 1),
        hours=((TUE, "15:00", "19:00"), (THU, "15:00", "19:00")),
    ),
)

SITE_CODES = tuple(spec.code for spec in SITES)
SPECS = {spec.code: spec for spec in SITES}


def _time(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


def create_network() -> dict[str, Site]:
    """Create the demo sites with their opening hours; satellites after their hubs."""
    municipalities = {m.code: m for m in Municipality.objects.all()}
    sites: dict[str, Site] = {}
    for spec in SITES:
        sites[spec.code] = Site.objects.create(
            code=spec.code,
            name=spec.name,
            kind=spec.kind,
            municipality=municipalities[spec.municipality_code] if spec.municipality_code else None,
            hub=sites[spec.hub] if spec.hub else None,
            address=spec.address,
            opened_on=spec.opened_on,
            public_link=spec.public_link,
            booking_enabled=spec.booking_enabled,
        )
    OpeningHours.objects.bulk_create(
        OpeningHours(site=sites[spec.code], weekday=day, opens=_time(opens), closes=_time(closes))
        for spec in SITES
        for day, opens, closes in spec.hours
    )
    return sites


def open_weekdays(code: str) -> tuple[int, ...]:
    return tuple(sorted({day for day, _opens, _closes in SPECS[code].hours}))


def opening_window(code: str, weekday: int) -> tuple[dt.time, dt.time] | None:
    for day, opens, closes in SPECS[code].hours:
        if day == weekday:
            return _time(opens), _time(closes)
    return None
