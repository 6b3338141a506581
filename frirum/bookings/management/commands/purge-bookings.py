"""`frirum purge-bookings`: forgets the nickname and age of bookings whose time is over by
FRIRUM_BOOKING_NICKNAME_DAYS (30), and removes bookings older than
FRIRUM_BOOKING_RETENTION_DAYS (800) for good. Run it daily (docs/operations.md)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from frirum.bookings.actions import purge_old_bookings


class Command(BaseCommand):
    help = "Forget old bookings' nicknames and ages, and remove very old bookings."

    def handle(self, *args, **options):
        forgotten, removed = purge_old_bookings(now=timezone.now())
        self.stdout.write(
            f"Forgot the nickname and age of {forgotten} booking(s) over by "
            f"{settings.FRIRUM_BOOKING_NICKNAME_DAYS} days; removed {removed} booking(s) "
            f"older than {settings.FRIRUM_BOOKING_RETENTION_DAYS} days."
        )
