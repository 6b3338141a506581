"""E-mail reminders the day before a shift, for those who opted in. Run daily by a timer
(`frirum roster-reminders`); each assignment is reminded at most once, so running it twice,
or again after a failure, sends nothing twice."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from frirum.rosters.models import Assignment, NotificationKind
from frirum.rosters.notifications import send_shift_mail


def send_reminders(*, on: dt.date | None = None) -> int:
    """Reminds of the shifts on `on` (tomorrow by default); returns how many e-mails."""
    on = on or timezone.localdate() + dt.timedelta(days=1)
    due = Assignment.objects.filter(
        shift__date=on,
        reminded_at__isnull=True,
        user__is_active=True,
        user__roster_profile__email_reminders=True,
    ).select_related("user", "shift__site")
    sent = 0
    for assignment in due:
        with transaction.atomic():
            # Claim it first: a second run at the same time skips it.
            claimed = Assignment.objects.filter(pk=assignment.pk, reminded_at__isnull=True).update(
                reminded_at=timezone.now()
            )
            if not claimed:
                continue
            send_shift_mail(assignment.user, NotificationKind.REMINDER, assignment.shift, None)
            sent += 1
    return sent
