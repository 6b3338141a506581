from django.contrib import admin

from frirum.volunteers.models import PathStep, Qualification, QualificationGrant, VolunteerPath


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    """The secretariat defines the qualifications the rosters require."""

    list_display = ["name", "code", "validity_days", "granted_by_step"]
    filter_horizontal = ["includes"]
    search_fields = ["name", "code"]


class PathStepInline(admin.TabularInline):
    model = PathStep
    extra = 0
    readonly_fields = ["step", "on", "by"]
    can_delete = False


@admin.register(VolunteerPath)
class VolunteerPathAdmin(admin.ModelAdmin):
    list_display = ["user", "site", "step", "step_on"]
    list_filter = ["step"]
    list_select_related = ["user", "site"]
    inlines = [PathStepInline]
    readonly_fields = ["step", "step_on"]


@admin.register(QualificationGrant)
class QualificationGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "qualification", "granted_on", "expires_on", "granted_by"]
    list_select_related = ["user", "qualification", "granted_by"]
    list_filter = ["qualification"]
