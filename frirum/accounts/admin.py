from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from frirum.accounts.models import Membership, MunicipalityViewer, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["site"]


class MunicipalityViewerInline(admin.TabularInline):
    model = MunicipalityViewer
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["full_name"]
    list_display = [
        "full_name",
        "email",
        "is_secretariat",
        "counselling_active",
        "intro_course_on",
        "is_active",
    ]
    list_filter = [
        "is_secretariat",
        "counselling_active",
        "is_active",
        "memberships__role",
        "memberships__site",
    ]
    search_fields = ["full_name", "email"]
    readonly_fields = ["failed_logins", "locked_until", "last_login", "date_joined"]
    inlines = [MembershipInline, MunicipalityViewerInline]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        (
            _("Training"),
            {"fields": ["intro_course_on", "side_by_side_count", "counselling_active"]},
        ),
        (
            _("Access"),
            {"fields": ["is_active", "is_secretariat", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Log-in"), {"fields": ["last_login", "date_joined", "failed_logins", "locked_until"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]
    actions = ["unlock"]

    @admin.action(description=_("Unlock the selected accounts"))
    def unlock(self, request, queryset):
        queryset.update(failed_logins=0, locked_until=None)
