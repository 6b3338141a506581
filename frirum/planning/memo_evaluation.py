"""The memo's evaluation section: the network's own figures with n and period.

Every figure is defined once in frirum.reports.figures: the session-rating means, "has it
helped" and bridged conversations as in the national report, and the first-vs-latest scores
and courses with bridging in frirum.reports.figures.evaluation (docs/figures.md).
"""

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frirum.planning.disclosure import Tracker
from frirum.planning.memo_parts import Section, Table
from frirum.planning.plan import Plan
from frirum.reports.figures.evaluation import OUTCOME_INSTRUMENTS
from frirum.reports.figures.feedback import SESSION_RATING_ITEMS
from frirum.reports.render.labels import SESSION_RATING_LABELS
from frirum.reports.suppression import DASH, count_cell, share_cell, value_cell

OUTCOME_LABELS = {
    "life_satisfaction": gettext_lazy("Life satisfaction (0-10, higher is better)"),
    "who5": gettext_lazy("Well-being, WHO-5 (0-100, higher is better)"),
    "loneliness3": gettext_lazy("Loneliness, three items (3-9, lower is better)"),
}


def signed(value: float) -> str:
    text = number_format(round(value, 1), 1)
    return text if text.startswith("-") or round(value, 1) == 0 else f"+{text}"


def outcome_text(figure: dict, *, k: int) -> str:
    """ "first -> latest (change)", each a mean over the courses; a dash under k courses."""
    first = value_cell(figure["first"], base=figure["courses"], k=k)
    if figure["first"] is None or first.is_suppressed:
        return DASH
    latest = value_cell(figure["latest"], base=figure["courses"], k=k)
    return f"{first.text} \u2192 {latest.text} ({signed(figure['change'])})"


def _n(tracker: Tracker, year: int, name: str, value: int, k: int) -> str:
    """A count behind a figure (answers, conversations, courses): hidden below k like any."""
    return tracker.count(("national", year, name), count_cell(value, k=k)).text


def _share(tracker: Tracker, year: int, names: tuple[str, str], value, n: int, k: int):
    """A share of a national count as presented (the count behind it is shown nowhere)."""
    cell = share_cell(value, denominator=n, k=k)
    numerator, denominator = (("national", year, name) for name in names)
    return tracker.ratio(
        numerator, denominator, cell, step=0.01, values=(round(value * n) if n else 0, n)
    )


def _rating_rows(
    figures: dict, k: int, period: str, tracker: Tracker, year: int
) -> list[list[str]]:
    feedback = figures.get("feedback", {})
    means = feedback.get("session_rating_mean", {})
    answers = feedback.get("session_rating_answers", {})
    rows = []
    for item in SESSION_RATING_ITEMS:
        if item in means:
            cell = value_cell(means[item], base=answers.get(item), k=k)
            rows.append(
                [
                    _("Session rating: %(item)s (mean, 1-10)")
                    % {"item": SESSION_RATING_LABELS[item]},
                    cell.text,
                    _n(tracker, year, f"feedback.session_rating_answers.{item}", answers[item], k),
                    period,
                ]
            )
    return rows


def evaluation_section(plan: Plan, k: int, numbers: dict, tracker: Tracker) -> Section:
    figures = plan.evaluation
    year = plan.evaluation_year
    extra = figures.get("evaluation", {})
    period = str(plan.evaluation_year)
    table = Table(
        _("The network's own figures"),
        [_("Figure"), _("Value"), _("n"), _("Period")],
        _rating_rows(figures, k, period, tracker, year),
    )
    feedback = figures.get("feedback", {})
    helped = feedback.get("helped", {})
    helped_n = feedback.get("helped_answers", 0)
    if helped_n:
        names = ("feedback.helped_4_5", "feedback.helped_answers")
        value = helped.get("4", 0) + helped.get("5", 0)
        cell = _share(tracker, year, names, value, helped_n, k)
        numbers["helped_share"] = cell.text
        n = _n(tracker, year, names[1], helped_n, k)
        table.rows.append([_("Has it helped to come here: 4 or 5 of 5"), cell.text, n, period])
    contacts = figures.get("contacts", {}).get("total", 0)
    if contacts:
        names = ("bridging.contacts", "contacts.total")
        cell = _share(tracker, year, names, figures["bridging"].get("share", 0), contacts, k)
        numbers["bridging_share"] = cell.text
        n = _n(tracker, year, names[1], contacts, k)
        table.rows.append([_("Conversations with bridging"), cell.text, n, period])
    courses = extra.get("bridging_courses", {})
    if courses.get("courses"):
        names = ("evaluation.bridging_courses.bridged", "evaluation.bridging_courses.courses")
        cell = _share(tracker, year, names, courses["share"], courses["courses"], k)
        numbers["bridging_courses_share"] = cell.text
        n = _n(tracker, year, names[1], courses["courses"], k)
        table.rows.append([_("Courses with bridging"), cell.text, n, period])
    efficacy = figures.get("outcomes", {}).get("self_efficacy", {})
    if efficacy.get("courses"):
        n = efficacy["courses"]
        base = "outcomes.self_efficacy.courses"
        first = _share(
            tracker,
            year,
            ("outcomes.self_efficacy.first.high", base),
            efficacy["first"].get("high", 0),
            n,
            k,
        )
        latest = _share(
            tracker,
            year,
            ("outcomes.self_efficacy.latest.high", base),
            efficacy["latest"].get("high", 0),
            n,
            k,
        )
        table.rows.append(
            [
                _("High self-efficacy, first and latest conversation"),
                f"{first.text} \u2192 {latest.text}",
                _n(tracker, year, base, n, k),
                period,
            ]
        )
    missing = []
    for code in OUTCOME_INSTRUMENTS:
        figure = extra.get("outcomes", {}).get(code)
        if figure is None or not figure["available"]:
            missing.append(str(OUTCOME_LABELS[code]))
            continue
        text = outcome_text(figure, k=k)
        numbers[f"{code}_change"] = text
        table.rows.append(
            [
                _("%(scale)s: mean at first → latest conversation (change)")
                % {"scale": OUTCOME_LABELS[code]},
                text,
                _n(tracker, year, f"evaluation.outcomes.{code}.courses", figure["courses"], k),
                period,
            ]
        )
    paragraphs = [
        _(
            "The figures are the network's own, from the register, for every site but the "
            "chat in %(year)s (computed %(date)s). For first and latest conversation n is the "
            "number of courses (a young person at a site) with at least two answers."
        )
        % {"year": plan.evaluation_year, "date": date_format(plan.computed_on, "j. F Y")}
    ]
    if missing:
        paragraphs.append(
            _("The register does not hold: %(figures)s.") % {"figures": ", ".join(missing)}
        )
    if not table.rows:
        paragraphs.append(_("The register has no evaluation figures for the year."))
    return Section("evaluation", _("Evaluation"), paragraphs, [table] if table.rows else [])
