"""The establishment memo's content, built once from a Plan: every number already as the text
the memo shows (Danish formats, suppression applied). The web page, the PDF (same template) and
the Word file (python-docx) all read this, so a number cannot differ between them."""

from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from frirum.planning.definitions import definitions
from frirum.planning.plan import Plan
from frirum.planning.scenario import CENTRE
from frirum.reports.figures.feedback import SESSION_RATING_ITEMS
from frirum.reports.render.labels import SESSION_RATING_LABELS
from frirum.reports.suppression import count_cell, share_cell, value_cell

PAYERS = ("state", "municipality", "foundations")
APPENDIX = [
    "coverage.population",
    "coverage.reached",
    "coverage.reached_per_1000",
    "estimate.reach",
    "estimate.staffing",
    "budget",
    "cost.per_conversation",
    "evaluation",
]


def kr(value: int | float | None) -> str:
    if value is None:
        return _("not stated")
    return f"{number_format(round(value), force_grouping=True)} kr."


def whole(value: int | float | None) -> str:
    if value is None:
        return "\u2013"
    return number_format(round(value), force_grouping=True)


def decimal1(value: float | None) -> str:
    if value is None:
        return "\u2013"
    return number_format(round(value, 1), 1)


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    total: list[str] | None = None


@dataclass
class Section:
    slug: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class Memo:
    title: str
    dated: str
    municipality: str
    sections: list[Section]
    appendix: list[tuple[str, str]]
    sources: list[str]
    k: int
    note: str
    # The key numbers by name, as shown: what tests read back from the PDF and Word file.
    numbers: dict[str, str]


def _kind_name(kind: str) -> str:
    return _("a centre") if kind == CENTRE else _("a satellite")


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
                "kind": _kind_name(plan.recommended),
            }
        )
    if plan.scenario.kind and plan.scenario.kind != plan.recommended:
        paragraphs.append(
            _("This memo describes %(kind)s, as chosen for the scenario.")
            % {"kind": _kind_name(plan.kind)}
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
    kind_name = _("The centre") if plan.kind == CENTRE else _("The satellite")
    if staffing.volunteers is not None:
        paragraphs.append(
            _(
                "%(kind)s is open %(days)s days a week. Comparable sites have a median of "
                "%(volunteers)s active volunteers and %(employed)s employed counsellors, "
                "besides the seconded municipal employee."
            )
            % {
                "kind": kind_name,
                "days": staffing.opening_days,
                "volunteers": decimal1(staffing.volunteers),
                "employed": decimal1(staffing.employed),
            }
        )
    else:
        paragraphs.append(
            _("%(kind)s is open %(days)s days a week.")
            % {"kind": kind_name, "days": staffing.opening_days}
        )
    return Section("offer", _("The offer"), paragraphs)


def _need(plan: Plan, k: int, numbers: dict) -> Section:
    municipality = plan.municipality
    estimate = plan.estimate
    reached = count_cell(plan.reached, k=k)
    numbers["population_total"] = whole(municipality.population_total)
    numbers["population_12_25"] = whole(municipality.population_12_25)
    numbers["reached"] = reached.text
    numbers["youth_median"] = whole(estimate.youth.median)
    numbers["contacts_median"] = whole(estimate.contacts.median)
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
                "youth_q1": whole(estimate.youth.q1),
                "youth_q3": whole(estimate.youth.q3),
                "contacts": numbers["contacts_median"],
                "contacts_q1": whole(estimate.contacts.q1),
                "contacts_q3": whole(estimate.contacts.q3),
                "n": estimate.youth.n,
            }
        )
    else:
        paragraphs.append(_("There are no comparable sites with known figures to estimate from."))
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
        youth = count_cell(item.youth, k=k)
        rate = value_cell(item.youth_per_1000, base=item.youth, k=k)
        table.rows.append(
            [
                item.name,
                str(item.year),
                youth.text,
                count_cell(item.contacts, k=k).text,
                rate.text,
            ]
        )
    return Section("need", _("Need in %(name)s") % {"name": municipality.name}, paragraphs, [table])


