from django.apps import AppConfig


class SitesConfig(AppConfig):
    name = "frirum.sites"
    label = "sites"
