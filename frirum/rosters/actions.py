"""Writing rosters: signing up, assigning, releasing, taking over, attendance.

Every write locks the shift row first (SELECT ... FOR UPDATE on PostgreSQL; SQLite
serialises writers), so two people signing up for the last place cannot both get it, and
locks the user's row so one person cannot be booked twice at the same time by two requests.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from frirum.accounts.models import MANAGER_ROLES, User
from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.rosters.models import Assignment, NotificationKind, RosterSettings, Shift
from frirum.rosters.notifications import notify
from frirum.rosters.selectors import busy_user_ids, eligible_user_ids, roster_member_ids
from frirum.volunteers.qualifications import qualified_user_ids


def chiefs_of(site) -> list[User]:
    return list(
        User.objects.filter(
            Q(memberships__site=site) | Q(memberships__site_id=site.hub_id),
            memberships__role__in=MANAGER_ROLES,
            memberships__is_active=True,
            is_active=True,
        ).distinct()
    )


def _locked_shift(shift: Shift) -> Shift:
    return (
        Shift.objects.select_for_update(of=("self",))
        .select_related("site", "template")
        .get(pk=shift.pk)
    )


def _check_may_stand(shift: Shift, user: User) -> None:
    """The rules for being on a shift, with one message per broken rule."""
    if shift.date < timezone.localdate():
        raise ValidationError(_("The shift is in the past."))
    if user.pk not in roster_member_ids(shift.site):
        raise ValidationError(_("%(name)s is not on the site's team.") % {"name": user.full_name})
    if not qualified_user_ids([user.pk], shift.template.required.all(), shift.date):
        raise ValidationError(
            _("%(name)s does not hold the qualifications the shift requires.")
            % {"name": user.full_name}
        )
    if busy_user_ids(shift, [user.pk]):
        raise ValidationError(
            _("%(name)s is already on a shift at that time.") % {"name": user.full_name}
        )


@transaction.atomic
def sign_up(*, actor: User, shift: Shift, user: User | None = None) -> Assignment:
    """A volunteer signs up (user is the actor), or the chief assigns someone (the view has
    checked that the actor is the site's chief). The same rules hold for both."""
    user = user or actor
    shift = _locked_shift(shift)
    User.objects.select_for_update().filter(pk=user.pk).first()
    if shift.assignments.filter(user=user).exists():
        raise ValidationError(_("%(name)s is already on the shift.") % {"name": user.full_name})
    _check_may_stand(shift, user)
    if shift.assignments.count() >= shift.max_counsellors:
        raise ValidationError(_("The shift is full."))
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(shift=shift, user=user, assigned_by=actor)
    except IntegrityError as e:
        raise ValidationError(
            _("%(name)s is already on the shift.") % {"name": user.full_name}
        ) from e
    record_audit(
        actor=actor,
        action=AuditAction.CREATE,
        instance=assignment,
        site=shift.site,
        after=snapshot(assignment),
    )
    notify(users=[user], kind=NotificationKind.ASSIGNED, shift=shift, actor=actor)
    return assignment


@transaction.atomic
def remove(*, actor: User, assignment: Assignment) -> None:
    """The chief takes someone off a shift; they are told."""
    shift = _locked_shift(assignment.shift)
    before = snapshot(assignment)
    user = assignment.user
    assignment.delete()
    record_audit(
        actor=actor, action=AuditAction.DELETE, instance=assignment, site=shift.site, before=before
    )
    notify(users=[user], kind=NotificationKind.UNASSIGNED, shift=shift, actor=actor)


def _save_audited(*, actor: User, assignment: Assignment, before: dict, fields: list) -> None:
    """Saves the changed fields and records the change in the shift's site's audit trail."""
    assignment.save(update_fields=fields)
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=assignment,
        site=assignment.shift.site,
        before=before,
        after=snapshot(assignment),
    )


def _locked_assignment(assignment: Assignment) -> Assignment:
    _locked_shift(assignment.shift)
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("shift__site", "shift__template", "user", "taker")
        .get(pk=assignment.pk)
    )


