"""A scenario read with today's register and templates: the inputs gathered here, computed by
the pure functions of frirum.planning.scenario. The scenario page and the memo (PDF and Word)
read the same Plan, so their numbers cannot differ."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from frirum.accounts.models import Membership, Role
from frirum.planning import figures, scenario, selectors
from frirum.planning.models import Scenario, SiteYearCost
from frirum.planning.population import illustrative_note
from frirum.reports import caching
from frirum.reports import figures as report_figures
from frirum.reports.figures.common import year_bounds
from frirum.reports.figures.evaluation import evaluation as evaluation_figures
from frirum.reports.forms import default_year
from frirum.reports.suppression import default_k
from frirum.reports.years import years_with_data
from frirum.sites.models import Site, SiteKind

COMPARISON_YEARS = 3


@dataclass
class Staffing:
    opening_days: int
    volunteers: float | None
    employed: float | None
    sites: int  # comparable sites whose memberships were counted


@dataclass
class ActualCost:
    """The network's measured cost: entered costs of sites of the kind, over their activity."""

    year: int | None
    sites: int
    cost: int
    contacts: int
    youth: int


@dataclass
class Plan:
    scenario: Scenario
    computed_on: dt.date
    rules: dict
    recommended: str | None
    kind: str
    hubs: list[scenario.HubOption]
    hub: scenario.HubOption | None
    estimate: scenario.Estimate
    comparison_years: list[int]
    staffing: Staffing
    template: object | None
    budget: scenario.Budget | None
    actual: ActualCost
    evaluation_year: int
    evaluation: dict
    reached: int  # young people from the municipality reached in the evaluation year
    coverage: dict = field(default_factory=dict)  # figures.coverage of the evaluation year
    population_note: str | None = None  # set while the population figures are illustrative
    warnings: list[str] = field(default_factory=list)

    @property
    def municipality(self):
        return self.scenario.municipality

    @property
    def agreement_years(self) -> int:
        return int(self.rules["agreement_years"].value)

    @property
    def cost_per_contact(self) -> float | None:
        if self.budget is None:
            return None
        # Over the presented (rounded) estimate: the exact one would come back out of it.
        return scenario.per_unit(self.budget.yearly_full, self.estimate.contacts_shown.median)

    @property
    def cost_per_youth(self) -> float | None:
        if self.budget is None:
            return None
        return scenario.per_unit(self.budget.yearly_full, self.estimate.youth_shown.median)

    @property
    def cohort_expectation(self) -> float | None:
        """The rule of thumb: a share of one youth cohort (the 12-25-year-olds / 14)."""
        young = self.municipality.population_12_25
        if young is None:
            return None
        return young / 14 * float(self.rules["cohort_share"].value)


def _hub_options(today: dt.date) -> list[scenario.HubOption]:
    """Every open centre with its open satellites and its chiefs' load: all the sites each
    chief leads (centres and their satellites), the most loaded chief counting."""
    open_satellites = Q(satellites__closed_on__isnull=True) | Q(satellites__closed_on__gte=today)
    centres = list(
        Site.objects.filter(kind=SiteKind.CENTRE, municipality__isnull=False)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=today))
        .annotate(n=Count("satellites", filter=open_satellites, distinct=True))
        .select_related("municipality")
        .order_by("name")
    )
    satellites = {centre.id: centre.n for centre in centres}
    chiefs_of: dict[int, list[tuple[int, str]]] = {}
    load: dict[int, int] = {}
    rows = Membership.objects.filter(
        role=Role.CENTRE_CHIEF, is_active=True, site__kind=SiteKind.CENTRE
    ).values_list("site_id", "user_id", "user__full_name")
    for site_id, user_id, name in rows:
        chiefs_of.setdefault(site_id, []).append((user_id, name))
        load[user_id] = load.get(user_id, 0) + 1 + satellites.get(site_id, 0)
    options = []
    for centre in centres:
        chiefs = chiefs_of.get(centre.id, [])
        options.append(
            scenario.HubOption(
                code=centre.code,
                name=centre.name,
                region_id=centre.municipality.region_id,
                satellites=centre.n,
                chiefs=tuple(sorted(name for _user, name in chiefs)),
                chief_sites=max((load[user] for user, _name in chiefs), default=1 + centre.n),
            )
        )
    return options


def _comparable(kind: str, years: list[int]) -> list[scenario.SiteYear]:
    """Every open site of the kind, each year it was open all year and had contacts."""
    sites = list(
        Site.objects.filter(kind=kind, municipality__population_12_25__gt=0).select_related(
            "municipality"
        )
    )
    activity = figures.site_year_activity([site.id for site in sites], years)
    used = []
    for site in sites:
        for year in years:
            first, last = year_bounds(year)
            if site.opened_on and site.opened_on > first:
                continue
            if site.closed_on and site.closed_on < last:
                continue
            numbers = activity.get((site.id, year))
            if not numbers or not numbers["contacts"]:
                continue
            used.append(
                scenario.SiteYear(
                    code=site.code,
                    name=site.name,
                    year=year,
                    youth=numbers["youth"],
                    contacts=numbers["contacts"],
                    population_12_25=site.municipality.population_12_25,
                )
            )
    return sorted(used, key=lambda item: (item.name, item.year))


