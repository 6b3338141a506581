"""Who may delete a site's records, and who may bring them back.

Deleting conversations, young people, group sessions, outreach and Family records is for the
site's chief and employed counsellors unless the chief widens it to every counsellor
(Site.who_may_delete). Seconded municipal and psychiatry staff count as counsellors, not as
the site's employees: they work a few hours a week under another employer, so only the wider
setting lets them delete. Peer volunteers never delete, nor does anyone without a membership
at the site (the national secretariat included: it restores, and has the admin).
Restoring is for the chief and the secretariat (frirum.accounts.access).
"""

from django.core.exceptions import PermissionDenied

from frirum.accounts.models import Role
from frirum.lib.access import holds_role_at
from frirum.sites.models import DeletionPolicy, Site

ROLES_BY_POLICY = {
    DeletionPolicy.STAFF: frozenset({Role.CENTRE_CHIEF, Role.EMPLOYED_COUNSELLOR}),
    DeletionPolicy.COUNSELLORS: frozenset(
        {
            Role.CENTRE_CHIEF,
            Role.EMPLOYED_COUNSELLOR,
            Role.VOLUNTEER_COUNSELLOR,
            Role.SECONDED_MUNICIPAL,
            Role.SECONDED_PSYCHIATRY,
        }
    ),
}


def can_delete_records(user, site: Site) -> bool:
    if site is None:
        return False
    roles = ROLES_BY_POLICY.get(site.who_may_delete, ROLES_BY_POLICY[DeletionPolicy.STAFF])
    # From the memberships read with the user: it was a query on every page that offers a
    # delete button (a young person's course, a conversation).
    return holds_role_at(user, site, roles)


def check_may_delete(user, site: Site) -> None:
    """Raises PermissionDenied (403) unless the user may delete the site's records."""
    if not can_delete_records(user, site):
        raise PermissionDenied
