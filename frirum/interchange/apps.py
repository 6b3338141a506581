from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    name = "frirum.interchange"
    label = "interchange"
    # The admin's section heading.
    verbose_name = _("Data exchange")
