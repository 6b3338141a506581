"""The memo's economy section (frirum.planning.memo builds the whole memo)."""

from django.utils.translation import gettext as _

from frirum.planning.disclosure import Tracker
from frirum.planning.memo_parts import Section, Table, kind_name, kr
from frirum.planning.plan import Plan
from frirum.reports.suppression import count_cell, value_cell


def economy_section(plan: Plan, k: int, numbers: dict, tracker: Tracker) -> Section:
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
            "kind": kind_name(plan.kind),
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
    # The entered costs are shown; each cost per conversation or young person over them gives
    # the count back, so it is hidden with it.
    scope = f"planning:actual:{plan.kind}"
    cost_key = (scope, actual.year or 0, "cost")
    contacts_key = (scope, actual.year or 0, "contacts")
    youth_key = (scope, actual.year or 0, "youth")
    tracker.constant(cost_key, actual.cost, integer=False)
    per_contact = tracker.ratio(
        cost_key,
        contacts_key,
        value_cell(
            actual.cost / actual.contacts if actual.contacts else None, base=actual.contacts, k=k
        ),
        step=1.0,
    )
    per_youth = tracker.ratio(
        cost_key,
        youth_key,
        value_cell(actual.cost / actual.youth if actual.youth else None, base=actual.youth, k=k),
        step=1.0,
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
                "contacts": tracker.count(contacts_key, count_cell(actual.contacts, k=k)).text,
                "youth": tracker.count(youth_key, count_cell(actual.youth, k=k)).text,
            }
        )
    else:
        section.paragraphs.append(_("No actual yearly costs have been entered yet."))
    return section
