from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "frirum.sites"
    label = "sites"
    # The admin's section heading.
    verbose_name = _("Sites")
