"""Writing volunteers' paths and qualifications; every write is audited."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frirum.accounts.models import Membership, Role, User
from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.sites.models import Site, SiteKind
from frirum.volunteers.models import (
    STEP_ORDER,
    TRAINING_STEPS,
    PathStep,
    Qualification,
    QualificationGrant,
    Step,
    VolunteerPath,
)
from frirum.volunteers.qualifications import expiry_for

# From these steps on a volunteer counsels (side by side at first) and reads the site's records.
RECORD_ACCESS_STEPS = (Step.INTRO_COURSE, Step.SIDE_BY_SIDE, Step.APPROVED, Step.ACTIVE)


def volunteer_role(site: Site) -> str:
    return Role.PEER_VOLUNTEER if site.kind == SiteKind.FAMILY else Role.VOLUNTEER_COUNSELLOR


def _not_future(on: dt.date, field: str) -> None:
    if on > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


@transaction.atomic
def register_application(
    *, actor: User, site: Site, full_name: str, email: str, on: dt.date, note: str = ""
) -> VolunteerPath:
    """An applicant becomes a user with a not yet active volunteer membership: they appear on
    the team but read no records before the intro course."""
    _not_future(on, "on")
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=full_name.strip())
        record_audit(
            actor=actor, action=AuditAction.CREATE, instance=user, site=site, after=snapshot(user)
        )
    elif VolunteerPath.objects.filter(user=user, site=site).exists():
        raise ValidationError({"email": _("This person already has a path at the site.")})
    role = volunteer_role(site)
    membership, created = Membership.objects.get_or_create(
        user=user, site=site, role=role, defaults={"is_active": False}
    )
    if created:
        record_audit(
            actor=actor,
            action=AuditAction.CREATE,
            instance=membership,
            site=site,
            after=snapshot(membership),
        )
    path = VolunteerPath(
        user=user, site=site, step=Step.APPLICATION, step_on=on, application_note=note.strip()
    )
    path.full_clean(exclude=["user", "site"])
    path.save()
    record_audit(
        actor=actor, action=AuditAction.CREATE, instance=path, site=site, after=snapshot(path)
    )
    _add_step(actor=actor, path=path, step=Step.APPLICATION, on=on)
    return path


@transaction.atomic
def record_step(*, actor: User, path: VolunteerPath, step: str, on: dt.date) -> PathStep:
    """The volunteer reached `step` on `on`. Training steps go forward only (some may be
    skipped); after approval a volunteer moves freely between active, on leave and left, and
    one who left may apply again."""
    path = VolunteerPath.objects.select_for_update().select_related("site").get(pk=path.pk)
    _not_future(on, "on")
    if on < path.step_on:
        raise ValidationError(
            {
                "on": _("The date cannot be before the current step (%(date)s).")
                % {"date": path.step_on.isoformat()}
            }
        )
    if step == path.step:
        raise ValidationError({"step": _("The volunteer is already at this step.")})
    rejoining = path.step == Step.LEFT and step == Step.APPLICATION
    if (
        step in TRAINING_STEPS
        and path.step in TRAINING_STEPS
        and STEP_ORDER[step] < STEP_ORDER[path.step]
    ) or (step in TRAINING_STEPS and path.step not in TRAINING_STEPS and not rejoining):
        raise ValidationError({"step": _("The path cannot go back to an earlier step.")})
    before = snapshot(path)
    path.step, path.step_on = step, on
    path.save(update_fields=["step", "step_on"])
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=path,
        site=path.site,
        before=before,
        after=snapshot(path),
    )
    path_step = _add_step(actor=actor, path=path, step=step, on=on)
    _sync_membership(actor=actor, path=path)
    for qualification in Qualification.objects.filter(granted_by_step=step):
        grant_qualification(
            actor=actor,
            user=path.user,
            qualification=qualification,
            on=on,
            site=path.site,
            via_step=path_step,
        )
    return path_step


def _add_step(*, actor: User, path: VolunteerPath, step: str, on: dt.date) -> PathStep:
    path_step = PathStep.objects.create(path=path, step=step, on=on, by=actor)
    record_audit(
        actor=actor,
        action=AuditAction.CREATE,
        instance=path_step,
        site=path.site,
        after=snapshot(path_step),
    )
    return path_step


def _sync_membership(*, actor: User, path: VolunteerPath) -> None:
    """Record access follows the path: from the intro course, and not on leave or after."""
    active = path.step in RECORD_ACCESS_STEPS
    for membership in Membership.objects.filter(
        user_id=path.user_id, site_id=path.site_id, role=volunteer_role(path.site)
    ).exclude(is_active=active):
        before = snapshot(membership)
        membership.is_active = active
        fields = ["is_active"]
        if path.step == Step.LEFT and membership.ended_on is None:
            membership.ended_on = path.step_on
            fields.append("ended_on")
        if active and membership.started_on is None:
            membership.started_on = path.step_on
            fields.append("started_on")
        membership.save(update_fields=fields)
        record_audit(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=membership,
            site=path.site,
            before=before,
            after=snapshot(membership),
        )


@transaction.atomic
def grant_qualification(
    *,
    actor: User,
    user: User,
    qualification: Qualification,
    on: dt.date,
    site: Site | None = None,
    via_step: PathStep | None = None,
) -> QualificationGrant:
    _not_future(on, "on")
    grant = QualificationGrant.objects.create(
        user=user,
        qualification=qualification,
        granted_on=on,
        expires_on=expiry_for(qualification, on),
        granted_by=actor,
        site=site,
        via_step=via_step,
    )
    record_audit(
        actor=actor, action=AuditAction.CREATE, instance=grant, site=site, after=snapshot(grant)
    )
    return grant
