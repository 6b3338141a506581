from django.contrib import admin

from frirum.bookings.models import Booking


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    """For the secretariat to look into abuse or a question about the figures. Bookings are
    made on the public pages only (a booking without its code is of no use to anyone), and
    the code's hash and the linked conversation are never edited by hand."""

    list_display = ["starts_at", "site", "seat", "nickname", "age", "cancelled_at", "not_met_at"]
    list_filter = ["site", "cancelled_at", "not_met_at"]
    list_select_related = ["site"]
    date_hierarchy = "starts_at"
    search_fields = ["nickname", "site__code"]
    readonly_fields = ["site", "starts_at", "ends_at", "seat", "cancel_hash", "contact"]
    fields = [
        "site",
        "starts_at",
        "ends_at",
        "seat",
        "nickname",
        "age",
        "cancelled_at",
        "not_met_at",
        "contact",
        "cancel_hash",
    ]

    def has_add_permission(self, request) -> bool:
        return False
