import datetime as dt

from django.core.management.base import BaseCommand

from frirum.rosters.reminders import send_reminders


class Command(BaseCommand):
    help = "E-mail opted-in staff about tomorrow's shifts (run daily by a timer)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, help="The shifts' date (YYYY-MM-DD)."
        )

    def handle(self, *args, date=None, **options):
        sent = send_reminders(on=date)
        self.stdout.write(f"{sent} reminders sent.")
