"""Cancel codes: the questionnaire's code format (16 characters with a check character, so a
typo is told apart without the database), hashed with their own purpose so a booking's code
and a questionnaire's code can never stand in for each other."""

import hashlib
import hmac

from django.conf import settings

from frirum.questionnaires.codes import display, looks_valid, new_code, normalise

__all__ = ["cancel_hash", "display", "looks_valid", "new_code", "normalise"]


def cancel_hash(code: str) -> str:
    message = b"booking-cancel:" + normalise(code).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
