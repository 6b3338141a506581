from django.apps import AppConfig


class FamilyConfig(AppConfig):
    name = "frirum.family"
    label = "family"
