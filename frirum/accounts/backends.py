from datetime import timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models import F
from django.utils import timezone

from frirum.accounts.models import User


class LockoutEmailBackend(ModelBackend):
    """Log in by e-mail; lock an account for a while after repeated failed passwords."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        email = (email or username or "").strip().lower()
        if not email or password is None:
            return None
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            # Same cost as a real check, so timing does not reveal which e-mails exist.
            User().set_password(password)
            return None
        if user.is_locked:
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            if user.failed_logins or user.locked_until:
                user.failed_logins = 0
                user.locked_until = None
                user.save(update_fields=["failed_logins", "locked_until"])
            return user
        User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
        user.refresh_from_db(fields=["failed_logins"])
        if user.failed_logins >= settings.FRIRUM_LOCKOUT_ATTEMPTS:
            user.locked_until = timezone.now() + timedelta(minutes=settings.FRIRUM_LOCKOUT_MINUTES)
            user.failed_logins = 0
            user.save(update_fields=["locked_until", "failed_logins"])
        return None

    # The national secretariat administers everything; others get only explicit permissions.
    def has_perm(self, user_obj, perm, obj=None):
        if user_obj.is_active and getattr(user_obj, "is_secretariat", False):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if user_obj.is_active and getattr(user_obj, "is_secretariat", False):
            return True
        return super().has_module_perms(user_obj, app_label)