def _staffing(kind: str, used: list[scenario.SiteYear], rules: dict) -> Staffing:
    codes = sorted({item.code for item in used})
    rows = (
        Site.objects.filter(code__in=codes)
        .annotate(
            volunteers=Count(
                "memberships",
                filter=Q(memberships__role=Role.VOLUNTEER_COUNSELLOR, memberships__is_active=True),
            ),
            employed=Count(
                "memberships",
                filter=Q(memberships__role=Role.EMPLOYED_COUNSELLOR, memberships__is_active=True),
            ),
        )
        .values_list("volunteers", "employed")
    )
    rows = list(rows)
    key = "centre_opening_days" if kind == scenario.CENTRE else "satellite_opening_days"
    return Staffing(
        opening_days=int(rules[key].value),
        volunteers=scenario.median_or_none([row[0] for row in rows]),
        employed=scenario.median_or_none([row[1] for row in rows]),
        sites=len(rows),
    )


def _actual_cost(kind: str, last_year: int) -> ActualCost:
    years = (
        SiteYearCost.objects.filter(site__kind=kind, year__lte=last_year)
        .order_by("-year")
        .values_list("year", flat=True)
    )
    year = years.first()
    if year is None:
        return ActualCost(None, 0, 0, 0, 0)
    costs = list(SiteYearCost.objects.filter(site__kind=kind, year=year))
    activity = figures.site_year_activity([cost.site_id for cost in costs], [year])
    return ActualCost(
        year=year,
        sites=len(costs),
        cost=sum(cost.amount for cost in costs),
        contacts=sum(activity.get((c.site_id, year), {}).get("contacts", 0) for c in costs),
        youth=sum(activity.get((c.site_id, year), {}).get("youth", 0) for c in costs),
    )


def _lines(template) -> list[scenario.Line]:
    return [
        scenario.Line(
            label=line.label,
            amount=line.amount,
            payer=line.payer,
            kind=line.kind,
            halved_in_first_year=line.halved_in_first_year,
            source=line.source,
            source_year=line.source_year,
        )
        for line in selectors.template_lines(template)
    ]


def _evaluation(year: int) -> dict:
    """The national report's figures of the year and the memo's evaluation figures
    (`frirum.reports.figures.evaluation`, under "evaluation"), from the reports' cache."""
    version = caching.data_version()
    national = caching.cached_figures(
        "national",
        year=year,
        site=None,
        version=version,
        compute=lambda: report_figures.national(year=year),
    )
    extra = caching.cached_figures(
        "evaluation",
        year=year,
        site=None,
        version=version,
        compute=lambda: evaluation_figures(year=year),
    )
    # A new dict: the cached one is shared.
    return {**national, "evaluation": extra}


def build_plan(item: Scenario, *, today: dt.date | None = None, k: int | None = None) -> Plan:
    """`k` is the suppression threshold of the presented forms (default: the setting): the
    estimate leaves out the site-years they hide."""
    today = today or timezone.localdate()
    k = k if k is not None else default_k()
    rules = selectors.current_rules()
    municipality = item.municipality
    recommended = scenario.recommend_kind(
        municipality.population_total, int(rules["centre_threshold"].value)
    )
    kind = item.kind or recommended or scenario.SATELLITE
    warnings = []
    if recommended is None:
        warnings.append("no_population")
    capacity = int(rules["hub_capacity"].value)
    hubs = scenario.hub_candidates(
        _hub_options(today), region_id=municipality.region_id, capacity=capacity
    )
    hub = None
    if kind == scenario.SATELLITE:
        if item.hub_id:
            chosen = [h for h in _hub_options(today) if h.code == item.hub.code]
            hub = chosen[0] if chosen else None
            if hub is not None and hub.satellites >= capacity:
                warnings.append("hub_full")
        elif hubs:
            hub = hubs[0]
        else:
            warnings.append("no_hub")
    last_year = default_year(years_with_data("national"))
    comparison_years = list(range(last_year - COMPARISON_YEARS + 1, last_year + 1))
    used = _comparable(kind, comparison_years)
    if not used:
        warnings.append("no_comparable")
    template = selectors.current_template(kind, item.start_year)
    lines = _lines(template)
    budget = (
        scenario.budget(
            lines,
            start_year=item.start_year,
            years=int(rules["agreement_years"].value),
            half_first_year=item.half_first_year,
            first_year_share=Decimal(rules["first_year_share"].value),
        )
        if template is not None
        else None
    )
    if template is None:
        warnings.append("no_template")
    # The whole coverage table of the year: the memo shows the municipality's count with the
    # table's suppression decision (the same figure must hide the same way everywhere).
    coverage = figures.coverage(year=last_year, on=today)
    reached = next(
        (row["reached"] for row in coverage["municipalities"] if row["code"] == municipality.code),
        0,
    )
    estimate = scenario.estimate(used, municipality.population_12_25, k=k)
    if used and estimate.youth.n < scenario.MIN_SITE_YEARS:
        warnings.append("too_few_comparable")
    return Plan(
        scenario=item,
        computed_on=today,
        rules=rules,
        recommended=recommended,
        kind=kind,
        hubs=hubs,
        hub=hub,
        estimate=estimate,
        comparison_years=comparison_years,
        staffing=_staffing(kind, used, rules),
        template=template,
        budget=budget,
        actual=_actual_cost(kind, last_year),
        evaluation_year=last_year,
        evaluation=_evaluation(last_year),
        reached=reached,
        coverage=coverage,
        population_note=illustrative_note(),
        warnings=warnings,
    )
