"""A staff member's own roster settings: e-mail choices and the calendar feed's secret."""

import secrets

from django.db import transaction
from django.utils import timezone

from frirum.audit.actions import record_audit, record_event, snapshot
from frirum.audit.models import AuditAction
from frirum.rosters.models import Notification, RosterProfile


def profile_of(user) -> RosterProfile:
    return RosterProfile.objects.filter(user=user).first() or RosterProfile(user=user)


@transaction.atomic
def save_preferences(*, user, email_changes: bool, email_reminders: bool) -> RosterProfile:
    profile = profile_of(user)
    before = snapshot(profile) if profile.pk else {}
    profile.email_changes, profile.email_reminders = email_changes, email_reminders
    profile.save()
    record_audit(
        actor=user,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        instance=profile,
        before=before,
        after=_without_token(snapshot(profile)),
    )
    return profile


def _without_token(state: dict) -> dict:
    # The feed's secret never goes into the trail.
    return {k: v for k, v in state.items() if k != "feed_token"}


@transaction.atomic
def new_feed_token(*, user) -> str:
    """A new secret address; the old one stops working at once."""
    profile = profile_of(user)
    profile.feed_token = secrets.token_urlsafe(32)
    profile.save()
    record_event(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="rosters.feed",
        object_id=str(user.pk),
        details={"feed": "new"},
    )
    return profile.feed_token


@transaction.atomic
def revoke_feed_token(*, user) -> None:
    RosterProfile.objects.filter(user=user).update(feed_token=None)
    record_event(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="rosters.feed",
        object_id=str(user.pk),
        details={"feed": "revoked"},
    )


def mark_read(*, user, notifications) -> None:
    ids = [n.pk for n in notifications if n.read_at is None]
    if ids:
        Notification.objects.filter(user=user, pk__in=ids).update(read_at=timezone.now())
