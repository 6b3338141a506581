"""`frirum enrol_totp EMAIL [--key HEX]`: give an account an authenticator without the web
set-up, for operations and smoke tests. Prints the key as base32 (what an app takes) and the
new recovery codes; the key also goes into an otpauth:// URL for a QR code."""

from base64 import b32encode

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from frirum.accounts.actions import enrol_totp_device
from frirum.accounts.models import User


class Command(BaseCommand):
    help = "Give an account a TOTP authenticator (a known hex key, or a random one)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--key", help="the secret as hex, e.g. 40 hex digits; random if left out"
        )

    def handle(self, *args, email, key=None, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError("No account with that e-mail.")
        try:
            device, codes = enrol_totp_device(user=user, key=key)
        except ValidationError as e:
            raise CommandError(" ".join(e.messages)) from e
        self.stdout.write(f"base32 key: {b32encode(device.bin_key).decode()}")
        self.stdout.write(f"otpauth URL: {device.config_url}")
        self.stdout.write("recovery codes: " + " ".join(codes))
