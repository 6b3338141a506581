import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frirum.accounts.models import User
from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction

TRAINING_FIELDS = ["intro_course_on", "side_by_side_count", "counselling_active"]


@transaction.atomic
def update_training(
    *,
    actor: User,
    member: User,
    intro_course_on: dt.date | None,
    side_by_side_count: int,
    counselling_active: bool,
    site=None,
) -> User:
    if intro_course_on and intro_course_on > timezone.localdate():
        raise ValidationError(
            {"intro_course_on": _("The intro course cannot be completed in the future.")}
        )
    before = snapshot(member)
    member.intro_course_on = intro_course_on
    member.side_by_side_count = side_by_side_count
    member.counselling_active = counselling_active
    member.save(update_fields=TRAINING_FIELDS)
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=member,
        site=site,
        before=before,
        after=snapshot(member),
    )
    return member
