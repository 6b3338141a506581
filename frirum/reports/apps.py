from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "frirum.reports"
    label = "reports"
    # The admin's section heading.
    verbose_name = _("Reports")
