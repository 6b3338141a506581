"""Directory entries for tests."""

import datetime as dt

from frirum.directory.models import Organization, Schedule, Service
from frirum.taxonomies.models import Term, Vocabulary


def make_service(
    name: str,
    *,
    destination: str = "municipal",
    themes=(),
    municipalities=(),
    schedules=(),
    organization: Organization | None = None,
    **fields,
) -> Service:
    organization = organization or Organization.objects.create(name=f"Org of {name}")
    fields.setdefault("verified_on", dt.date(2026, 6, 1))
    service = Service.objects.create(
        organization=organization,
        name=name,
        destination=Term.objects.get(vocabulary=Vocabulary.DESTINATION, code=destination),
        **fields,
    )
    service.themes.set(Term.objects.filter(vocabulary=Vocabulary.YOUTH_THEME, code__in=themes))
    service.municipalities.set(municipalities)
    for weekday, opens, closes in schedules:
        Schedule.objects.create(
            service=service,
            weekday=weekday,
            opens_at=dt.time.fromisoformat(opens),
            closes_at=dt.time.fromisoformat(closes),
        )
    return service
