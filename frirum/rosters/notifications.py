"""Telling people about changes to their shifts: always in Frirum, by e-mail where they opted in.

The notice's text is made from its kind and shift when read, so it is in the reader's
language; e-mails are written in the site's language (Danish)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from frirum.rosters.models import Notification, NotificationKind, RosterProfile, Shift

# Marked for the catalogue here, translated when shown (message()).
MESSAGES = {
    NotificationKind.ASSIGNED: gettext_noop(
        "%(actor)s put you on the shift at %(site)s on %(when)s."
    ),
    NotificationKind.UNASSIGNED: gettext_noop(
        "%(actor)s took you off the shift at %(site)s on %(when)s."
    ),
    NotificationKind.RELEASED: gettext_noop(
        "%(actor)s released the shift at %(site)s on %(when)s."
    ),
    NotificationKind.TAKEN: gettext_noop("%(actor)s took over your shift at %(site)s on %(when)s."),
    NotificationKind.TOOK: gettext_noop("You now have the shift at %(site)s on %(when)s."),
    NotificationKind.TAKE_REQUESTED: gettext_noop(
        "%(actor)s wants to take over the shift at %(site)s on %(when)s; it awaits approval."
    ),
    NotificationKind.TAKE_REFUSED: gettext_noop(
        "The take-over of the shift at %(site)s on %(when)s was not approved."
    ),
    NotificationKind.REMINDER: gettext_noop("Reminder: you have a shift at %(site)s on %(when)s."),
}


def describe_shift(shift: Shift) -> str:
    day = formats.date_format(shift.date, "l j. F")
    return f"{day} {shift.starts:%H:%M}-{shift.ends:%H:%M}"


def message(kind: str, shift: Shift, actor) -> str:
    """The notice's sentence in the active language."""
    return _(MESSAGES[kind]) % {
        "actor": actor.full_name if actor else _("Someone"),
        "site": shift.site.name,
        "when": describe_shift(shift),
    }


def notify(*, users, kind: str, shift: Shift, actor) -> None:
    """One notice per user (never the actor themself), and an e-mail to those who asked."""
    users = {u.pk: u for u in users if u is not None and (actor is None or u.pk != actor.pk)}
    if not users:
        return
    Notification.objects.bulk_create(
        Notification(user=u, kind=kind, shift=shift, actor=actor) for u in users.values()
    )
    wanted = set(
        RosterProfile.objects.filter(user_id__in=users, email_changes=True).values_list(
            "user_id", flat=True
        )
    )
    for uid in wanted:
        send_shift_mail(users[uid], kind, shift, actor)


def send_shift_mail(user, kind: str, shift: Shift, actor) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            subject=_("Frirum: %(what)s") % {"what": NotificationKind(kind).label},
            message=message(kind, shift, actor)
            + "\n\n"
            + _("See your shifts in Frirum under My shifts."),
            from_email=None,
            recipient_list=[user.email],
        )
