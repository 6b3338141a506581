"""Figures from the young people's answers: feedback and the self-efficacy outcome."""

from django.db.models import (
    Count,
    F,
    IntegerField,
    QuerySet,
    Window,
)
from django.db.models.functions import RowNumber

from frirum.lib.codes import code_order
from frirum.questionnaires.models import Item, Response
from frirum.reports.figures.common import Scope, counted_over, share, shares
from frirum.reports.figures.common import with_zeros as complete

SESSION_RATING = "session_rating"
SESSION_RATING_ITEMS = ("relationship", "goals_topics", "approach_method", "overall")
HELPED = "helped"
HELPED_VALUES = ("1", "2", "3", "4", "5")
SELF_EFFICACY = "self_efficacy"
# The interchange page's bands: 1-2 high, 3 middle, 4-5 low self-efficacy.
SELF_EFFICACY_CATEGORIES = ("high", "middle", "low")


def responses_to(scope: Scope) -> QuerySet[Response]:
    return Response.objects.filter(**scope.via("contact")).order_by()


def feedback_figures(scope: Scope, *, answered: int) -> dict:
    """`feedback.*` and the questionnaire versions covered, from one pass over the answers.

    The answers are counted per item and value; the handful of items then says which
    instrument, item code and version each count belongs to. `answered` (contacts with an
    answer) comes from the contact counts.
    """
    rows = responses_to(scope).order_by().values_list("item_id", "value").annotate(n=Count("id"))
    counts: dict[int, list[tuple[int, int]]] = {}
    for item_id, value, n in rows:
        counts.setdefault(item_id, []).append((value, n))
    items = Item.objects.filter(id__in=counts).values_list(
        "id", "code", "version__instrument__code", "version__number"
    )

    rating_sums: dict[str, list[int]] = {}
    helped: dict[str, int] = {}
    versions: set[str] = set()
    for item_id, item_code, instrument, number in items:
        versions.add(f"{instrument} v{number}")
        if instrument == SESSION_RATING:
            total = rating_sums.setdefault(item_code, [0, 0])
            for value, n in counts[item_id]:
                total[0] += value * n
                total[1] += n
        elif instrument == HELPED and item_code == HELPED:
            for value, n in counts[item_id]:
                helped[str(value)] = helped.get(str(value), 0) + n

    # Sum and count, not AVG: the mean is then exactly sum / count on every database.
    order = {item: position for position, item in enumerate(SESSION_RATING_ITEMS)}
    ratings = sorted(rating_sums.items(), key=lambda pair: (order.get(pair[0], 99), pair[0]))
    helped_answers = sum(helped.values())
    return {
        "responses": answered,
        "session_rating_mean": {item: share(total, n) for item, (total, n) in ratings},
        "session_rating_answers": {item: n for item, (_total, n) in ratings},
        "helped": shares(complete(dict(sorted(helped.items())), HELPED_VALUES), helped_answers),
        "helped_answers": helped_answers,
        "instrument_versions": sorted(versions),
    }


def self_efficacy_category(value: int) -> str:
    """The interchange page's bands: 1-2 high, 3 middle, 4-5 low."""
    if value <= 2:
        return "high"
    return "middle" if value == 3 else "low"


def self_efficacy_figures(scope: Scope) -> dict:
    """First vs latest self-efficacy of each course (a young person at one site).

    Only the course's contacts among `contacts` that have a self-efficacy answer take part;
    a course needs two of them to count.
    """
    answers = responses_to(scope).filter(instrument__code=SELF_EFFICACY, item_code=SELF_EFFICACY)
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
    # rank_first + rank_latest - 1 is the course's number of answers, so a course with
    # two or more has a sum of at least 3; its first and latest answers are the rows where
    # one of the ranks is 1.
    rows = counted_over(
        ranked.values("rank_first", "rank_latest", "value"),
        columns=["ranked.rank_first", "ranked.value"],
        where="(ranked.rank_first = 1 OR ranked.rank_latest = 1) "
        "AND ranked.rank_first + ranked.rank_latest >= 3",
    )
    counts: dict[str, dict[str, int]] = {"first": {}, "latest": {}}
    for rank_first, value, n in rows:
        moment = counts["first" if rank_first == 1 else "latest"]
        category = self_efficacy_category(value)
        moment[category] = moment.get(category, 0) + n
    courses = sum(counts["first"].values())
    return {
        "courses": courses,
        "first": shares(complete(counts["first"], SELF_EFFICACY_CATEGORIES), courses),
        "latest": shares(complete(counts["latest"], SELF_EFFICACY_CATEGORIES), courses),
    }
