from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamilyConfig(AppConfig):
    name = "frirum.family"
    label = "family"
    # The admin's section heading.
    verbose_name = _("headspace Family")
