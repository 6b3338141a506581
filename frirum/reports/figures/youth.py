"""Figures about young people and their contacts (annual and national reports).

Every function takes `contacts`, the report's contacts as a queryset (a site's contacts in
the year, or every non-chat site's), and answers with GROUP BY queries; nothing here
iterates over contacts in Python.
"""

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from frirum.contacts.choices import Channel, ContactKind, EducationStatus
from frirum.contacts.models import Contact
from frirum.lib.codes import code_order
from frirum.people.models import Gender, Youth
from frirum.questionnaires.models import Response
from frirum.reports.figures.common import (
    UNKNOWN,
    Scope,
    counted_over,
    share,
    shares,
    table,
)
from frirum.reports.figures.common import with_zeros as complete
from frirum.sites.models import Municipality

# (lowest age, highest age, key), in the order the interchange page lists the bands.
AGE_BANDS = (
    (None, 11, "<12"),
    (12, 14, "12-14"),
    (15, 16, "15-16"),
    (17, 18, "17-18"),
    (19, 20, "19-20"),
    (21, 23, "21-23"),
    (24, 25, "24-25"),
    (26, None, ">25"),
)
AGE_BAND_KEYS = [key for _low, _high, key in AGE_BANDS] + [UNKNOWN]

EDUCATION_KEYS = [code for code in EducationStatus.values]
GENDER_KEYS = [code for code in Gender.values]
CHANNEL_KEYS = [code for code in Channel.values]
KIND_KEYS = [code for code in ContactKind.values]


def age_band() -> Case:
    """The age band of a contact's `age`, computed by the database."""
    whens = []
    for low, high, key in AGE_BANDS:
        if low is None:
            condition = {"age__lte": high}
        elif high is None:
            condition = {"age__gte": low}
        else:
            condition = {"age__range": (low, high)}
        whens.append(When(**condition, then=Value(key)))
    return Case(*whens, default=Value(UNKNOWN), output_field=CharField())


def ranked_by_first(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    """`contacts` with `first_rank` 1 on each young person's first contact among them:
    earliest date, then smallest code."""
    return contacts.order_by().annotate(
        first_rank=Window(
            RowNumber(),
            partition_by=[F("youth_id")],
            order_by=[F("date").asc(), code_order("code").asc()],
            output_field=IntegerField(),
        )
    )


def personal_figures(contacts: QuerySet[Contact]) -> dict:
    """`youth.personal` and the shares among them taken from each one's first contact.

    One query: the first contacts grouped by residence, gender, age band and education
    together. Each young person has exactly one first contact, so the groups add up to
    `youth.personal` and each distribution is a sum over the other three.
    """
    # The window runs over the contacts alone; only the first contacts meet their young
    # person, so a site's report never touches the whole table of young people.
    ranked = (
        ranked_by_first(contacts)
        .annotate(band=age_band())
        .values("first_rank", "band", "youth_id", "education_status")
    )
    rows = counted_over(
        ranked,
        columns=["municipality.code", "youth.gender", "ranked.band", "ranked.education_status"],
        joins=(
            f"JOIN {table(Youth)} youth ON youth.id = ranked.youth_id "
            f"LEFT JOIN {table(Municipality)} municipality "
            "ON municipality.id = youth.residence_municipality_id"
        ),
        where="ranked.first_rank = 1",
    )
    residence: dict[str, int] = {}
    gender: dict[str, int] = {}
    ages: dict[str, int] = {}
    education: dict[str, int] = {}
    personal = 0
    for municipality, sex, band, status, n in rows:
        personal += n
        for counts, key in (
            (residence, municipality),
            (gender, sex),
            (ages, band),
            (education, status),
        ):
            counts[key or UNKNOWN] = counts.get(key or UNKNOWN, 0) + n
    return {
        "personal": personal,
        "residence": shares(dict(sorted(residence.items())), personal),
        "gender": shares(complete(gender, GENDER_KEYS), personal),
        "age_at_first": shares(complete(ages, AGE_BAND_KEYS), personal),
        "education": shares(complete(education, EDUCATION_KEYS), personal),
    }


def contact_counts(contacts: QuerySet[Contact]) -> dict:
    """Contacts by channel, kind and bridged, and how many have an answer: one query."""
    has_answer = Exists(Response.objects.filter(contact_id=OuterRef("pk")))
    rows = (
        contacts.order_by()
        .values_list("channel", "kind", "bridged")
        .annotate(n=Count("id"), answered=Count("id", filter=Q(has_answer)))
    )
    channels: dict[str, int] = {}
    kinds: dict[str, int] = {}
    total = bridged = answered = 0
    for channel, kind, is_bridged, n, n_answered in rows:
        total += n
        answered += n_answered
        bridged += n if is_bridged else 0
        channels[channel or UNKNOWN] = channels.get(channel or UNKNOWN, 0) + n
        kinds[kind or UNKNOWN] = kinds.get(kind or UNKNOWN, 0) + n
    return {
        "total": total,
        "by_channel": complete(channels, CHANNEL_KEYS),
        "by_kind": complete(kinds, KIND_KEYS),
        "bridged": bridged,
        "answered": answered,
    }


def term_counts(relation, scope: Scope, **more) -> dict[str, int]:
    """{term code: contacts naming it} for one of Contact's term lists (themes, methods...).

    Counting `contact_id` (not the link's own id) lets PostgreSQL answer from the link
    table's (contact_id, term_id) index alone.
    """
    through = relation.through.objects.filter(**scope.via("contact", **more))
    rows = through.order_by().values_list("term__code").annotate(n=Count("contact_id"))
    return dict(sorted(rows))


def theme_figures(scope: Scope, *, total: int) -> dict[str, float]:
    return shares(term_counts(Contact.themes, scope), total)


def bridging_figures(scope: Scope, *, total: int, bridged: int) -> dict:
    """Methods and destinations count only on contacts marked bridged."""
    methods = term_counts(Contact.bridging_methods, scope, bridged=True)
    destinations = term_counts(Contact.bridging_destinations, scope, bridged=True)
    return {
        "contacts": bridged,
        "share": share(bridged, total),
        "methods": shares(methods, bridged),
        "destinations": shares(destinations, bridged),
    }
