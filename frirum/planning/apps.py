from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "frirum.planning"
    label = "planning"
    # The admin's section heading.
    verbose_name = _("Network planning")
