"""The evaluation figures establishment memos quote (issue 17), over the national report's
contacts (every site but the chat, the calendar year): the change from first to latest
conversation in life satisfaction, well-being (WHO-5) and loneliness, and the share of
courses with bridging. The session-rating means and the self-efficacy outcome are the
national report's own (`feedback`, `outcomes.self_efficacy`) and are not repeated here.

First and latest come from `frirum.questionnaires.outcomes.course_pairs`, the one
implementation of first-vs-latest every report uses; docs/figures.md defines the figures.
"""

import datetime as dt

from frirum.questionnaires.models import InstrumentVersion
from frirum.questionnaires.outcomes import course_pairs
from frirum.reports.figures.common import Scope, share, year_bounds
from frirum.sites.models import Site, SiteKind

# In the order the memos quote them.
OUTCOME_INSTRUMENTS = ("life_satisfaction", "who5", "loneliness3")


def score_change(scope: Scope, instrument_code: str, *, direction: str | None = None) -> dict:
    """Mean score at the first and the latest answered contact of each course, and the mean
    change. `direction` None means the register does not hold the instrument
    (`available` False)."""
    if direction is None:
        return {"available": False, "courses": 0, "first": None, "latest": None, "change": None}
    pairs = course_pairs(contacts=scope.contacts(), instrument_code=instrument_code)["pairs"]
    n = len(pairs)
    first = sum(pair["first"] for pair in pairs)
    latest = sum(pair["latest"] for pair in pairs)
    return {
        "available": True,
        "courses": n,
        # None rather than 0 for no courses: a mean score of 0 is a real (bad) score.
        "first": share(first, n) if n else None,
        "latest": share(latest, n) if n else None,
        "change": share(latest - first, n) if n else None,
        "direction": direction,
    }


def bridging_courses(scope: Scope) -> dict:
    """Courses (a young person at a site) in the period, and those with a bridged contact."""
    contacts = scope.contacts()
    courses = contacts.values("youth_id", "site_id").distinct().count()
    bridged = contacts.filter(bridged=True).values("youth_id", "site_id").distinct().count()
    return {"courses": courses, "bridged": bridged, "share": share(bridged, courses)}


def evaluation(*, year: int, until: dt.date | None = None) -> dict:
    period = year_bounds(year, until)
    sites = list(Site.objects.exclude(kind=SiteKind.CHAT).values_list("id", flat=True))
    scope = Scope(site_id__in=sites, date__range=period)
    # One query says which instruments the register holds and which way each is better.
    directions = dict(
        InstrumentVersion.objects.filter(
            instrument__code__in=OUTCOME_INSTRUMENTS, is_current=True
        ).values_list("instrument__code", "direction")
    )
    return {
        "report": "evaluation",
        "year": year,
        "outcomes": {
            code: score_change(scope, code, direction=directions.get(code))
            for code in OUTCOME_INSTRUMENTS
        },
        "bridging_courses": bridging_courses(scope),
    }
