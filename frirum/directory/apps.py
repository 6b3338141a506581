from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "frirum.directory"
    label = "directory"
    # The admin's section heading.
    verbose_name = _("Directory of help")
