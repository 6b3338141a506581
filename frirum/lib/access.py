"""Who may see what. Every view resolves its objects through helpers built on these.

Two kinds of access:
- record level: a member of a site (any role) reads that site's young people, contacts and
  family records; the national secretariat reads every site.
- report level: aggregated figures. Secretariat: all sites and national reports; a centre chief:
  their sites; a municipality viewer: the sites in their municipality, never records.
"""

from django.db.models import FilteredRelation, Q, QuerySet
from django.http import Http404, HttpRequest

from frirum.accounts.models import MANAGER_ROLES, RECORD_ROLES
from frirum.sites.models import Site


def _authenticated(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


# A membership's site is read with its municipality and hub: the header, the site lookup
# and the reports' labels use them.
MEMBERSHIP_SITE_RELATED = ("site__municipality", "site__hub")


def _active_memberships(user) -> list[tuple[Site, str]]:
    """The user's active memberships as (site, role), read once per request: the header's
    menu, the site lookup and the record check all answer from this one read, which the
    sign-in backend makes in the same query as the user (`with_active_memberships`)."""
    cached = getattr(user, "_frirum_memberships", None)
    if cached is None:
        from frirum.accounts.models import Membership

        rows = (
            Membership.objects.filter(user=user, is_active=True)
            .select_related(*MEMBERSHIP_SITE_RELATED)
            .order_by()
        )
        cached = [(row.site, row.role) for row in rows]
        user._frirum_memberships = cached
    return cached


def with_active_memberships(users: QuerySet):
    """`users`, each joined to their active memberships: one row per membership (one row
    with none for a user without any). `first_with_memberships` makes one user of them."""
    joined = FilteredRelation("memberships", condition=Q(memberships__is_active=True))
    related = [f"active_membership__{path}" for path in MEMBERSHIP_SITE_RELATED]
    return users.annotate(active_membership=joined).select_related(*related).order_by()


def first_with_memberships(rows):
    """The user of `with_active_memberships` rows, their memberships already known."""
    if not rows:
        return None
    user = rows[0]
    memberships = (getattr(row, "active_membership", None) for row in rows)
    user._frirum_memberships = [(m.site, m.role) for m in memberships if m is not None]
    return user


def record_site_ids(user) -> set[int] | None:
    """Ids of the sites whose records the user may read; None means every site."""
    if not _authenticated(user):
        return set()
    if user.is_secretariat:
        return None
    return {site.id for site, _role in _active_memberships(user)}


def member_sites(user) -> list[Site]:
    """The sites the user is an active member of, by name (the menu's site switcher)."""
    if not _authenticated(user):
        return []
    unique = {site.id: site for site, _role in _active_memberships(user)}
    return sorted(unique.values(), key=lambda site: (site.name, site.id))


def managed_member_site(user, code: str) -> Site | None:
    """The site with `code` if the user leads it (their own memberships, not the
    secretariat's reach)."""
    if not _authenticated(user):
        return None
    for site, role in _active_memberships(user):
        if site.code == code and role in MANAGER_ROLES:
            return site
    return None


def managed_site_ids(user) -> set[int]:
    """Ids of the sites the user leads (a chief's memberships; not the secretariat's reach)."""
    if not _authenticated(user):
        return set()
    return {site.id for site, role in _active_memberships(user) if role in MANAGER_ROLES}


def is_record_member(user, site: Site) -> bool:
    """Whether the user holds an active record membership at the site, as
    `contacts.selectors.site_counsellors` counts one (the secretariat's reach is not one)."""
    return holds_role_at(user, site, RECORD_ROLES)


def holds_role_at(user, site: Site, roles) -> bool:
    """Whether one of the user's active memberships at the site has one of `roles` (their
    own memberships, read with them; the secretariat's reach is not one)."""
    return _authenticated(user) and any(
        member.id == site.id and role in roles for member, role in _active_memberships(user)
    )


def record_sites(user) -> QuerySet[Site]:
    ids = record_site_ids(user)
    sites = Site.objects.select_related("municipality", "hub")
    return sites if ids is None else sites.filter(id__in=ids)


def can_read_site_records(user, site: Site) -> bool:
    ids = record_site_ids(user)
    return ids is None or site.id in ids


def report_sites(user) -> QuerySet[Site]:
    """Sites whose aggregated reports the user may read."""
    if not _authenticated(user):
        return Site.objects.none()
    if user.is_secretariat:
        return Site.objects.all()
    chief_sites = user.memberships.filter(is_active=True, role__in=MANAGER_ROLES).values("site_id")
    municipalities = user.municipality_views.values("municipality_id")
    # A hub's chief leads its satellites too.
    return Site.objects.filter(
        Q(id__in=chief_sites) | Q(hub_id__in=chief_sites) | Q(municipality_id__in=municipalities)
    )


def can_read_national_reports(user) -> bool:
    return _authenticated(user) and user.is_secretariat


def can_read_record_level_figures(user, site: Site | None = None) -> bool:
    """Unsuppressed figures (JSON) are for the secretariat and a site's own chief."""
    if not _authenticated(user):
        return False
    if user.is_secretariat:
        return True
    if site is None:
        return False
    return user.memberships.filter(
        Q(site=site) | Q(site_id=site.hub_id), is_active=True, role__in=MANAGER_ROLES
    ).exists()


def get_site_for_user(request: HttpRequest, code: str) -> Site:
    """The site whose records the request's user may read, or 404."""
    user = request.user
    if _authenticated(user) and not user.is_secretariat:
        # A member's sites are already read for the menu: no query of its own.
        for site, _role in _active_memberships(user):
            if site.code == code:
                return site
        raise Http404
    site = Site.objects.select_related("municipality", "hub").filter(code=code).first()
    if site is None or not can_read_site_records(user, site):
        raise Http404
    return site


def get_report_site_for_user(request: HttpRequest, code: str) -> Site:
    site = (
        report_sites(request.user).select_related("municipality", "hub").filter(code=code).first()
    )
    if site is None:
        raise Http404
    return site
