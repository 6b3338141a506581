from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "frirum.people"
    label = "people"
