from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "frirum.reports"
    label = "reports"
