"""Reads for the counsellor's workspace: the site's day and week, lists with filters."""

import datetime as dt
import functools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from frirum.accounts.models import RECORD_ROLES
from frirum.contacts.choices import Channel
from frirum.contacts.models import Contact, Outreach
from frirum.lib.compiled import CompiledRead
from frirum.people.models import Youth
from frirum.sites.models import Site, SiteKind
from frirum.taxonomies.models import Term, Vocabulary

# A course counts as open while its latest conversation is this recent: courses have no set
# length, so "open" means "the young person is still coming", not a formal state.
OPEN_COURSE_DAYS = 56


def today() -> dt.date:
    return timezone.localdate()


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday of the week holding day (the Danish week)."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def default_channel(site: Site) -> str:
    return Channel.CHAT if site.kind == SiteKind.CHAT else Channel.IN_PERSON


def site_contacts(site: Site) -> QuerySet[Contact]:
    """The site's conversations with everything a list row shows, in constant queries."""
    return (
        Contact.objects.filter(site=site)
        .select_related("youth", "group_session")
        .prefetch_related("counsellors", "themes")
        .order_by("-date", "-time", "-id")
    )


@dataclass
class ContactFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    counsellor: object | None = None
    channel: str = ""
    theme: Term | None = None
    kind: str = ""


def filter_contacts(contacts: QuerySet[Contact], filters: ContactFilters) -> QuerySet[Contact]:
    if filters.date_from:
        contacts = contacts.filter(date__gte=filters.date_from)
    if filters.date_to:
        contacts = contacts.filter(date__lte=filters.date_to)
    if filters.counsellor:
        contacts = contacts.filter(counsellors=filters.counsellor)
    if filters.channel:
        contacts = contacts.filter(channel=filters.channel)
    if filters.theme:
        contacts = contacts.filter(themes=filters.theme)
    if filters.kind:
        contacts = contacts.filter(kind=filters.kind)
    return contacts


def site_counsellors(site: Site, *, include: QuerySet | list = ()) -> QuerySet:
    """Active staff and volunteers at the site, plus anybody already on the record."""
    user_model = get_user_model()
    members = Q(
        memberships__site=site,
        memberships__is_active=True,
        memberships__role__in=RECORD_ROLES,
        is_active=True,
    )
    included = [user.pk for user in include]
    return user_model.objects.filter(members | Q(pk__in=included)).distinct().order_by("full_name")


def offered_terms(vocabulary: str, *, include=()) -> QuerySet[Term]:
    """Active terms of a list, plus inactive ones a record already has (kept on edit)."""
    included = [term.pk for term in include]
    return Term.objects.filter(
        Q(vocabulary=vocabulary) & (Q(is_active=True) | Q(pk__in=included))
    ).order_by("position", "code")


# Per list, once per process: a new registration's chosen terms are checked on every POST.
@functools.cache
def offered_terms_among(vocabulary: str) -> CompiledRead:
    """The active terms of a list among given keys: `offered_terms_among(v).fetch(*pks)`
    answers `offered_terms(v).filter(pk__in=pks)`."""
    return CompiledRead(lambda *pks: offered_terms(vocabulary).filter(pk__in=pks), arity=None)


def youth_theme_terms() -> QuerySet[Term]:
    return offered_terms(Vocabulary.YOUTH_THEME)


@dataclass
class Dashboard:
    today: dt.date
    week_start: dt.date
    week_end: dt.date
    today_contacts: list[Contact]
    today_contact_count: int
    week_contacts: list[Contact]
    week_contact_count: int
    week_youth_count: int
    week_new_youth_count: int
    week_short_contacts: int
    open_courses: list[Youth]
    open_course_count: int


def open_courses(site: Site, *, day: dt.date, limit: int) -> tuple[list[Youth], int]:
    """The young people whose latest conversation here is within OPEN_COURSE_DAYS of day,
    latest first (the first `limit`), and how many there are.

    Starts from the window's conversations (the (site, date) index), so ten years of
    history cost nothing; one query gives the list and its count, one more the figures
    of the shown young people.
    """
    since = day - dt.timedelta(days=OPEN_COURSE_DAYS)
    # The window's conversations newest first, the latest per young person kept in Python:
    # a GROUP BY lets SQLite read the whole (youth, site, date) index to avoid a sort.
    latest: dict[int, dt.date] = {}
    window = (
        Contact.objects.filter(site=site, date__gte=since)
        .order_by("-date", "youth_id")
        .values_list("youth_id", "date")
    )
    for youth_id, date in window:
        latest.setdefault(youth_id, date)
    rows = list(latest.items())
    shown = dict(rows[:limit])
    youth = Youth.objects.filter(pk__in=shown).annotate(
        contact_count=Count("contacts", filter=Q(contacts__site=site))
    )
    by_id = {person.pk: person for person in youth.order_by()}
    courses = []
    for pk, last in shown.items():
        person = by_id[pk]
        person.last_contact_on = last
        courses.append(person)
    return courses, len(rows)


def site_dashboard(
    site: Site,
    *,
    day: dt.date | None = None,
    course_limit: int = 20,
    week_limit: int = 30,
    today_limit: int = 50,
) -> Dashboard:
    """The counsellor's start page. Every query is bounded by the day, the week or the open
    course window, never by the site's history (tests/contacts/test_long_history.py)."""
    day = day or today()
    week_start, week_end = week_bounds(day)
    week = Contact.objects.filter(site=site, date__range=(week_start, week_end))
    # New this week: no conversation at this site before the week. A probe per conversation
    # of the week on the (youth, site, date) index, however long their history here.
    seen_before = Contact.objects.filter(site=site, youth=OuterRef("youth"), date__lt=week_start)
    week_figures = week.aggregate(
        contacts=Count("id"),
        youth_count=Count("youth", distinct=True),
        new_youth=Count("youth", distinct=True, filter=~Exists(seen_before)),
        today=Count("id", filter=Q(date=day)),
    )
    short_contacts = Outreach.objects.filter(
        site=site, date__range=(week_start, week_end)
    ).aggregate(total=Sum("short_contacts"))["total"]
    courses, course_count = open_courses(site, day=day, limit=course_limit)
    return Dashboard(
        today=day,
        week_start=week_start,
        week_end=week_end,
        today_contacts=list(
            site_contacts(site).filter(date=day).order_by("time", "id")[:today_limit]
        ),
        today_contact_count=week_figures["today"],
        week_contacts=list(
            site_contacts(site).filter(date__range=(week_start, week_end))[:week_limit]
        ),
        week_contact_count=week_figures["contacts"],
        week_youth_count=week_figures["youth_count"],
        week_new_youth_count=week_figures["new_youth"],
        week_short_contacts=short_contacts or 0,
        open_courses=courses,
        open_course_count=course_count,
    )


def site_outreach(site: Site) -> QuerySet[Outreach]:
    return Outreach.objects.filter(site=site).order_by("-date", "-id")