def _placement(plan: Plan) -> list[Section]:
    placeholder = _("To be described by the municipality.")
    return [
        Section("placement", _("Possible placement"), [plan.scenario.placement or placeholder]),
        Section(
            "anchoring", _("Organisational anchoring"), [plan.scenario.anchoring or placeholder]
        ),
    ]


def _economy(plan: Plan, k: int, numbers: dict) -> Section:
    budget = plan.budget
    section = Section("economy", _("Economy"))
    if budget is None:
        section.paragraphs.append(_("There is no budget template for this kind of site."))
        return section
    template = plan.template
    section.paragraphs.append(
        _(
            "The amounts are the secretariat's budget template for %(kind)s (%(year)s). "
            "The agreement runs at least %(years)s years, from %(start)s."
        )
        % {
            "kind": _kind_name(plan.kind),
            "year": template.year,
            "years": plan.agreement_years,
            "start": plan.scenario.start_year,
        }
    )
    halved = [line for line in budget.lines if line.halved_in_first_year]
    if budget.half_first_year and halved:
        first = budget.years[0]
        index = budget.lines.index(halved[0])
        section.paragraphs.append(
            _("In %(year)s the municipality pays half the operating grant: %(amount)s")
            % {"year": first.year, "amount": kr(first.by_line[index])}
        )
    lines = Table(
        _("Establishment and yearly operation"),
        [
            _("Line"),
            _("Establishment"),
            _("Yearly, municipality"),
            _("Yearly, state"),
            _("Yearly, foundations"),
        ],
        [],
    )
    for line in budget.lines:
        cells = ["", "", "", ""]
        column = (
            0
            if line.kind == "establishment"
            else 1 + ("municipality", "state", "foundations").index(line.payer)
        )
        cells[column] = kr(line.amount)
        lines.rows.append([line.label, *cells])
    lines.total = [
        _("Total"),
        kr(budget.establishment),
        kr(budget.yearly_by_payer("municipality")),
        kr(budget.yearly_by_payer("state")),
        kr(budget.yearly_by_payer("foundations")),
    ]
    years = Table(
        _("Who pays what each year"),
        [_("Year"), _("State"), _("Municipality"), _("Foundations"), _("Total")],
        [
            [
                str(year.year),
                kr(year.by_payer.get("state", 0)),
                kr(year.by_payer.get("municipality", 0)),
                kr(year.by_payer.get("foundations", 0)),
                kr(year.total),
            ]
            for year in budget.years
        ],
        [
            _("Total"),
            kr(budget.payer_total("state")),
            kr(budget.payer_total("municipality")),
            kr(budget.payer_total("foundations")),
            kr(budget.total),
        ],
    )
    numbers["yearly_full"] = kr(budget.yearly_full)
    numbers["establishment"] = kr(budget.establishment)
    numbers["agreement_total"] = kr(budget.total)
    numbers["first_year_municipality"] = kr(budget.years[0].by_payer.get("municipality", 0))
    numbers["municipality_total"] = kr(budget.payer_total("municipality"))
    section.tables += [lines, years]
    actual = plan.actual
    per_contact = value_cell(
        actual.cost / actual.contacts if actual.contacts else None, base=actual.contacts, k=k
    )
    per_youth = value_cell(
        actual.cost / actual.youth if actual.youth else None, base=actual.youth, k=k
    )
    numbers["cost_per_contact"] = kr(plan.cost_per_contact) if plan.cost_per_contact else "\u2013"
    numbers["cost_per_youth"] = kr(plan.cost_per_youth) if plan.cost_per_youth else "\u2013"
    section.tables.append(
        Table(
            _("Cost per conversation and per young person"),
            [_("Measure"), _("This scenario (estimate)"), _("The network's actual figures")],
            [
                [
                    _("Cost per conversation"),
                    numbers["cost_per_contact"],
                    kr(per_contact.shown)
                    if per_contact.shown is not None
                    else per_contact.text or "\u2013",
                ],
                [
                    _("Cost per young person"),
                    numbers["cost_per_youth"],
                    kr(per_youth.shown)
                    if per_youth.shown is not None
                    else per_youth.text or "\u2013",
                ],
            ],
        )
    )
    if actual.year is not None:
        section.paragraphs.append(
            _(
                "The network's actual figures: the actual yearly costs entered for sites of "
                "the same kind in %(year)s (sites: %(n)s; in all %(cost)s) over the same "
                "sites' %(contacts)s conversations and %(youth)s young people."
            )
            % {
                "n": actual.sites,
                "year": actual.year,
                "cost": kr(actual.cost),
                "contacts": count_cell(actual.contacts, k=k).text,
                "youth": count_cell(actual.youth, k=k).text,
            }
        )
    else:
        section.paragraphs.append(_("No actual yearly costs have been entered yet."))
    return section


