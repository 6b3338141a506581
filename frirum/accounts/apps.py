from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "frirum.accounts"
    label = "accounts"
    # The admin's section heading.
    verbose_name = _("Accounts and access")

    def ready(self):
        # Connects the login signals and registers the deploy checks.
        from frirum.accounts import checks, session  # noqa: F401
