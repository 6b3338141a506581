"""Access to Family records: each object type resolved through one helper, 404 for the wrong
site or role. Family records belong to family sites; a centre's staff see none of them unless
they are also members of the family site (frirum.lib.access decides membership). A
municipality viewer has no membership and never reaches a record."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest

from frirum.family.models import FamilyConversation, FamilyGroup, Relative, RelativeInquiry
from frirum.lib.access import get_site_for_user, record_site_ids
from frirum.sites.models import Site, SiteKind


def get_family_site_for_user(request: HttpRequest, code: str) -> Site:
    """A family site whose records the user may read; any other kind of site is a 404."""
    site = get_site_for_user(request, code)
    if site.kind != SiteKind.FAMILY:
        raise Http404
    return site


def _readable_family_sites(user) -> Q:
    ids = record_site_ids(user)
    return Q(kind=SiteKind.FAMILY) if ids is None else Q(kind=SiteKind.FAMILY, id__in=ids)


def readable_family_sites(user) -> QuerySet[Site]:
    return Site.objects.filter(_readable_family_sites(user)).order_by("name")


def _site_filter(user, prefix: str) -> Q:
    ids = record_site_ids(user)
    if ids is None:
        return Q(**{f"{prefix}kind": SiteKind.FAMILY})
    return Q(**{f"{prefix}id__in": ids, f"{prefix}kind": SiteKind.FAMILY})


def readable_conversations(user) -> QuerySet[FamilyConversation]:
    return FamilyConversation.objects.filter(_site_filter(user, "site__"))


def readable_relatives(user) -> QuerySet[Relative]:
    """Relatives registered at, grouped at, or present at a conversation at a readable site."""
    at_readable_conversation = FamilyConversation.relatives.through.objects.filter(
        Q(relative_id=OuterRef("pk")) & _site_filter(user, "familyconversation__site__")
    )
    return Relative.objects.filter(
        _site_filter(user, "registered_at_site__")
        | _site_filter(user, "family_group__site__")
        | Exists(at_readable_conversation)
    )


def get_family_conversation_for_user(request: HttpRequest, code: str) -> FamilyConversation:
    conversation = (
        readable_conversations(request.user)
        .select_related("site", "family_group", "counsellor", "peer_volunteer")
        .filter(code=code)
        .first()
    )
    if conversation is None:
        raise Http404
    return conversation


def get_relative_for_user(request: HttpRequest, code: str) -> Relative:
    relative = (
        readable_relatives(request.user)
        .select_related("relation", "family_group", "family_group__site", "registered_at_site")
        .filter(code=code)
        .first()
    )
    if relative is None:
        raise Http404
    return relative


def get_family_group_for_user(request: HttpRequest, code: str) -> FamilyGroup:
    group = (
        FamilyGroup.objects.filter(_site_filter(request.user, "site__"))
        .select_related("site", "youth")
        .filter(code=code)
        .first()
    )
    if group is None:
        raise Http404
    return group


def get_inquiry_for_user(request: HttpRequest, code: str) -> RelativeInquiry:
    inquiry = (
        RelativeInquiry.objects.filter(_site_filter(request.user, "site__"))
        .select_related("site", "relation")
        .filter(code=code)
        .first()
    )
    if inquiry is None:
        raise Http404
    return inquiry
