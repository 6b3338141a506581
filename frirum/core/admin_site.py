from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class FrirumAdminSite(admin.AdminSite):
    """The national secretariat's administration: taxonomies, sites, people, questionnaires."""

    site_header = _("Frirum administration")
    site_title = _("Frirum")
    index_title = _("National secretariat")

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_staff or getattr(user, "is_secretariat", False))

    def login(self, request, extra_context=None):
        # One sign-in for the whole site: the throttled one with the second step.
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse(
            "admin:index", current_app=self.name
        )
        return redirect_to_login(next_url, reverse("accounts:login"))
