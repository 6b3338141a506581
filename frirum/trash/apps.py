from django.apps import AppConfig


class TrashConfig(AppConfig):
    name = "frirum.trash"
    label = "trash"
