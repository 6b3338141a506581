"""Outreach: visits to schools, youth educations and clubs with short contacts."""

import datetime as dt

from frirum.contacts.models import Outreach
from frirum.core.demo import distributions as d
from frirum.core.demo.base import DemoRandom, Period, scaled
from frirum.core.demo.network import SPECS
from frirum.sites.models import Site

NOTES = {
    "school": ("Oplæg i 8. klasse om trivsel", "Trivselsdag på skolen", ""),
    "youth_education": ("Stand i kantinen", "Introduktionsuge", ""),
    "club": ("Aften i ungdomsklubben", ""),
    "event": ("Ungdommens Folkemøde", "Festival-stand", ""),
    "other": ("",),
}


def build_outreach(rng: DemoRandom, *, site: Site, period: Period, scale: float, users):
    spec = SPECS[site.code]
    count = scaled(spec.outreach_per_year * period.days / 365, scale, 0)
    rows = []
    for _ in range(count):
        date = period.day(rng)
        while date.weekday() > 4:  # schools and clubs are visited on weekdays
            date -= dt.timedelta(days=1)
        if date < period.start:
            continue
        kind = rng.weighted(d.OUTREACH_KIND)
        low, high = d.SHORT_CONTACTS[kind]
        rows.append(
            Outreach(
                code=rng.record_code("O"),
                site=site,
                date=date,
                kind=kind,
                short_contacts=rng.randint(low, high),
                note=rng.choice(NOTES[kind]),
                created_by=rng.choice(users) if users else None,
            )
        )
    Outreach.objects.bulk_create(rows)
    return rows
