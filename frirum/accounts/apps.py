from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "frirum.accounts"
    label = "accounts"

    def ready(self):
        # Connects the login signals and registers the deploy checks.
        from frirum.accounts import checks, session  # noqa: F401
