"""The secretariat edits rules and budget templates here; chiefs enter costs on their page."""

from django.contrib import admin

from frirum.planning.models import (
    BudgetLine,
    BudgetTemplate,
    PlanningRule,
    Scenario,
    SiteYearCost,
)


class SecretariatOnly:
    """Planning data is the national secretariat's, whatever Django permissions say."""

    def _secretariat(self, request) -> bool:
        return bool(request.user.is_active and getattr(request.user, "is_secretariat", False))

    def has_module_permission(self, request):
        return self._secretariat(request)

    def has_view_permission(self, request, obj=None):
        return self._secretariat(request)

    def has_add_permission(self, request, *args):
        return self._secretariat(request)

    def has_change_permission(self, request, obj=None):
        return self._secretariat(request)

    def has_delete_permission(self, request, obj=None):
        return self._secretariat(request)


class BudgetLineInline(SecretariatOnly, admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = [
        "position",
        "label",
        "amount",
        "payer",
        "kind",
        "halved_in_first_year",
        "source",
        "source_year",
    ]


@admin.register(BudgetTemplate)
class BudgetTemplateAdmin(SecretariatOnly, admin.ModelAdmin):
    list_display = ["kind", "year", "note", "updated_at"]
    list_filter = ["kind"]
    inlines = [BudgetLineInline]
    save_as = True  # next year's version starts as a copy of this one


@admin.register(PlanningRule)
class PlanningRuleAdmin(SecretariatOnly, admin.ModelAdmin):
    list_display = ["key", "value", "source", "source_year", "updated_at"]


@admin.register(SiteYearCost)
class SiteYearCostAdmin(SecretariatOnly, admin.ModelAdmin):
    list_display = ["site", "year", "amount", "entered_by", "updated_at"]
    list_filter = ["year"]
    autocomplete_fields = ["site"]
    readonly_fields = ["entered_by"]


@admin.register(Scenario)
class ScenarioAdmin(SecretariatOnly, admin.ModelAdmin):
    list_display = ["municipality", "kind", "start_year", "created_by", "updated_at"]
    autocomplete_fields = ["municipality", "hub"]
    readonly_fields = ["created_by"]
