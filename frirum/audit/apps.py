from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "frirum.audit"
    label = "audit"
    # The admin's section heading.
    verbose_name = _("Change history")

    def ready(self):
        from django.contrib.admin.models import LogEntry
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_save

        from frirum.audit import versions
        from frirum.audit.models import AuditEntry
        from frirum.interchange.models import ImportBatch

        request_started.connect(versions.remember_versions, dispatch_uid="frirum-versions")
        request_finished.connect(versions.stop_remembering, dispatch_uid="frirum-versions")
        # A write in the middle of a request is seen by the kept parts rendered after it
        # (audit_batch's single INSERT says so itself).
        for model in (AuditEntry, LogEntry, ImportBatch):
            post_save.connect(versions.forget_versions, sender=model, dispatch_uid=f"f-{model}")
