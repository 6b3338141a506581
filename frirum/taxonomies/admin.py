from django.contrib import admin

from frirum.taxonomies.models import Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["code", "label_da", "label_en", "vocabulary", "position", "is_active"]
    list_filter = ["vocabulary", "is_active"]
    list_editable = ["label_da", "label_en", "position", "is_active"]
    search_fields = ["code", "label_da", "label_en"]

    def get_readonly_fields(self, request, obj=None):
        # Codes cross the interchange border: once saved they never change.
        return ["vocabulary", "code"] if obj else []