@transaction.atomic
def release(*, actor: User, assignment: Assignment) -> Assignment:
    """The shift is offered to colleagues; it stays the volunteer's until one takes it."""
    assignment = _locked_assignment(assignment)
    if assignment.user_id != actor.pk:
        raise ValidationError(_("Only the person on the shift can release it."))
    if assignment.released_at is not None:
        raise ValidationError(_("The shift is already released."))
    if assignment.shift.date < timezone.localdate():
        raise ValidationError(_("The shift is in the past."))
    before = snapshot(assignment)
    assignment.released_at = timezone.now()
    _save_audited(actor=actor, assignment=assignment, before=before, fields=["released_at"])
    shift = assignment.shift
    offered = User.objects.filter(pk__in=eligible_user_ids(shift))
    notify(
        users=[*chiefs_of(shift.site), *offered],
        kind=NotificationKind.RELEASED,
        shift=shift,
        actor=actor,
    )
    return assignment


@transaction.atomic
def withdraw_release(*, actor: User, assignment: Assignment) -> Assignment:
    assignment = _locked_assignment(assignment)
    if assignment.user_id != actor.pk or assignment.released_at is None:
        raise ValidationError(_("The shift is not released."))
    before = snapshot(assignment)
    assignment.released_at = None
    assignment.taker = None
    _save_audited(
        actor=actor, assignment=assignment, before=before, fields=["released_at", "taker"]
    )
    return assignment


def _needs_approval(site) -> bool:
    return RosterSettings.objects.filter(site=site, release_needs_approval=True).exists()


@transaction.atomic
def take_over(*, actor: User, assignment: Assignment) -> Assignment:
    """A colleague takes a released shift: at once, or after the chief's approval where the
    site asks for it. Only someone qualified and free may."""
    assignment = _locked_assignment(assignment)
    shift = assignment.shift
    User.objects.select_for_update().filter(pk=actor.pk).first()
    if assignment.released_at is None:
        raise ValidationError(_("The shift is not released."))
    if assignment.taker_id is not None:
        raise ValidationError(_("Someone has already offered to take the shift."))
    _check_may_stand(shift, actor)
    if shift.assignments.filter(user=actor).exists():
        raise ValidationError(_("%(name)s is already on the shift.") % {"name": actor.full_name})
    before = snapshot(assignment)
    if _needs_approval(shift.site):
        assignment.taker = actor
        _save_audited(actor=actor, assignment=assignment, before=before, fields=["taker"])
        notify(
            users=[assignment.user, *chiefs_of(shift.site)],
            kind=NotificationKind.TAKE_REQUESTED,
            shift=shift,
            actor=actor,
        )
        return assignment
    return _hand_over(actor=actor, assignment=assignment, to=actor, before=before)


def _hand_over(*, actor: User, assignment: Assignment, to: User, before: dict) -> Assignment:
    previous = assignment.user
    assignment.user = to
    assignment.released_at = None
    assignment.taker = None
    assignment.assigned_by = actor
    _save_audited(
        actor=actor,
        assignment=assignment,
        before=before,
        fields=["user", "released_at", "taker", "assigned_by"],
    )
    shift = assignment.shift
    notify(users=[previous], kind=NotificationKind.TAKEN, shift=shift, actor=to)
    notify(
        users=[to], kind=NotificationKind.TOOK, shift=shift, actor=actor if actor != to else None
    )
    return assignment


@transaction.atomic
def decide_take_over(*, actor: User, assignment: Assignment, approve: bool) -> Assignment:
    """The chief approves or refuses a pending take-over; the rules are checked again, since
    the taker may have signed up elsewhere meanwhile."""
    assignment = _locked_assignment(assignment)
    taker = assignment.taker
    if taker is None:
        raise ValidationError(_("No take-over awaits approval."))
    before = snapshot(assignment)
    if approve:
        _check_may_stand(assignment.shift, taker)
        return _hand_over(actor=actor, assignment=assignment, to=taker, before=before)
    assignment.taker = None
    _save_audited(actor=actor, assignment=assignment, before=before, fields=["taker"])
    notify(
        users=[taker, assignment.user],
        kind=NotificationKind.TAKE_REFUSED,
        shift=assignment.shift,
        actor=actor,
    )
    return assignment


@transaction.atomic
def confirm_attendance(*, actor: User, assignment: Assignment, attended: bool | None) -> Assignment:
    if assignment.shift.date > timezone.localdate():
        raise ValidationError(_("Attendance can be confirmed from the day of the shift."))
    before = snapshot(assignment)
    assignment.attended = attended
    assignment.attendance_by = actor
    _save_audited(
        actor=actor, assignment=assignment, before=before, fields=["attended", "attendance_by"]
    )
    return assignment
