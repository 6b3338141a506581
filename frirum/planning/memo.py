"""The establishment memo's content, built once from a Plan: every number already as the text
the memo shows (Danish formats, suppression applied). The web page, the PDF (same template) and
the Word file (python-docx) all read this, so a number cannot differ between them."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from frirum.planning.coverage import build_coverage
from frirum.planning.definitions import definitions
from frirum.planning.disclosure import Tracker, reached_key
from frirum.planning.memo_economy import economy_section
from frirum.planning.memo_evaluation import evaluation_section
from frirum.planning.memo_parts import (
    Memo,
    Section,
    Table,
    about,
    decimal1,
    kind_name,
    kr,
    whole,
)
from frirum.planning.plan import Plan
from frirum.planning.scenario import CENTRE, MIN_SITE_YEARS, ROUND_TO
from frirum.reports.suppression import Cell, count_cell, value_cell

APPENDIX = [
    "coverage.population",
    "coverage.reached",
    "coverage.reached_per_1000",
    "estimate.reach",
    "estimate.staffing",
    "budget",
    "cost.per_conversation",
    "evaluation",
    "evaluation.outcomes",
    "evaluation.bridging_courses",
    "evaluation.not_in_register",
]


def _background() -> Section:
    return Section(
        "background",
        _("Background"),
        [
            _(
                "headspace is a free and anonymous conversation offer for young people aged "
                "12-25 who need someone to talk to. It was established in Denmark in 2013 "
                "after an Australian model and is run by Det Sociale Netværk."
            ),
            _(
                "Young people can come in without an appointment, book a time, call, chat or "
                "write. The counsellors, most of them trained volunteers, listen without "
                "prejudice and, where the young person needs more or other help, bridge to "
                "other offers together with them."
            ),
        ],
    )


def _offer(plan: Plan) -> Section:
    rules = plan.rules
    municipality = plan.municipality
    paragraphs = []
    threshold = whole(rules["centre_threshold"].value)
    if plan.recommended:
        paragraphs.append(
            _(
                "A centre with full opening hours is established in municipalities with at "
                "least %(threshold)s inhabitants; in smaller municipalities a satellite with "
                "%(days)s opening days a week, attached to a centre (its hub) with the centre "
                "chief. %(name)s has %(population)s inhabitants (%(year)s), so the secretariat "
                "recommends %(kind)s."
            )
            % {
                "threshold": threshold,
                "days": whole(rules["satellite_opening_days"].value),
                "name": municipality.name,
                "population": whole(municipality.population_total),
                "year": municipality.population_year or "\u2013",
                "kind": kind_name(plan.recommended),
            }
        )
    if plan.scenario.kind and plan.scenario.kind != plan.recommended:
        paragraphs.append(
            _("This memo describes %(kind)s, as chosen for the scenario.")
            % {"kind": kind_name(plan.kind)}
        )
    if plan.kind != CENTRE:
        if plan.hub is not None:
            paragraphs.append(
                _(
                    "The satellite is proposed attached to %(hub)s, which today carries "
                    "%(n)s of at most %(capacity)s satellites. In practice %(name)s has its "
                    "own satellite, with hub and centre chief at %(hub)s."
                )
                % {
                    "hub": plan.hub.name,
                    "n": plan.hub.satellites,
                    "capacity": whole(rules["hub_capacity"].value),
                    "name": municipality.name,
                }
            )
        else:
            paragraphs.append(
                _(
                    "No centre in the region has room for another satellite today. An "
                    "alternative is a centre shared by several municipalities."
                )
            )
    staffing = plan.staffing
    site_word = _("The centre") if plan.kind == CENTRE else _("The satellite")
    if staffing.volunteers is not None:
        paragraphs.append(
            _(
                "%(kind)s is open %(days)s days a week. Comparable sites have a median of "
                "%(volunteers)s active volunteers and %(employed)s employed counsellors, "
                "besides the seconded municipal employee."
            )
            % {
                "kind": site_word,
                "days": staffing.opening_days,
                "volunteers": decimal1(staffing.volunteers),
                "employed": decimal1(staffing.employed),
            }
        )
    else:
        paragraphs.append(
            _("%(kind)s is open %(days)s days a week.")
            % {"kind": site_word, "days": staffing.opening_days}
        )
    return Section("offer", _("The offer"), paragraphs)


def _reached(plan: Plan, k: int, tracker: Tracker) -> Cell:
    """The municipality's young people reached, as the coverage table presents it."""
    code = plan.municipality.code
    if not plan.coverage:
        return count_cell(plan.reached, k=k)
    table = build_coverage(plan.coverage, k=k)
    row = next(row for row in table.rows if row.code == code)
    return tracker.count(reached_key(table.year, code), row.reached)


