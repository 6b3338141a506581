"""Reads of the secretariat's planning data: the current rules and budget templates."""

from dataclasses import dataclass
from decimal import Decimal

from frirum.planning.models import BudgetLine, BudgetTemplate, PlanningRule, RuleKey


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    value: Decimal
    source: str
    source_year: int


def current_rules() -> dict[str, Rule]:
    """Every rule by key; a missing rule is an error the secretariat must fix in the admin."""
    rules = {
        rule.key: Rule(rule.key, rule.get_key_display(), rule.value, rule.source, rule.source_year)
        for rule in PlanningRule.objects.all()
    }
    missing = [key for key in RuleKey.values if key not in rules]
    if missing:
        raise LookupError(f"planning rules missing: {', '.join(missing)}")
    return rules


def current_template(kind: str, year: int | None = None) -> BudgetTemplate | None:
    """The newest template of the kind (as of `year`, if given), with its lines."""
    templates = BudgetTemplate.objects.filter(kind=kind)
    if year is not None:
        templates = templates.filter(year__lte=year)
    return templates.prefetch_related("lines").order_by("-year").first()


def template_lines(template: BudgetTemplate | None) -> list[BudgetLine]:
    return list(template.lines.all()) if template is not None else []


def all_templates() -> list[BudgetTemplate]:
    return list(BudgetTemplate.objects.prefetch_related("lines").order_by("kind", "-year"))
