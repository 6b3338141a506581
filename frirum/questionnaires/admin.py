"""The secretariat's administration of instruments. A version with answers is frozen: it can
be read and copied as a new version, never edited."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from frirum.questionnaires.actions import new_instrument_version, version_is_frozen
from frirum.questionnaires.models import Instrument, InstrumentVersion, Item


class ItemInline(admin.TabularInline):
    model = Item
    extra = 0
    fields = ["position", "code", "text_da", "text_en", "anchors", "reverse_scored"]

    def _frozen(self, obj) -> bool:
        return obj is not None and version_is_frozen(obj)

    def has_add_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._frozen(obj) and super().has_delete_permission(request, obj)


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(admin.ModelAdmin):
    list_display = ["instrument", "number", "is_current", "scale_min", "scale_max", "direction"]
    list_filter = ["instrument", "is_current"]
    inlines = [ItemInline]
    actions = ["copy_as_new_version"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and version_is_frozen(obj):
            # Only the flag saying which version new answers go to stays editable.
            return [f.name for f in self.model._meta.fields if f.name not in ("id", "is_current")]
        return ["created_at"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and version_is_frozen(obj):
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Copy as a new current version"))
    def copy_as_new_version(self, request, queryset):
        for version in queryset.select_related("instrument"):
            new_instrument_version(version=version, actor=request.user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%(count)d new version made.", "%(count)d new versions made.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class VersionInline(admin.TabularInline):
    model = InstrumentVersion
    extra = 0
    fields = ["number", "is_current", "scale_min", "scale_max", "direction", "scoring"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["code", "name_da", "name_en", "asked_by_default", "position"]
    list_editable = ["asked_by_default", "position"]
    search_fields = ["code", "name_da", "name_en"]
    inlines = [VersionInline]

    def get_readonly_fields(self, request, obj=None):
        # Imports and reports find an instrument by its code.
        return ["code"] if obj is not None else []
