"""The years a report can be shown for: those with any data in its scope.

A year without data is no report of zeros: the year list offers only years where something
was registered (conversations, outreach, Family conversations or inquiries).
"""

from django.db.models import Max, Min, QuerySet

from frirum.contacts.models import Contact, Outreach
from frirum.family.models import FamilyConversation, RelativeInquiry
from frirum.reports.figures.common import year_bounds
from frirum.sites.models import SiteKind


def _sources(kind: str, site) -> list[QuerySet]:
    if kind == "family":
        where = {} if site is None else {"site": site}
        return [
            FamilyConversation.objects.filter(**where),
            RelativeInquiry.objects.filter(**where),
            Contact.objects.filter(relative_present__isnull=False, **where),
        ]
    if kind == "national":
        return [
            Contact.objects.exclude(site__kind=SiteKind.CHAT),
            Contact.objects.filter(site__kind=SiteKind.CHAT),
            Outreach.objects.exclude(site__kind=SiteKind.CHAT),
        ]
    return [Contact.objects.filter(site=site), Outreach.objects.filter(site=site)]


def years_with_data(kind: str, site=None) -> list[int]:
    """Newest first. One min/max per source, then one indexed EXISTS per year in between,
    so the cost follows the number of years, not of rows."""
    found: set[int] = set()
    for rows in _sources(kind, site):
        rows = rows.order_by()
        span = rows.aggregate(first=Min("date"), last=Max("date"))
        if span["first"] is None:
            continue
        for year in range(span["first"].year, span["last"].year + 1):
            if year in found:
                continue
            if year in (span["first"].year, span["last"].year) or (
                rows.filter(date__range=year_bounds(year)).exists()
            ):
                found.add(year)
    return sorted(found, reverse=True)
