"""Reads for headspace Family: derived facts (first meeting) and the workspace's figures.

Everything here is a database query; nothing loops over conversations in Python, so the
reports reuse these selectors on a year of a whole network.
"""

import datetime as dt

from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Replace, TruncWeek, Upper

from frirum.family.models import FamilyConversation, FamilyGroup, Relative, RelativeInquiry
from frirum.lib.codes import code_order

RelativePresence = FamilyConversation.relatives.through


def _first_conversation_of_relative(relative_ref) -> Subquery:
    """The id of a relative's first family conversation ever: earliest date, then smallest code."""
    return Subquery(
        RelativePresence.objects.filter(relative_id=relative_ref)
        .order_by(
            F("familyconversation__date").asc(),
            code_order("familyconversation__code").asc(),
        )
        .values("familyconversation_id")[:1]
    )


def is_first_meeting_expression() -> Exists:
    """True for a conversation that is the first ever (any year, any site) of one of its relatives.

    A correlated subquery per relative present: it uses the through table's index on
    relative_id, so it stays cheap however many years of conversations exist.
    """
    return Exists(
        RelativePresence.objects.filter(familyconversation_id=OuterRef("pk"))
        .annotate(first_id=_first_conversation_of_relative(OuterRef("relative_id")))
        .filter(first_id=OuterRef("pk"))
    )


def with_first_meeting(conversations: QuerySet[FamilyConversation]) -> QuerySet:
    """Annotate `is_first_meeting` on each conversation."""
    return conversations.annotate(is_first_meeting=is_first_meeting_expression())


def first_meeting_conversation_ids(conversations: QuerySet[FamilyConversation]) -> QuerySet:
    """The ids (a lazy values queryset, usable as a subquery) of the conversations in
    `conversations` that are a first meeting. History outside `conversations` still counts:
    a relative's first conversation is looked for among all family conversations."""
    return (
        conversations.order_by().filter(is_first_meeting_expression()).values_list("pk", flat=True)
    )


def conversations_for_list(conversations: QuerySet[FamilyConversation]) -> QuerySet:
    """Conversations ready for a list page: first meeting, people and relatives in a fixed
    number of queries."""
    return with_first_meeting(
        conversations.select_related("site", "family_group", "counsellor", "peer_volunteer")
    ).prefetch_related(
        # Plain lists (`relatives_list`): a template's `c.relatives.all` builds a related
        # manager per row, most of a 50-row table's rendering time.
        Prefetch(
            "relatives",
            queryset=Relative.objects.select_related("relation"),
            to_attr="relatives_list",
        ),
        "themes",
    )


def conversation_years(site) -> list[int]:
    """The years a site's conversation list offers, newest first: from its first to its latest
    conversation (PostgreSQL reads each from one end of the (site, date) index, rather than
    every year's conversations)."""
    span = FamilyConversation.objects.filter(site=site).aggregate(
        first=Min("date"), last=Max("date")
    )
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def site_relatives(site) -> QuerySet[Relative]:
    """Relatives known at a family site: registered there, in one of its family groups, or
    present at one of its conversations.

    Exists() per relative rather than joins and DISTINCT: a page of the list (newest first)
    then checks relatives one by one until it is full, instead of collecting all the site's
    relatives of ten years first.
    """
    in_group_here = FamilyGroup.objects.filter(pk=OuterRef("family_group_id"), site=site)
    present_here = RelativePresence.objects.filter(
        relative_id=OuterRef("pk"), familyconversation__site=site
    )
    return Relative.objects.filter(
        Q(registered_at_site=site) | Exists(in_group_here) | Exists(present_here)
    ).select_related("relation", "family_group")


def site_relatives_page(site, *, offset: int, limit: int) -> list[Relative]:
    """Rows `offset` to `offset + limit` of the site's relatives (as `site_relatives`), newest
    first, with their conversation counts.

    One OR of the three ways a relative belongs to a site makes PostgreSQL hash all the site's
    attendance of every year (a hashed subplan: the LIMIT does not reach it). Each way alone,
    newest first and limited, walks the relatives' created_at index backwards and probes the
    site per relative, stopping when the page is full; the three short lists are merged here.
    The cost grows with the page number, not with the years of history.
    """
    wanted = offset + limit
    order = ("-created_at", "-id")
    present_here = RelativePresence.objects.filter(
        relative_id=OuterRef("pk"), familyconversation__site=site
    )
    ways = (
        Relative.objects.filter(registered_at_site=site),
        Relative.objects.filter(family_group__site=site),
        Relative.objects.filter(Exists(present_here)),
    )
    keys = set()
    for relatives in ways:
        keys.update(relatives.order_by(*order).values_list("created_at", "pk")[:wanted])
    ids = [pk for _, pk in sorted(keys, reverse=True)[offset:wanted]]
    if not ids:
        return []
    rows = (
        Relative.objects.filter(pk__in=ids)
        .order_by()
        .select_related("relation", "family_group")
        .annotate(conversation_count=Coalesce(conversation_count_of_relative(), 0))
        .in_bulk()
    )
    return [rows[pk] for pk in ids]