def _need(plan: Plan, k: int, numbers: dict, tracker: Tracker) -> Section:
    municipality = plan.municipality
    estimate = plan.estimate
    reached = _reached(plan, k, tracker)
    numbers["population_total"] = whole(municipality.population_total)
    numbers["population_12_25"] = whole(municipality.population_12_25)
    numbers["reached"] = reached.text
    # Estimates as presented: rounded (scenario.ROUND_TO), never a site-year's exact count.
    youth, contacts = estimate.youth, estimate.contacts
    youth_shown, contacts_shown = estimate.youth_shown, estimate.contacts_shown
    numbers["youth_median"] = about(youth.median, youth_shown.median)
    numbers["contacts_median"] = about(contacts.median, contacts_shown.median)
    paragraphs = [
        _(
            "%(name)s has %(young)s residents aged 12-25 (%(year)s). In %(period)s, "
            "%(reached)s young people living in the municipality had a conversation at a "
            "headspace site or in the chat (computed %(date)s)."
        )
        % {
            "name": municipality.name,
            "young": numbers["population_12_25"],
            "year": municipality.population_year or "\u2013",
            "period": plan.evaluation_year,
            "reached": reached.text,
            "date": date_format(plan.computed_on, "j. F Y"),
        }
    ]
    if estimate.youth.median is not None:
        paragraphs.append(
            _(
                "Comparable sites reach a median of %(rate)s young people per 1,000 aged "
                "12-25 a year. For %(name)s that is about %(youth)s young people (interquartile "
                "range %(youth_q1)s-%(youth_q3)s) and %(contacts)s conversations a year "
                "(%(contacts_q1)s-%(contacts_q3)s), from %(n)s site-years."
            )
            % {
                "rate": decimal1(estimate.youth_rate.median),
                "name": municipality.name,
                "youth": numbers["youth_median"],
                "youth_q1": about(youth.q1, youth_shown.q1),
                "youth_q3": about(youth.q3, youth_shown.q3),
                "contacts": numbers["contacts_median"],
                "contacts_q1": about(contacts.q1, contacts_shown.q1),
                "contacts_q3": about(contacts.q3, contacts_shown.q3),
                "n": estimate.youth.n,
            }
        )
        paragraphs.append(_("The estimates are rounded to the nearest %(n)s.") % {"n": ROUND_TO})
    elif estimate.used or estimate.left_out:
        paragraphs.append(
            _(
                "There are fewer than %(n)s comparable site-years with figures large enough "
                "to show, so there is no estimate."
            )
            % {"n": MIN_SITE_YEARS}
        )
    else:
        paragraphs.append(_("There are no comparable sites with known figures to estimate from."))
    if estimate.left_out:
        paragraphs.append(
            _(
                "%(n)s site-years with fewer than %(k)s young people or conversations are left "
                "out of the estimate."
            )
            % {"n": len(estimate.left_out), "k": k}
        )
    if plan.population_note:
        paragraphs.append(
            _("The population figures are illustrative (demo data), not Statistics Denmark's.")
        )
    cohort = plan.cohort_expectation
    if cohort is not None:
        rule = plan.rules["cohort_share"]
        paragraphs.append(
            _(
                "Rule of thumb: about %(share)s of a youth cohort are expected to benefit, "
                "about %(n)s young people in %(name)s (assumption: %(source)s, %(year)s)."
            )
            % {
                "share": f"{whole(rule.value * 100)} %",
                "n": whole(cohort),
                "name": municipality.name,
                "source": rule.source,
                "year": rule.source_year,
            }
        )
    table = Table(
        _("Comparable sites and years"),
        [_("Site"), _("Year"), _("Young people"), _("Conversations"), _("Per 1,000 aged 12-25")],
        [],
    )
    for item in estimate.used:
        # Keyed as the site's annual report keys them: the same figures.
        youth_key = (item.code, item.year, "youth.personal")
        contacts_key = (item.code, item.year, "contacts.total")
        population = (f"site:{item.code}", item.year, "population_12_25")
        youth = tracker.count(youth_key, count_cell(item.youth, k=k))
        contacts = tracker.count(contacts_key, count_cell(item.contacts, k=k))
        tracker.at_least.append((contacts_key, youth_key))
        tracker.constant(population, item.population_12_25)
        rate = tracker.ratio(
            youth_key,
            population,
            value_cell(item.youth_per_1000, base=item.youth, k=k),
            step=0.1,
            scale=1000.0,
        )
        table.rows.append([item.name, str(item.year), youth.text, contacts.text, rate.text])
    return Section("need", _("Need in %(name)s") % {"name": municipality.name}, paragraphs, [table])


