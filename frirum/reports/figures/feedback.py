"""Figures from the young people's answers: feedback and the self-efficacy outcome."""

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber

from frirum.contacts.models import Contact
from frirum.questionnaires.models import Response
from frirum.reports.figures.common import code_order, grouped_counts, share, shares
from frirum.reports.figures.common import with_zeros as complete

SESSION_RATING = "session_rating"
SESSION_RATING_ITEMS = ("relationship", "goals_topics", "approach_method", "overall")
HELPED = "helped"
HELPED_VALUES = ("1", "2", "3", "4", "5")
SELF_EFFICACY = "self_efficacy"
# The interchange page's bands: 1-2 high, 3 middle, 4-5 low self-efficacy.
SELF_EFFICACY_CATEGORIES = ("high", "middle", "low")


def responses_to(contacts: QuerySet[Contact]) -> QuerySet[Response]:
    return Response.objects.filter(contact__in=contacts.order_by().values("id"))


def feedback_figures(contacts: QuerySet[Contact]) -> dict:
    responses = responses_to(contacts)
    answered = responses.order_by().aggregate(n=Count("contact_id", distinct=True))["n"]

    # Sum and count, not AVG: the mean is then exactly sum / count on every database.
    ratings = (
        responses.filter(instrument__code=SESSION_RATING)
        .order_by()
        .values_list("item_code")
        .annotate(total=Sum("value"), n=Count("id"))
    )
    sums = {item: (total, n) for item, total, n in ratings}
    means = {item: share(total, n) for item, (total, n) in sorted(sums.items())}
    ordered = {item: means.pop(item) for item in SESSION_RATING_ITEMS if item in means}
    ordered.update(means)

    helped = responses.filter(instrument__code=HELPED, item_code=HELPED)
    helped_counts = complete(grouped_counts(helped, "value", empty=None), HELPED_VALUES)
    return {
        "responses": answered,
        "session_rating_mean": ordered,
        "session_rating_answers": {item: n for item, (_total, n) in sorted(sums.items())},
        "helped": shares(helped_counts, sum(helped_counts.values())),
        "helped_answers": sum(helped_counts.values()),
    }


def self_efficacy_category() -> Case:
    return Case(
        When(value__lte=2, then=Value("high")),
        When(value=3, then=Value("middle")),
        default=Value("low"),
        output_field=CharField(),
    )


def self_efficacy_figures(contacts: QuerySet[Contact]) -> dict:
    """First vs latest self-efficacy of each course (a young person at one site).

    Only the course's contacts among `contacts` that have a self-efficacy answer take part;
    a course needs two of them to count.
    """
    answers = responses_to(contacts).filter(instrument__code=SELF_EFFICACY, item_code=SELF_EFFICACY)
    course = [F("contact__youth_id"), F("contact__site_id")]
    ranked = answers.order_by().annotate(
        rank_first=Window(
            RowNumber(),
            partition_by=course,
            order_by=[F("contact__date").asc(), code_order("contact__code").asc()],
            output_field=IntegerField(),
        ),
        rank_latest=Window(
            RowNumber(),
            partition_by=course,
            order_by=[F("contact__date").desc(), code_order("contact__code").desc()],
            output_field=IntegerField(),
        ),
    )
    # A course with at least two answers is one whose latest answer is not also its first.
    firsts = ranked.filter(rank_first=1, rank_latest__gte=2).values("id")
    latests = ranked.filter(rank_latest=1, rank_first__gte=2).values("id")

    first_counts = grouped_counts(
        Response.objects.filter(id__in=firsts).annotate(category=self_efficacy_category()),
        "category",
    )
    latest_counts = grouped_counts(
        Response.objects.filter(id__in=latests).annotate(category=self_efficacy_category()),
        "category",
    )
    courses = sum(first_counts.values())
    return {
        "courses": courses,
        "first": shares(complete(first_counts, SELF_EFFICACY_CATEGORIES), courses),
        "latest": shares(complete(latest_counts, SELF_EFFICACY_CATEGORIES), courses),
    }
