from django.contrib import admin

from frirum.directory.models import (
    Location,
    Organization,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
)


class ScheduleInline(admin.TabularInline):
    model = Schedule
    extra = 0


class ExceptionInline(admin.TabularInline):
    model = ScheduleException
    extra = 0


class AtLocationInline(admin.TabularInline):
    model = ServiceAtLocation
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "destination", "status", "owner_site", "verified_on"]
    list_filter = ["status", "destination", "is_published", "owner_site"]
    search_fields = ["name", "organization__name"]
    filter_horizontal = ["themes", "municipalities"]
    list_select_related = ["organization", "destination", "owner_site"]
    inlines = [ScheduleInline, ExceptionInline, AtLocationInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "url"]
    search_fields = ["name"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "city", "municipality"]
    search_fields = ["name", "city"]
    list_select_related = ["organization", "municipality"]
