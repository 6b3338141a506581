from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "frirum.interchange"
    label = "interchange"
