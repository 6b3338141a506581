from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RostersConfig(AppConfig):
    name = "frirum.rosters"
    label = "rosters"
    # The admin's section heading.
    verbose_name = _("Rosters")