def _evaluation(plan: Plan, k: int, numbers: dict) -> Section:
    figures = plan.evaluation
    feedback = figures.get("feedback", {})
    period = str(plan.evaluation_year)
    table = Table(
        _("The network's own figures"),
        [_("Figure"), _("Value"), _("n"), _("Period")],
        [],
    )
    means = feedback.get("session_rating_mean", {})
    answers = feedback.get("session_rating_answers", {})
    for item in SESSION_RATING_ITEMS:
        if item in means:
            cell = value_cell(means[item], base=answers.get(item), k=k)
            table.rows.append(
                [
                    _("Session rating: %(item)s (mean, 1-10)")
                    % {"item": SESSION_RATING_LABELS[item]},
                    cell.text,
                    whole(answers.get(item)),
                    period,
                ]
            )
    helped = feedback.get("helped", {})
    helped_n = feedback.get("helped_answers", 0)
    if helped_n:
        cell = share_cell(helped.get("4", 0) + helped.get("5", 0), denominator=helped_n, k=k)
        numbers["helped_share"] = cell.text
        table.rows.append(
            [_("Has it helped to come here: 4 or 5 of 5"), cell.text, whole(helped_n), period]
        )
    contacts = figures.get("contacts", {}).get("total", 0)
    bridging = figures.get("bridging", {})
    if contacts:
        cell = share_cell(bridging.get("share", 0), denominator=contacts, k=k)
        numbers["bridging_share"] = cell.text
        table.rows.append([_("Conversations with bridging"), cell.text, whole(contacts), period])
    efficacy = figures.get("outcomes", {}).get("self_efficacy", {})
    courses = efficacy.get("courses", 0)
    if courses:
        first = share_cell(efficacy["first"].get("high", 0), denominator=courses, k=k)
        latest = share_cell(efficacy["latest"].get("high", 0), denominator=courses, k=k)
        table.rows.append(
            [
                _("High self-efficacy, first and latest conversation"),
                f"{first.text} \u2192 {latest.text}",
                whole(courses),
                period,
            ]
        )
    paragraphs = [
        _(
            "The figures are the network's own, from the register, for every site but the "
            "chat in %(year)s (computed %(date)s)."
        )
        % {"year": plan.evaluation_year, "date": date_format(plan.computed_on, "j. F Y")}
    ]
    if not table.rows:
        paragraphs.append(_("The register has no evaluation figures for the year."))
    return Section("evaluation", _("Evaluation"), paragraphs, [table] if table.rows else [])


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
            "kind": _kind_name(plan.kind),
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
        "kind": _kind_name(plan.kind),
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
    sections = [
        _background(),
        _offer(plan),
        _need(plan, k, numbers),
        *_placement(plan),
        _economy(plan, k, numbers),
        _evaluation(plan, k, numbers),
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
    )
