"""`frirum demo`: load the demo dataset once and print the logins."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from frirum.core.demo.base import DEMO_PASSWORD
from frirum.core.demo.chat import open_chats_all_day
from frirum.core.demo.load import DEFAULT_SEED, demo_present, load_demo, login_rows, wipe_demo


class Command(BaseCommand):
    help = (
        "Load a realistic demo network with two years of activity (once) and print the "
        "logins. Does nothing but print the logins when the demo is already loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the demo sites, their records and the demo accounts, then load again.",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Multiply the amount of activity (e.g. 0.1 for a quick, small demo).",
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Random seed (same seed, same data)."
        )
        parser.add_argument(
            "--chat-all-day",
            action="store_true",
            help="Open the national chat and the Family chat all day from today, to try the chat.",
        )

    def handle(
        self, *args, reset: bool, scale: float, seed: int, chat_all_day: bool = False, **options
    ):
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        # Console output for the developer who runs the demo; the web interface stays Danish.
        with translation.override("en"):
            if reset and demo_present():
                wipe_demo()
                self.stdout.write("Removed the earlier demo data.")
            if demo_present():
                self.stdout.write("The demo data is already loaded (use --reset to reload it).")
            else:
                started = time.monotonic()
                counts = load_demo(scale=scale, seed=seed)
                self.stdout.write(
                    self.style.SUCCESS(
                        "Loaded the demo in {:.1f} s: {users} logins, {youth} young people, "
                        "{contacts} conversations, {answers} questionnaire answers, "
                        "{outreach} outreach activities, {family_conversations} Family "
                        "conversations, {directory_services} directory services, "
                        "{shifts} roster shifts.".format(time.monotonic() - started, **counts)
                    )
                )
                if counts["answers_skipped"]:
                    self.stdout.write(
                        self.style.WARNING(
                            f"{counts['answers_skipped']} questionnaire answers were left out: "
                            "the questionnaire instruments are not in the database."
                        )
                    )
            if chat_all_day and open_chats_all_day(timezone.localdate()):
                self.stdout.write(
                    "The national chat and the Family chat are open all day from today."
                )
            self._print_logins()

    def _print_logins(self) -> None:
        rows = [("Role", "Site", "E-mail"), *login_rows()]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write("")
        for number, row in enumerate(rows):
            self.stdout.write(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
            if number == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self.stdout.write("")
        self.stdout.write(f"Every demo login has the password: {DEMO_PASSWORD}")
        self.stdout.write(
            "More volunteers log in the same way (frivillig2, frivillig3, ... at each site)."
        )
