from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "frirum.audit"
    label = "audit"
