"""Writes for relatives and family groups: validated first, one transaction, audited."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from frirum.audit.actions import record_audit, snapshot
from frirum.audit.models import AuditAction
from frirum.family.actions.common import (
    LABEL_MAX,
    check_relation,
    check_text,
    require_family_site,
)
from frirum.family.models import FamilyGroup, Relative
from frirum.people.models import Youth
from frirum.sites.models import Site
from frirum.taxonomies.models import Term


@dataclass
class NewRelative:
    relation: Term
    label: str = ""


def validate_new_relatives(errors: dict, new_relatives: Sequence[NewRelative]) -> None:
    for i, new in enumerate(new_relatives):
        check_relation(errors, f"new_relatives.{i}.relation", new.relation, required=True)
        check_text(errors, f"new_relatives.{i}.label", new.label.strip(), LABEL_MAX)


def create_relatives(
    *, actor, site: Site, group: FamilyGroup | None, new_relatives: Sequence[NewRelative]
) -> list[Relative]:
    """Part of a larger action: call it inside that action's transaction, after validation."""
    created = []
    for new in new_relatives:
        relative = Relative.objects.create(
            label=new.label.strip(),
            relation=new.relation,
            family_group=group,
            registered_at_site=site,
        )
        record_audit(
            actor=actor,
            action=AuditAction.CREATE,
            instance=relative,
            site=site,
            after=snapshot(relative),
        )
        created.append(relative)
    return created


@transaction.atomic
def create_relative(
    *, actor, site: Site, relation: Term, label: str = "", family_group: FamilyGroup | None = None
) -> Relative:
    require_family_site(site)
    errors: dict = {}
    check_relation(errors, "relation", relation, required=True)
    check_text(errors, "label", label.strip(), LABEL_MAX)
    if family_group is not None and family_group.site_id != site.id:
        errors["family_group"] = [_("Choose a family group of this site.")]
    if errors:
        raise ValidationError(errors)
    (relative,) = create_relatives(
        actor=actor,
        site=site,
        group=family_group,
        new_relatives=[NewRelative(relation=relation, label=label)],
    )
    return relative


@transaction.atomic
def update_relative(
    *,
    actor,
    relative: Relative,
    site: Site,
    relation: Term,
    label: str,
    family_group: FamilyGroup | None,
) -> Relative:
    errors: dict = {}
    check_relation(errors, "relation", relation, required=True)
    check_text(errors, "label", label.strip(), LABEL_MAX)
    if family_group is not None and family_group.site_id != site.id:
        errors["family_group"] = [_("Choose a family group of this site.")]
    if errors:
        raise ValidationError(errors)
    before = snapshot(relative)
    relative.relation = relation
    relative.label = label.strip()
    relative.family_group = family_group
    relative.save(update_fields=["relation", "label", "family_group"])
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=relative,
        site=site,
        before=before,
        after=snapshot(relative),
    )
    return relative


def find_youth_by_code(code: str) -> Youth | None:
    """Exact pseudonym only: Family staff may link a young person they were told the code of,
    never browse or search the centres' young people."""
    code = code.strip().upper()
    if not code:
        return None
    return Youth.objects.filter(code=code).first()


def _resolve_youth(errors: dict, *, actor, site: Site, youth_code: str, new_youth: bool):
    """The young person to link: None, an existing one by exact code, or a new pseudonym."""
    youth_code = youth_code.strip()
    if new_youth and youth_code:
        errors["youth_code"] = [
            _("Either type an existing pseudonym or create a new one, not both.")
        ]
        return None
    if new_youth:
        return "new"
    if not youth_code:
        return None
    youth = find_youth_by_code(youth_code)
    if youth is None:
        errors["youth_code"] = [_("No young person has this pseudonym. Check the code.")]
    return youth


def _create_youth(*, actor, site: Site) -> Youth:
    youth = Youth.objects.create(registered_at_site=site)
    record_audit(
        actor=actor, action=AuditAction.CREATE, instance=youth, site=site, after=snapshot(youth)
    )
    return youth


@transaction.atomic
def create_family_group(
    *,
    actor,
    site: Site,
    label: str = "",
    youth_code: str = "",
    new_youth: bool = False,
    relatives: Sequence[Relative] = (),
    new_relatives: Sequence[NewRelative] = (),
) -> FamilyGroup:
    require_family_site(site)
    errors: dict = {}
    check_text(errors, "label", label.strip(), FamilyGroup._meta.get_field("label").max_length)
    youth = _resolve_youth(
        errors, actor=actor, site=site, youth_code=youth_code, new_youth=new_youth
    )
    validate_new_relatives(errors, new_relatives)
    if errors:
        raise ValidationError(errors)
    if youth == "new":
        youth = _create_youth(actor=actor, site=site)
    group = FamilyGroup.objects.create(site=site, label=label.strip(), youth=youth)
    record_audit(
        actor=actor, action=AuditAction.CREATE, instance=group, site=site, after=snapshot(group)
    )
    link_relatives(actor=actor, site=site, group=group, relatives=relatives)
    create_relatives(actor=actor, site=site, group=group, new_relatives=new_relatives)
    return group


def link_relatives(*, actor, site: Site, group: FamilyGroup, relatives: Sequence[Relative]):
    """Part of a larger action: call it inside that action's transaction."""
    for relative in relatives:
        if relative.family_group_id == group.id:
            continue
        before = snapshot(relative)
        relative.family_group = group
        relative.save(update_fields=["family_group"])
        record_audit(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=relative,
            site=site,
            before=before,
            after=snapshot(relative),
        )


@transaction.atomic
def update_family_group(
    *,
    actor,
    group: FamilyGroup,
    label: str,
    youth_code: str = "",
    new_youth: bool = False,
    unlink_youth: bool = False,
) -> FamilyGroup:
    """Change the label; link a young person by exact pseudonym (or a new one) or unlink."""
    errors: dict = {}
    check_text(errors, "label", label.strip(), FamilyGroup._meta.get_field("label").max_length)
    youth = _resolve_youth(
        errors, actor=actor, site=group.site, youth_code=youth_code, new_youth=new_youth
    )
    if errors:
        raise ValidationError(errors)
    before = snapshot(group)
    if youth == "new":
        youth = _create_youth(actor=actor, site=group.site)
    group.label = label.strip()
    if youth is not None:
        group.youth = youth
    elif unlink_youth:
        group.youth = None
    group.save(update_fields=["label", "youth"])
    record_audit(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=group,
        site=group.site,
        before=before,
        after=snapshot(group),
    )
    return group
