"""National trends over the years: contacts, young people, contact reasons, average age.

Every series is one GROUP BY over all the years at once, so the number of queries does not
grow with the number of years or themes.
"""

from django.db.models import Count, F, IntegerField, Max, Min, QuerySet, Window
from django.db.models.functions import ExtractYear, RowNumber

from frirum.contacts.models import Contact
from frirum.lib.codes import code_order
from frirum.reports.figures.common import (
    DEFINITIONS_VERSION,
    counted_over,
    share,
    year_bounds,
)
from frirum.sites.models import Site, SiteKind


def _by_year(rows) -> dict[int, tuple]:
    return {year: rest for year, *rest in rows}


def average_age_rows(contacts: QuerySet[Contact]) -> list[tuple]:
    """Per year: (year, sum of ages, number with a known age) at each young person's first
    contact of that year."""
    ranked = (
        contacts.order_by()
        .annotate(
            year=ExtractYear("date"),
            first_rank=Window(
                RowNumber(),
                partition_by=[ExtractYear("date"), F("youth_id")],
                order_by=[F("date").asc(), code_order("code").asc()],
                output_field=IntegerField(),
            ),
        )
        .values("year", "first_rank", "age")
    )
    return counted_over(
        ranked,
        columns=["ranked.year"],
        where="ranked.first_rank = 1 AND ranked.age IS NOT NULL",
        aggregates="SUM(ranked.age), COUNT(*)",
    )


def trends(*, first_year: int | None = None, last_year: int | None = None) -> dict:
    non_chat = list(Site.objects.exclude(kind=SiteKind.CHAT).values_list("id", flat=True))
    contacts = Contact.objects.filter(site_id__in=non_chat)
    if first_year is None or last_year is None:
        span = contacts.order_by().aggregate(first=Min("date"), last=Max("date"))
        if first_year is None:
            first_year = span["first"].year if span["first"] else None
        if last_year is None:
            last_year = span["last"].year if span["last"] else None
    if first_year is None or last_year is None or first_year > last_year:
        years: list[int] = []
    else:
        years = list(range(first_year, last_year + 1))
        contacts = contacts.filter(
            date__range=(year_bounds(first_year)[0], year_bounds(last_year)[1])
        )

    totals: dict[int, tuple] = {}
    ages: dict[int, tuple] = {}
    theme_counts: dict[str, dict[int, int]] = {}
    if years:
        totals = _by_year(
            contacts.annotate(year=ExtractYear("date"))
            .order_by()
            .values_list("year")
            .annotate(n=Count("id"), youth=Count("youth_id", distinct=True))
        )
        ages = _by_year(average_age_rows(contacts))
        rows = (
            Contact.themes.through.objects.filter(contact__in=contacts.order_by().values("id"))
            .annotate(year=ExtractYear("contact__date"))
            .order_by()
            .values_list("year", "term__code")
            .annotate(n=Count("id"))
        )
        for year, code, n in rows:
            theme_counts.setdefault(code, {})[year] = n

    contact_totals = [totals.get(year, (0, 0))[0] for year in years]
    return {
        "report": "trends",
        "first_year": years[0] if years else first_year,
        "last_year": years[-1] if years else last_year,
        "years": years,
        "contacts_total": contact_totals,
        "youth_personal": [totals.get(year, (0, 0))[1] for year in years],
        "average_age": [
            share(*ages[year]) if year in ages and ages[year][1] else None for year in years
        ],
        "average_age_known": [ages.get(year, (0, 0))[1] for year in years],
        "themes": {
            code: [
                share(counts.get(year, 0), total)
                for year, total in zip(years, contact_totals, strict=True)
            ]
            for code, counts in sorted(theme_counts.items())
        },
        "meta": {"definitions": DEFINITIONS_VERSION, "scope": "every site that is not a chat site"},
    }
