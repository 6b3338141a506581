"""Figures about young people and their contacts (annual and national reports).

Every function takes `contacts`, the report's contacts as a queryset (a site's contacts in
the year, or every non-chat site's), and answers with GROUP BY queries; nothing here
iterates over contacts in Python.
"""

from django.db.models import Case, CharField, Count, F, IntegerField, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from frirum.contacts.choices import Channel, ContactKind, EducationStatus
from frirum.contacts.models import Contact
from frirum.people.models import Gender
from frirum.reports.figures.common import UNKNOWN, code_order, grouped_counts, share, shares
from frirum.reports.figures.common import with_zeros as complete

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


def first_contacts(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    """Each young person's first contact among `contacts`: earliest date, then smallest code."""
    ranked = contacts.order_by().annotate(
        first_rank=Window(
            RowNumber(),
            partition_by=[F("youth_id")],
            order_by=[F("date").asc(), code_order("code").asc()],
            output_field=IntegerField(),
        )
    )
    return Contact.objects.filter(id__in=ranked.filter(first_rank=1).values("id"))


def distinct_youth(contacts: QuerySet[Contact]) -> int:
    return contacts.order_by().aggregate(n=Count("youth_id", distinct=True))["n"]


def personal_figures(contacts: QuerySet[Contact]) -> dict:
    """`youth.personal` and the shares among them taken from each one's first contact."""
    personal = distinct_youth(contacts)
    firsts = first_contacts(contacts)
    residence = grouped_counts(firsts, "youth__residence_municipality__code")
    gender = complete(grouped_counts(firsts, "youth__gender"), GENDER_KEYS)
    ages = complete(
        grouped_counts(firsts.annotate(band=age_band()), "band"),
        AGE_BAND_KEYS,
    )
    education = complete(grouped_counts(firsts, "education_status"), EDUCATION_KEYS)
    return {
        "personal": personal,
        "residence": shares(dict(sorted(residence.items())), personal),
        "gender": shares(gender, personal),
        "age_at_first": shares(ages, personal),
        "education": shares(education, personal),
    }


def contact_figures(contacts: QuerySet[Contact], *, personal: int) -> dict:
    total = contacts.order_by().count()
    channels = grouped_counts(contacts, "channel")
    if not channels.get(UNKNOWN):
        channels.pop(UNKNOWN, None)
    return {
        "total": total,
        "per_youth": share(total, personal),
        "by_channel": complete(channels, CHANNEL_KEYS),
        "by_kind": complete(grouped_counts(contacts, "kind"), KIND_KEYS),
    }


def term_counts(relation, contacts: QuerySet[Contact]) -> dict[str, int]:
    """{term code: contacts naming it} for one of Contact's term lists (themes, methods...)."""
    through = relation.through.objects.filter(contact__in=contacts.order_by().values("id"))
    return dict(sorted(grouped_counts(through, "term__code", empty=None).items()))


def theme_figures(contacts: QuerySet[Contact], *, total: int) -> dict[str, float]:
    return shares(term_counts(Contact.themes, contacts), total)


def bridging_figures(contacts: QuerySet[Contact], *, total: int) -> dict:
    bridged = contacts.filter(bridged=True)
    count = bridged.order_by().count()
    return {
        "contacts": count,
        "share": share(count, total),
        "methods": shares(term_counts(Contact.bridging_methods, bridged), count),
        "destinations": shares(term_counts(Contact.bridging_destinations, bridged), count),
    }
