from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from frirum.accounts.actions import reset_two_factor
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
        "is_active",
    ]
    list_filter = [
        "is_secretariat",
        "is_active",
        "memberships__role",
        "memberships__site",
    ]
    search_fields = ["full_name", "email"]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [MembershipInline, MunicipalityViewerInline]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        (
            _("Access"),
            {"fields": ["is_active", "is_secretariat", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Log-in"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]
    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset two-factor authentication of the selected accounts"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            reset_two_factor(actor=request.user, member=user)
        self.message_user(
            request, _("Two-factor authentication is reset; they set it up at the next sign-in.")
        )


# django-otp's own admin pages show the authenticators' secret keys and QR codes: nobody,
# the secretariat included, should read another person's key. Resets go through the action.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
