"""Shared checks for the Family actions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from frirum.accounts.models import Membership, Role
from frirum.family.models import FamilyConversation, Relative
from frirum.lib.anonymity import validate_anonymous_text
from frirum.sites.models import Site, SiteKind
from frirum.taxonomies.models import Term, Vocabulary

CONVERSATION_M2M = ("relatives", "themes", "bridging_methods", "bridging_destinations")
LABEL_MAX = Relative._meta.get_field("label").max_length
NOTE_MAX = FamilyConversation._meta.get_field("note").max_length


def require_family_site(site: Site) -> None:
    if site.kind != SiteKind.FAMILY:
        raise ValidationError(_("Family records belong to a family site."))


def check_text(errors: dict, name: str, value: str, max_length: int) -> None:
    if len(value) > max_length:
        errors.setdefault(name, []).append(_("At most %(n)d characters.") % {"n": max_length})
    try:
        validate_anonymous_text(value)
    except ValidationError as error:
        errors.setdefault(name, []).extend(error.messages)


def check_relation(errors: dict, name: str, relation: Term | None, required: bool) -> None:
    if relation is None:
        if required:
            errors[name] = [_("Choose the relation.")]
    elif relation.vocabulary != Vocabulary.RELATION:
        errors[name] = [_("Choose from the list.")]


def is_member(user, site: Site, *, peer: bool) -> bool:
    memberships = Membership.objects.filter(user=user, site=site, is_active=True)
    if peer:
        memberships = memberships.filter(role=Role.PEER_VOLUNTEER)
    else:
        memberships = memberships.exclude(role=Role.PEER_VOLUNTEER)
    return user is not None and user.is_active and memberships.exists()
