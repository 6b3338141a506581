"""Reads about young people at a site."""

from django.db import connection
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL

from frirum.contacts.models import Contact
from frirum.people import search_index
from frirum.people.access import youth_at_site
from frirum.people.models import SEARCH_KEY_SEPARATOR, Youth
from frirum.sites.models import Site

# pg_trgm and FTS5's trigram tokenizer index three-character pieces: shorter queries cannot
# use them.
TRIGRAM = 3
FTS_MATCH = f"SELECT rowid FROM {search_index.TABLE} WHERE {search_index.TABLE} MATCH %s"  # noqa: S608


def _normalised_code(text: str) -> str:
    # Codes are read aloud and typed on tablets: ignore dashes, spaces and case.
    return text.replace("-", "").replace(" ", "").upper()


def youth_with_course_figures(site: Site) -> QuerySet[Youth]:
    """The site's young people with the number and last date of their conversations there.

    Unbounded: narrow it (a search, a code, a list of ids) before ordering or counting it.
    """
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


def _ascii_upper(text: str) -> str:
    return "".join(char.upper() if char.isascii() else char for char in text)


def _search_condition(query: str) -> Q:
    """The search key (upper-cased nickname, tab, code without dashes) matching the query.

    SQLite's UPPER and LIKE fold ASCII only, PostgreSQL's fold every letter: the query is
    tried upper-cased both ways, from its typed, lower and capitalised spellings, so "ræv",
    "Ræv" and "RÆV" all find "Ræven" on both databases.
    """
    query = query.replace(SEARCH_KEY_SEPARATOR, " ").strip()
    code_part = _normalised_code(query)
    patterns = {
        upper(spelling)
        for spelling in {query, query.lower(), query.capitalize()}
        for upper in (str.upper, _ascii_upper)
    }
    condition = Q()
    if len(query) < TRIGRAM and len(code_part) < TRIGRAM:
        # Too short for a trigram index: the start of the nickname, by the prefix index.
        for pattern in patterns:
            condition |= Q(search_key__startswith=pattern)
        return condition
    patterns |= {code_part} if code_part else set()
    if search_index.in_use(connection):
        # SQLite: the FTS5 trigram table finds the candidates (its matching ignores case,
        # Danish letters included). A piece shorter than a trigram (a code typed "A-B") is
        # still matched by reading the keys, as it would be on PostgreSQL.
        short = {pattern for pattern in patterns if len(pattern) < TRIGRAM}
        if patterns - short:
            # The typed text goes in as a parameter, quoted as FTS5 strings.
            matching = RawSQL(FTS_MATCH, [search_index.match_expression(patterns - short)])  # noqa: S611
            condition |= Q(pk__in=matching)
        patterns = short
    for pattern in patterns:
        condition |= Q(search_key__contains=pattern)
    return condition


def search_youth(*, site: Site, query: str) -> QuerySet[Youth]:
    """One search box: part of the nickname, or the pseudonym code with or without dashes;
    one or two letters find nicknames that start with them.

    The index finds the candidates in the whole network (few, however long the history); only
    they are then checked for this site and counted. An empty query finds nobody.
    """
    if not query.strip():
        return Youth.objects.none()
    return youth_with_course_figures(site).filter(_search_condition(query))


def find_youth_at_site(*, site: Site, code: str) -> Youth | None:
    return youth_with_course_figures(site).filter(code=code).first()


def recent_youth(
    *, site: Site, offset: int = 0, limit: int = 50, figures: bool = True
) -> list[Youth]:
    """The site's young people by their latest conversation here, newest first: rows offset
    to offset + limit.

    Walks the site's conversations backwards on the (site, date) index and stops once enough
    different young people are seen, so the cost follows the page, not the years of history.
    Young people registered here without a conversation here are found by search. Without
    figures, only the young people (no count or date of their conversations).
    """
    wanted = offset + limit
    seen: dict[int, None] = {}
    rows = (
        Contact.objects.filter(site=site)
        .order_by("-date", "-id")
        .values_list("youth_id", flat=True)
    )
    start, chunk = 0, 2 * wanted + 50
    while len(seen) < wanted:
        batch = list(rows[start : start + chunk])
        seen.update(dict.fromkeys(batch))
        if len(batch) < chunk:
            break
        start, chunk = start + chunk, 2 * chunk
    ids = list(seen)[offset:wanted]
    if not ids:
        return []
    youth = Youth.objects.filter(pk__in=ids).order_by()
    if figures:
        here = Q(contacts__site=site)
        youth = youth.select_related("residence_municipality").annotate(
            contact_count=Count("contacts", filter=here),
            last_contact_on=Max("contacts__date", filter=here),
        )
    by_id = {person.pk: person for person in youth}
    return [by_id[pk] for pk in ids if pk in by_id]


def course_contacts(*, youth: Youth, site: Site) -> QuerySet[Contact]:
    """A course: the young person's conversations at one site, oldest first."""
    return (
        Contact.objects.filter(youth=youth, site=site)
        .select_related("relative_present", "group_session")
        # Plain lists: the page reads each relation twice per conversation, and a prefetched
        # manager's .all() builds a new queryset every time (most of a long course's time).
        .prefetch_related(
            Prefetch("counsellors", to_attr="counsellors_list"),
            Prefetch("themes", to_attr="themes_list"),
            Prefetch("bridging_methods", to_attr="bridging_methods_list"),
            Prefetch("bridging_destinations", to_attr="bridging_destinations_list"),
        )
        .order_by("date", "time", "code")
    )


def latest_contact(*, youth: Youth, site: Site) -> Contact | None:
    return Contact.objects.filter(youth=youth, site=site).order_by("-date", "-time", "-id").first()
