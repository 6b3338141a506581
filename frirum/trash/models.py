"""Deleted records kept for a while, so that a chief can undo a deletion.

A deletion moves the record and everything that goes with it (a conversation's answers, a
group session's conversations) into one DeletedRecord and deletes the rows: reports and
lists never see a deleted record, and none of their queries needs to know about deletion.
`frirum purge-deleted` removes what is older than FRIRUM_DELETED_RETENTION_DAYS.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeletedKind(models.TextChoices):
    CONTACT = "contact", _("Conversation")
    YOUTH = "youth", _("Young person")
    GROUP_SESSION = "group_session", _("Group session")
    OUTREACH = "outreach", _("Outreach activity")
    FAMILY_CONVERSATION = "family_conversation", _("Family conversation")
    INQUIRY = "inquiry", _("Relative's inquiry")
    RELATIVE = "relative", _("Relative")
    FAMILY_GROUP = "family_group", _("Family group")


# The model of each kind's main record (the one the audit trail names).
KIND_MODELS = {
    DeletedKind.CONTACT: "contacts.contact",
    DeletedKind.YOUTH: "people.youth",
    DeletedKind.GROUP_SESSION: "contacts.groupsession",
    DeletedKind.OUTREACH: "contacts.outreach",
    DeletedKind.FAMILY_CONVERSATION: "family.familyconversation",
    DeletedKind.INQUIRY: "family.relativeinquiry",
    DeletedKind.RELATIVE: "family.relative",
    DeletedKind.FAMILY_GROUP: "family.familygroup",
}


class DeletedRecord(models.Model):
    site = models.ForeignKey(
        "sites.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("site")
    )
    kind = models.CharField(_("record type"), max_length=32, choices=DeletedKind.choices)
    # The record's own code (a group session's id): never free text, never a name.
    code = models.CharField(_("code"), max_length=64, blank=True)
    record_date = models.DateField(_("date"), null=True, blank=True)
    # {"contacts.contact": 3, "questionnaires.response": 8}: what a restore brings back.
    counts = models.JSONField(default=dict)
    # The rows as Django's JSON serializer wrote them, parents before children.
    rows = models.JSONField(default=list)
    # Rows outside the deletion that pointed at it and were set to empty (on_delete=SET_NULL):
    # [[model label, field name, [[pk, old value], ...]], ...]; a restore points them back.
    unlinked = models.JSONField(default=list)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("deleted by"),
    )
    deleted_at = models.DateTimeField(_("deleted"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-deleted_at", "-id"]
        verbose_name = _("deleted record")
        verbose_name_plural = _("deleted records")
        indexes = [models.Index(fields=["site", "deleted_at"], name="deleted_site_at_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.code}"
