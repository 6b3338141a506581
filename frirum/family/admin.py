"""The national secretariat's view of the Family records, for corrections.

Records are registered in the Family workspace or imported, where their rules live, so the
administration adds none. A change or deletion here is validated like one in the workspace
(no name, phone or e-mail in free text; a conversation's rules) and leaves an audit entry.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.family.actions import ConversationDetails
from frirum.family.actions.common import CONVERSATION_M2M
from frirum.family.actions.conversations import validate_conversation
from frirum.family.models import FamilyConversation, FamilyGroup, Relative, RelativeInquiry
from frirum.lib.anonymity import validate_anonymous_text


class RecordForm(forms.ModelForm):
    """Free text passes the same anonymity check as in the workspace."""

    def _anonymous(self, name: str) -> str:
        value = (self.cleaned_data.get(name) or "").strip()
        validate_anonymous_text(value)
        return value

    def clean_label(self) -> str:
        return self._anonymous("label")

    def clean_note(self) -> str:
        return self._anonymous("note")


class ConversationAdminForm(RecordForm):
    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        peer = data.get("peer_volunteer")
        details = ConversationDetails(
            date=data["date"],
            time=data.get("time"),
            kind=data["kind"],
            channel=data.get("channel") or "",
            relatives=list(data.get("relatives") or []),
            family_group=data.get("family_group"),
            counsellor=data.get("counsellor"),
            peer_volunteer=peer,
            peer_volunteer_present=data.get("peer_volunteer_present") or peer is not None,
            themes=list(data.get("themes") or []),
            bridged=data.get("bridged", False),
            bridged_for=data.get("bridged_for") or "",
            bridging_methods=list(data.get("bridging_methods") or []),
            bridging_destinations=list(data.get("bridging_destinations") or []),
            note=data.get("note") or "",
        )
        try:
            validate_conversation(
                site=self.instance.site, details=details, today=timezone.localdate()
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return data


class AuditedRecordAdmin(admin.ModelAdmin):
    """Changes leave the same audit entries as the workspace's actions. Deleting is the
    workspace's alone: there it is limited by role and a chief can restore it for 30 days
    (frirum.trash), which a deletion here would bypass."""

    form = RecordForm
    audit_m2m: tuple[str, ...] = ()
    list_per_page = 50
    show_full_result_count = False

    def audit_site(self, obj):
        return obj.site

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        form.audit_before = snapshot(type(obj).objects.get(pk=obj.pk), m2m=self.audit_m2m)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        record_audit(
            actor=request.user,
            action=AuditAction.UPDATE,
            instance=form.instance,
            site=self.audit_site(form.instance),
            before=form.audit_before,
            after=snapshot(form.instance, m2m=self.audit_m2m),
        )


class RelativeInline(admin.TabularInline):
    model = Relative
    fields = ["code", "label", "relation", "registered_at_site"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FamilyGroup)
class FamilyGroupAdmin(AuditedRecordAdmin):
    list_display = ["code", "label", "site", "youth", "created_at"]
    list_filter = [("site", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["site", "youth"]
    search_fields = ["code", "label", "youth__code"]
    fields = ["code", "label", "site", "youth", "created_at"]
    readonly_fields = ["code", "site", "created_at"]
    raw_id_fields = ["youth"]
    inlines = [RelativeInline]


@admin.register(Relative)
class RelativeAdmin(AuditedRecordAdmin):
    list_display = [
        "code",
        "label",
        "relation",
        "family_group",
        "registered_at_site",
        "created_at",
        "import_batch",
    ]
    list_filter = [
        ("registered_at_site", admin.RelatedOnlyFieldListFilter),
        ("relation", admin.RelatedOnlyFieldListFilter),
        ("import_batch", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["relation", "family_group", "registered_at_site", "import_batch"]
    search_fields = ["code", "label", "family_group__code"]
    fields = [
        "code",
        "label",
        "relation",
        "family_group",
        "registered_at_site",
        "import_batch",
        "created_at",
    ]
    readonly_fields = ["code", "registered_at_site", "import_batch", "created_at"]
    raw_id_fields = ["family_group"]
    autocomplete_fields = ["relation"]

    def audit_site(self, obj):
        if obj.registered_at_site_id:
            return obj.registered_at_site
        return obj.family_group.site if obj.family_group_id else None


@admin.register(FamilyConversation)
class FamilyConversationAdmin(AuditedRecordAdmin):
    form = ConversationAdminForm
    audit_m2m = CONVERSATION_M2M
    date_hierarchy = "date"
    list_display = [
        "code",
        "date",
        "site",
        "kind",
        "channel",
        "family_group",
        "peer_volunteer_present",
        "bridged",
        "import_batch",
    ]
    list_filter = [
        ("site", admin.RelatedOnlyFieldListFilter),
        "kind",
        "channel",
        "peer_volunteer_present",
        "bridged",
        ("import_batch", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["site", "family_group", "import_batch"]
    search_fields = ["code", "family_group__code", "relatives__code"]
    readonly_fields = [
        "code",
        "site",
        "bridging_followed_up_at",
        "created_by",
        "created_at",
        "updated_at",
        "import_batch",
    ]
    raw_id_fields = ["family_group", "counsellor", "peer_volunteer", "relatives"]
    autocomplete_fields = ["themes", "bridging_methods", "bridging_destinations"]
    fieldsets = [
        (None, {"fields": ["code", "site", "date", "time", "kind", "channel"]}),
        (
            _("Who took part"),
            {
                "fields": [
                    "family_group",
                    "relatives",
                    "counsellor",
                    "peer_volunteer_present",
                    "peer_volunteer",
                ]
            },
        ),
        (
            _("Themes and bridging"),
            {
                "fields": [
                    "themes",
                    "bridged",
                    "bridged_for",
                    "bridging_methods",
                    "bridging_destinations",
                    "bridging_followed_up_at",
                    "note",
                ]
            },
        ),
        (
            _("Record"),
            {"fields": ["created_by", "created_at", "updated_at", "import_batch"]},
        ),
    ]


@admin.register(RelativeInquiry)
class RelativeInquiryAdmin(AuditedRecordAdmin):
    date_hierarchy = "date"
    list_display = [
        "code",
        "date",
        "site",
        "channel",
        "relation",
        "reason",
        "led_to_conversation",
        "referred_to_centre",
        "import_batch",
    ]
    list_filter = [
        ("site", admin.RelatedOnlyFieldListFilter),
        "reason",
        "channel",
        "led_to_conversation",
        "referred_to_centre",
        ("import_batch", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["site", "relation", "import_batch"]
    search_fields = ["code"]
    fields = [
        "code",
        "site",
        "date",
        "channel",
        "relation",
        "reason",
        "led_to_conversation",
        "referred_to_centre",
        "created_by",
        "created_at",
        "import_batch",
    ]
    readonly_fields = ["code", "site", "created_by", "created_at", "import_batch"]
    autocomplete_fields = ["relation"]
