from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "frirum.volunteers"
    label = "volunteers"
    # The admin's section heading.
    verbose_name = _("Volunteers")
