from django.contrib import admin

from frirum.interchange.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Read-only: imports are made through the import page or `frirum import`, never edited."""

    list_display = ("imported_at", "source_name", "imported_by")
    readonly_fields = ("fingerprint", "source_name", "imported_at", "imported_by", "counts")
    # The changelist links to the import page.
    change_list_template = "admin/interchange/importbatch/change_list.html"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Imported rows point at their batch; deleting it would orphan nothing but lose history.
        return False
