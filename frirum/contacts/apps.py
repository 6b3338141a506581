from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "frirum.contacts"
    label = "contacts"
