"""Writes for young people. Every change is audited; nicknames must not identify anybody."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.lib.anonymity import validate_anonymous_text
from frirum.people.models import Gender, Youth
from frirum.sites.models import Municipality, Site
from frirum.trash.actions import bury
from frirum.trash.models import DeletedKind, DeletedRecord

NICKNAME_MAX = Youth._meta.get_field("nickname").max_length


def _validate(*, nickname: str, gender: str) -> None:
    errors = {}
    try:
        validate_anonymous_text(nickname)
    except ValidationError as error:
        errors["nickname"] = error.messages
    if len(nickname) > NICKNAME_MAX:
        errors.setdefault("nickname", []).append(
            _("At most %(max)d characters.") % {"max": NICKNAME_MAX}
        )
    if gender not in Gender.values:
        errors["gender"] = [_("Choose a gender from the list.")]
    if errors:
        raise ValidationError(errors)


def create_youth(
    *,
    actor,
    site: Site,
    nickname: str = "",
    gender: str = Gender.UNKNOWN,
    residence_municipality: Municipality | None = None,
) -> Youth:
    """A new young person registered at the site, with a fresh pseudonym. Checked before
    anything is written, so inside a caller's transaction (a registration) it needs no
    savepoint of its own: its two writes stand or fall with the caller's."""
    nickname = nickname.strip()
    _validate(nickname=nickname, gender=gender)
    with transaction.atomic(savepoint=False):
        youth = Youth.objects.create(
            nickname=nickname,
            gender=gender,
            residence_municipality=residence_municipality,
            registered_at_site=site,
        )
        record_audit(
            actor=actor, action=AuditAction.CREATE, instance=youth, site=site, after=snapshot(youth)
        )
    return youth


@transaction.atomic
def update_youth(
    *,
    actor,
    youth: Youth,
    site: Site,
    nickname: str,
    gender: str,
    residence_municipality: Municipality | None,
) -> Youth:
    nickname = nickname.strip()
    _validate(nickname=nickname, gender=gender)
    before = snapshot(youth)
    youth.nickname = nickname
    youth.gender = gender
    youth.residence_municipality = residence_municipality
    youth.save(update_fields=["nickname", "gender", "residence_municipality"])
    after = snapshot(youth)
    if after != before:
        record_audit(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=youth,
            site=site,
            before=before,
            after=after,
        )
    return youth


@transaction.atomic
def delete_youth(*, actor, youth: Youth, site: Site) -> DeletedRecord:
    """Deletes a young person and their conversations at the site (with the answers), as one
    restorable deletion. A young person with a course at another site too is refused: this
    site cannot delete that site's records."""
    from frirum.contacts.actions import audit_contact_deletion

    contacts = list(youth.contacts.select_related("site"))
    if any(contact.site_id != site.pk for contact in contacts):
        raise ValidationError(
            _("The young person also has conversations at another site and cannot be deleted here.")
        )
    for contact in contacts:
        audit_contact_deletion(actor=actor, contact=contact)
    record_audit(
        actor=actor, action=AuditAction.DELETE, instance=youth, site=site, before=snapshot(youth)
    )
    return bury(
        actor=actor,
        site=site,
        kind=DeletedKind.YOUTH,
        roots=[*contacts, youth],
        code=youth.code,
        date=None,
    )
