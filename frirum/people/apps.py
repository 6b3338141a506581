from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "frirum.people"
    label = "people"
    # The admin's section heading.
    verbose_name = _("Young people")
