from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "frirum.audit"
    label = "audit"
    # The admin's section heading.
    verbose_name = _("Change history")
