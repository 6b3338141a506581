import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from frirum.accounts.models import User
from frirum.audit.actions import record_event
from frirum.audit.models import AuditAction

# --- Sign-in and two-factor authentication -------------------------------------------------
# Every event is on the user's account in the audit trail (frirum.audit); never a password,
# a code or a key. A failed sign-in with an unknown e-mail keeps only a keyed digest of it.

RECOVERY_CODE_COUNT = 10
USER_TYPE = "accounts.user"


def email_digest(email: str) -> str:
    """A keyed digest of an e-mail for the audit trail: the secretariat can recompute it for
    an address it is asked about, but the trail does not list the addresses tried."""
    message = email.strip().lower().encode()
    return (
        "email:" + hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:16]
    )


def _account_event(*, actor, action: str, user: User, site=None, details=None) -> None:
    record_event(
        actor=actor,
        action=action,
        object_type=USER_TYPE,
        object_id=str(user.pk),
        site=site,
        details=details,
    )


def record_sign_in(*, user: User, method: str) -> None:
    """method: "password", "totp" or "recovery" (the factor that completed the sign-in)."""
    _account_event(actor=user, action=AuditAction.SIGN_IN, user=user, details={"method": method})


def record_sign_out(*, user: User, reason: str) -> None:
    _account_event(actor=user, action=AuditAction.SIGN_OUT, user=user, details={"reason": reason})


def record_failed_sign_in(*, email: str, step: str) -> None:
    """On the account when it exists, else on the e-mail's digest. step: "password" or "code"."""
    user = User.objects.filter(email__iexact=email.strip()).only("pk").first()
    record_event(
        actor=None,
        action=AuditAction.SIGN_IN_FAILED,
        object_type=USER_TYPE,
        object_id=str(user.pk) if user else "",
        object_code="" if user else email_digest(email),
        details={"step": step},
    )


def has_two_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def start_totp_enrolment(*, user: User) -> TOTPDevice:
    """The unconfirmed device whose key the user scans; the same one until confirmed, so that
    reloading the page does not change the key behind an already scanned QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def confirm_totp_enrolment(*, user: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirms the device with a code from the app; returns new one-time recovery codes."""
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError({"code": _("Start the set-up again.")})
    if not device.verify_token(_digits(token)):
        raise ValidationError(
            {"code": _("The code is wrong. Check the app's clock and try again.")}
        )
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    _account_event(actor=user, action=AuditAction.TWO_FACTOR_ENROL, user=user)
    return codes


@transaction.atomic
def enrol_totp_device(
    *, user: User, key: str | None = None, actor=None
) -> tuple[TOTPDevice, list[str]]:
    """Gives a user a confirmed TOTP device without the enrolment page, for operations and
    tests (the production smoke test computes codes from the key it chose). `key` is the
    secret as hex (20 bytes is usual; the app gets it as base32); random when omitted.
    Replaces the user's devices and recovery codes."""
    fields = {"key": key.strip().lower()} if key else {}
    device = TOTPDevice(user=user, name="authenticator", confirmed=True, **fields)
    try:
        device.full_clean(exclude=["user"])
    except ValidationError as e:
        raise ValidationError({"key": _("The key must be hexadecimal, at most 40 bytes.")}) from e
    TOTPDevice.objects.filter(user=user).delete()
    device.save()
    codes = _new_recovery_codes(user)
    _account_event(
        actor=actor, action=AuditAction.TWO_FACTOR_ENROL, user=user, details={"by": "operations"}
    )
    return device, codes


@transaction.atomic
def renew_recovery_codes(*, user: User) -> list[str]:
    if not has_two_factor(user):
        raise ValidationError(_("Set up two-factor authentication first."))
    codes = _new_recovery_codes(user)
    _account_event(actor=user, action=AuditAction.RECOVERY_CODES, user=user)
    return codes


def _delete_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def remove_own_two_factor(*, user: User) -> None:
    _delete_devices(user)
    _account_event(actor=user, action=AuditAction.TWO_FACTOR_REMOVE, user=user)


def may_reset_two_factor(*, actor: User, member: User) -> bool:
    """The secretariat resets anyone's; a centre chief only ordinary members' of the site they
    manage (the view checks the site), never the secretariat's or an administrator's."""
    if actor.is_secretariat or actor.is_superuser:
        return True
    return not (member.is_secretariat or member.is_superuser or member.is_staff)


@transaction.atomic
def reset_two_factor(*, actor: User, member: User, site=None) -> None:
    """Removes a member's authenticator and recovery codes (a lost phone): they set up a new
    one at their next sign-in."""
    if not may_reset_two_factor(actor=actor, member=member):
        raise ValidationError(_("Only the national secretariat can reset this account."))
    _delete_devices(member)
    _account_event(actor=actor, action=AuditAction.TWO_FACTOR_RESET, user=member, site=site)


def _digits(token: str) -> str:
    return "".join(token.split())


def normalise_code(token: str) -> str:
    return _digits(token).replace("-", "").lower()


@transaction.atomic
def verify_second_factor(*, user: User, token: str) -> tuple[Device | None, str]:
    """The device that accepts the code, and "totp" or "recovery". Six digits are checked
    against the authenticator only, anything else against the recovery codes only, so a
    mistyped code does not count against both. A used recovery code is gone and audited."""
    token = normalise_code(token)
    if not token:
        return None, ""
    if token.isdigit() and len(token) == 6:
        devices, method = TOTPDevice.objects.devices_for_user(user, confirmed=True), "totp"
    else:
        devices, method = StaticDevice.objects.devices_for_user(user, confirmed=True), "recovery"
    for device in devices.select_for_update():
        if device.verify_token(token):
            if method == "recovery":
                _account_event(
                    actor=user,
                    action=AuditAction.RECOVERY_CODE_USED,
                    user=user,
                    details={"left": device.token_set.count()},
                )
            return device, method
    return None, method


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
