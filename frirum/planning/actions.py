"""Writes of network planning: a site's actual yearly cost and the scenarios. Each is
all-or-nothing and leaves an audit entry."""

from django.db import transaction

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.planning.models import Scenario, SiteYearCost

SCENARIO_FIELDS = [
    "municipality",
    "kind",
    "hub",
    "start_year",
    "half_first_year",
    "placement",
    "anchoring",
]


@transaction.atomic
def set_site_year_cost(*, site, actor, year: int, amount: int) -> SiteYearCost:
    cost = SiteYearCost.objects.select_for_update().filter(site=site, year=year).first()
    if cost is None:
        cost = SiteYearCost(site=site, year=year, amount=amount, entered_by=actor)
        cost.full_clean()
        cost.save()
        record_audit(
            actor=actor,
            action=AuditAction.CREATE,
            instance=cost,
            site=site,
            after=snapshot(cost),
        )
        return cost
    before = snapshot(cost)
    cost.amount = amount
    cost.entered_by = actor
    cost.full_clean()
    cost.save(update_fields=["amount", "entered_by", "updated_at"])
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=cost,
        site=site,
        before=before,
        after=snapshot(cost),
    )
    return cost


@transaction.atomic
def create_scenario(*, actor, **fields) -> Scenario:
    scenario = Scenario(created_by=actor, **{k: fields[k] for k in SCENARIO_FIELDS})
    scenario.full_clean()
    scenario.save()
    record_audit(
        actor=actor,
        action=AuditAction.CREATE,
        instance=scenario,
        after=snapshot(scenario),
    )
    return scenario


@transaction.atomic
def update_scenario(*, scenario: Scenario, actor, **fields) -> Scenario:
    before = snapshot(scenario)
    for name in SCENARIO_FIELDS:
        setattr(scenario, name, fields[name])
    scenario.full_clean()
    scenario.save(update_fields=[*SCENARIO_FIELDS, "updated_at"])
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=scenario,
        before=before,
        after=snapshot(scenario),
    )
    return scenario
