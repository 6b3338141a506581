from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "frirum.contacts"
    label = "contacts"
    # The admin's section heading.
    verbose_name = _("Conversations")
