from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "frirum.accounts"
    label = "accounts"