def _placement(plan: Plan) -> list[Section]:
    placeholder = _("To be described by the municipality.")
    return [
        Section("placement", _("Possible placement"), [plan.scenario.placement or placeholder]),
        Section(
            "anchoring", _("Organisational anchoring"), [plan.scenario.anchoring or placeholder]
        ),
    ]


def _savings(plan: Plan, numbers: dict) -> Section:
    low, high = plan.rules["savings_low"], plan.rules["savings_high"]
    numbers["savings_low"] = kr(low.value)
    numbers["savings_high"] = kr(high.value)
    return Section(
        "savings",
        _("Savings potential (assumption)"),
        [
            _(
                "Assumption, not measured: an analysis put the yearly savings potential of an "
                "average centre at between %(low)s and %(high)s, through young people's use "
                "of their GP, specialists, psychologists and psychiatry and their retention in "
                "education and work. Source: %(source)s (%(year)s)."
            )
            % {
                "low": numbers["savings_low"],
                "high": numbers["savings_high"],
                "source": low.source,
                "year": low.source_year,
            }
        ],
    )


def _conclusion(plan: Plan, numbers: dict) -> Section:
    if plan.estimate.youth.median is None:
        text = _(
            "headspace in %(name)s as %(kind)s would give the municipality's %(young)s young "
            "people aged 12-25 someone to talk to, early and without referral; the "
            "municipality pays %(municipality)s over the %(years)s years of the agreement."
        ) % {
            "name": plan.municipality.name,
            "kind": kind_name(plan.kind),
            "young": numbers["population_12_25"],
            "municipality": numbers.get("municipality_total", "\u2013"),
            "years": plan.agreement_years,
        }
        return Section("conclusion", _("Conclusion"), [text])
    text = _(
        "headspace in %(name)s as %(kind)s would give the municipality's %(young)s young "
        "people aged 12-25 someone to talk to, early and without referral. The estimate is "
        "about %(youth)s young people and %(contacts)s conversations a year; the municipality "
        "pays %(municipality)s over the %(years)s years of the agreement."
    ) % {
        "name": plan.municipality.name,
        "kind": kind_name(plan.kind),
        "young": numbers["population_12_25"],
        "youth": numbers["youth_median"],
        "contacts": numbers["contacts_median"],
        "municipality": numbers.get("municipality_total", "\u2013"),
        "years": plan.agreement_years,
    }
    return Section("conclusion", _("Conclusion"), [text])


def _sources(plan: Plan) -> list[str]:
    sources = {f"{rule.source} ({rule.source_year})" for rule in plan.rules.values()}
    if plan.budget is not None:
        sources |= {f"{line.source} ({line.source_year})" for line in plan.budget.lines}
    sources.add(
        _("Frirum register, computed %(date)s") % {"date": date_format(plan.computed_on, "j. F Y")}
    )
    return sorted(sources)


def build_memo(plan: Plan, *, k: int) -> Memo:
    numbers: dict[str, str] = {}
    tracker = Tracker(k)
    sections = [
        _background(),
        _offer(plan),
        _need(plan, k, numbers, tracker),
        *_placement(plan),
        economy_section(plan, k, numbers, tracker),
        evaluation_section(plan, k, numbers, tracker),
        _savings(plan, numbers),
    ]
    sections.append(_conclusion(plan, numbers))
    return Memo(
        title=_("Memo on establishing headspace in %(name)s") % {"name": plan.municipality.name},
        dated=date_format(plan.computed_on, "j. F Y"),
        municipality=plan.municipality.name,
        sections=sections,
        appendix=definitions(APPENDIX),
        sources=_sources(plan),
        k=k,
        note=_(
            "Small numbers are hidden: counts below %(k)s are shown as <%(k)s; a dash hides a "
            "figure resting on a hidden one. Figures from the register are computed on the "
            "memo's date; every other amount is an assumption from the secretariat's "
            "templates, with its source and year."
        )
        % {"k": k},
        numbers=numbers,
        tracker=tracker,
    )
