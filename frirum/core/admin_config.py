from django.contrib.admin.apps import AdminConfig


class FrirumAdminConfig(AdminConfig):
    default_site = "frirum.core.admin_site.FrirumAdminSite"
