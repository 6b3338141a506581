"""Reads about young people at a site."""

from django.db.models import Count, Max, Q, QuerySet, Value
from django.db.models.functions import Replace, Upper

from frirum.contacts.models import Contact
from frirum.people.access import youth_at_site
from frirum.people.models import Youth
from frirum.sites.models import Site


def _normalised_code(text: str) -> str:
    # Codes are read aloud and typed on tablets: ignore dashes, spaces and case.
    return text.replace("-", "").replace(" ", "").upper()


def youth_with_course_figures(site: Site) -> QuerySet[Youth]:
    """The site's young people with the number and last date of their conversations there."""
    here = Q(contacts__site=site)
    return (
        youth_at_site(site)
        .select_related("residence_municipality")
        .annotate(
            contact_count=Count("contacts", filter=here),
            last_contact_on=Max("contacts__date", filter=here),
        )
        .order_by("-last_contact_on", "code")
    )


def search_youth(*, site: Site, query: str) -> QuerySet[Youth]:
    """One search box: part of the nickname, or the pseudonym code with or without dashes."""
    youth = youth_with_course_figures(site)
    query = query.strip()
    if not query:
        return youth
    code_part = _normalised_code(query)
    youth = youth.annotate(plain_code=Replace(Upper("code"), Value("-"), Value("")))
    # SQLite folds case for ASCII only: also try the lower- and upper-case spelling, so
    # "ræv", "Ræv" and "RÆV" all find "Ræven" on both databases.
    condition = Q()
    for spelling in {query, query.lower(), query.upper(), query.capitalize()}:
        condition |= Q(nickname__icontains=spelling)
    if code_part:
        condition |= Q(plain_code__contains=code_part)
    return youth.filter(condition)


def course_contacts(*, youth: Youth, site: Site) -> QuerySet[Contact]:
    """A course: the young person's conversations at one site, oldest first."""
    return (
        Contact.objects.filter(youth=youth, site=site)
        .select_related("relative_present", "group_session")
        .prefetch_related("counsellors", "themes", "bridging_methods", "bridging_destinations")
        .order_by("date", "time", "code")
    )


def latest_contact(*, youth: Youth, site: Site) -> Contact | None:
    return Contact.objects.filter(youth=youth, site=site).order_by("-date", "-time", "-id").first()
