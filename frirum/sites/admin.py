from django.contrib import admin

from frirum.sites.models import ClosedDay, Municipality, OpeningHours, Region, Site


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class ClosedDayInline(admin.TabularInline):
    model = ClosedDay
    extra = 0


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "municipality", "hub", "opened_on", "closed_on"]
    list_filter = ["kind", "drop_in", "booking_enabled"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["municipality", "hub"]
    inlines = [OpeningHoursInline, ClosedDayInline]
    filter_horizontal = ["instruments"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "region",
        "population_total",
        "population_12_25",
        "population_year",
    ]
    list_filter = ["region"]
    search_fields = ["name", "code"]


admin.site.register(Region)