def conversation_count_of_relative() -> Subquery:
    """How many family conversations a relative took part in: computed for the rows of a page
    only (a subquery, not a join grouped over the whole list)."""
    return Subquery(
        RelativePresence.objects.filter(relative_id=OuterRef("pk"))
        .order_by()
        .values("relative_id")
        .annotate(n=Count("familyconversation_id"))
        .values("n")[:1]
    )


def search_site_relatives(site, query: str) -> QuerySet[Relative]:
    """The site's relatives whose first name or label contains the query, or whose pseudonym
    does, ignoring dashes, spaces and case (codes are read aloud and typed on tablets).
    An empty query finds nobody: the form never lists a whole site's relatives."""
    query = query.strip()
    if not query:
        return Relative.objects.none()
    # SQLite folds case for ASCII only: also try the common spellings, so "sø", "Sø" and
    # "SØ" all find "Søster" on both databases.
    condition = Q()
    for spelling in {query, query.lower(), query.upper(), query.capitalize()}:
        condition |= Q(label__icontains=spelling)
    code_part = query.replace("-", "").replace(" ", "").upper()
    if code_part:
        condition |= Q(plain_code__contains=code_part)
    return (
        site_relatives(site)
        .annotate(plain_code=Replace(Upper("code"), Value("-"), Value("")))
        .filter(condition)
        .order_by("label", "code")
    )


def site_groups(site) -> QuerySet[FamilyGroup]:
    """The site's family groups, newest first, with their relatives and conversations counted
    by subqueries, so a page counts only its own groups."""
    relatives = (
        Relative.objects.filter(family_group_id=OuterRef("pk"))
        .order_by()
        .values("family_group_id")
        .annotate(n=Count("id"))
        .values("n")[:1]
    )
    conversations = (
        FamilyConversation.objects.filter(family_group_id=OuterRef("pk"))
        .order_by()
        .values("family_group_id")
        .annotate(n=Count("id"))
        .values("n")[:1]
    )
    return (
        FamilyGroup.objects.filter(site=site)
        .annotate(
            relative_count=Coalesce(Subquery(relatives), 0),
            conversation_count=Coalesce(Subquery(conversations), 0),
        )
        .select_related("youth")
        .order_by("-created_at", "-id")
    )


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def peer_volunteer_weeks(site, *, today: dt.date, weeks: int = 12) -> list[dict]:
    """Per week (Monday first), the site's conversations and those with a peer volunteer, the
    latest `weeks` weeks up to today's, oldest first. Weeks without conversations are included
    with zero so the series has no holes."""
    first = week_start(today) - dt.timedelta(weeks=weeks - 1)
    rows = (
        FamilyConversation.objects.filter(site=site, date__gte=first, date__lte=today)
        .order_by()
        .annotate(week=TruncWeek("date"))
        .values("week")
        .annotate(
            total=Count("id"),
            with_peer=Count("id", filter=Q(peer_volunteer_present=True)),
        )
    )
    counts = {}
    for row in rows:
        week = row["week"]
        if isinstance(week, dt.datetime):
            week = week.date()
        counts[week] = (row["total"], row["with_peer"])
    series = []
    for i in range(weeks):
        start = first + dt.timedelta(weeks=i)
        total, with_peer = counts.get(start, (0, 0))
        series.append(
            {
                "start": start,
                "end": start + dt.timedelta(days=6),
                "iso_week": start.isocalendar()[1],
                "total": total,
                "with_peer": with_peer,
                "share": (with_peer / total) if total else None,
            }
        )
    return series


def open_bridgings(site) -> QuerySet[FamilyConversation]:
    """Bridgings registered in Frirum that nobody has marked as followed up yet.

    Imported conversations are history from an earlier system: their follow-up happened there.
    """
    return (
        FamilyConversation.objects.filter(
            site=site, bridged=True, bridging_followed_up_at__isnull=True, import_batch__isnull=True
        )
        .select_related("family_group", "counsellor")
        .prefetch_related(
            Prefetch("bridging_destinations", to_attr="bridging_destinations_list"),
            Prefetch("bridging_methods", to_attr="bridging_methods_list"),
        )
        .order_by("date", "id")
    )


def youth_contacts_with_relative(*, year: int, site=None, codes: dict | None = None) -> dict:
    """Young people's conversations with a relative present, counted by relation code.

    Aggregates only: a family site's staff never see the centres' records, only how many.
    `site` None counts every site in the network; a municipality's sites when given a site
    (its municipality's centres and satellites). `codes` maps relation term ids to codes
    (looked up when not given).

    Grouped by the term's id, not its code: a join to the terms would let the planner read
    every year's conversations with a relative present in term order, instead of the year's
    from the partial (date, relative_present) index.
    """
    from frirum.contacts.models import Contact
    from frirum.taxonomies.models import Term

    contacts = Contact.objects.filter(date__year=year, relative_present__isnull=False)
    if site is not None:
        contacts = contacts.filter(site__municipality_id=site.municipality_id)
    rows = list(
        contacts.order_by()
        .values("relative_present_id")
        .annotate(n=Count("id"))
        .values_list("relative_present_id", "n")
    )
    if codes is None:
        codes = dict(Term.objects.filter(pk__in=[pk for pk, _ in rows]).values_list("pk", "code"))
    return {codes[pk]: n for pk, n in rows}


def site_inquiries(site) -> QuerySet[RelativeInquiry]:
    return RelativeInquiry.objects.filter(site=site).select_related("relation", "site")
