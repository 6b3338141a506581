from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def check_email(app_configs, **kwargs):
    """Password reset links go by e-mail: without EMAIL_HOST none are sent in production."""
    if not settings.DEBUG and settings.EMAIL_BACKEND.endswith("dummy.EmailBackend"):
        return [
            checks.Warning(
                "EMAIL_HOST is not set: password reset e-mails are not sent.",
                id="frirum.W001",
            )
        ]
    return []
