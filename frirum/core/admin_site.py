from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class FrirumAdminSite(admin.AdminSite):
    """The national secretariat's administration: taxonomies, sites, people, questionnaires."""

    site_header = _("Frirum administration")
    site_title = _("Frirum")
    index_title = _("National secretariat")

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_staff or getattr(user, "is_secretariat", False))
