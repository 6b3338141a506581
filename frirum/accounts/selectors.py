import datetime as dt

from django.db.models import Count, Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from frirum.accounts.models import Membership, User
from frirum.audit.fragments import site_value
from frirum.contacts.models import Contact
from frirum.lib.compiled import CompiledRead
from frirum.sites.models import Site
from frirum.volunteers.models import VolunteerPath
from frirum.volunteers.selectors import side_by_side_counts

# The team page's reads, compiled once (frirum/lib/compiled.py): building their SQL cost more
# than running them. A member with two roles at the site comes as two rows, in name order.
_SITE_MEMBERSHIPS = CompiledRead(
    lambda site_id: (
        Membership.objects.filter(site_id=site_id)
        .select_related("user")
        .annotate(
            user_has_two_factor=Exists(
                TOTPDevice.objects.filter(user=OuterRef("user_id"), confirmed=True)
            )
        )
        .order_by("user__full_name", "user_id", "role")
    )
)
_SITE_PATHS = CompiledRead(lambda site_id: VolunteerPath.objects.filter(site_id=site_id))


def team_of_site(*, site: Site, year: int) -> list[User]:
    """The site's members with their roles, whether they have two-factor authentication,
    their volunteer path at the site (step and side-by-side conversations) and their number of
    conversations at the site in the year, in a fixed number of queries whatever the team's
    size or history.

    The counts come from the year's conversations at the site (the (site, date) index), not
    from joining each member to every conversation they ever had."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    # The year's counts read every conversation of the year at the site: kept until the
    # site's next change (frirum/audit/fragments.py), which is what can change them.
    counts = site_value(
        site_id=site.pk,
        name="team-conversations",
        parts=(year,),
        compute=lambda: dict(
            Contact.counsellors.through.objects.filter(
                contact__site=site, contact__date__range=(start, end)
            )
            .order_by()
            .values("user_id")
            .annotate(n=Count("contact_id"))
            .values_list("user_id", "n")
        ),
    )
    members: dict[int, User] = {}
    for membership in _SITE_MEMBERSHIPS.fetch(site.pk):
        member = members.get(membership.user_id)
        if member is None:
            member = members[membership.user_id] = membership.user
            member.has_two_factor = membership.user_has_two_factor
            member.site_memberships = []
        member.site_memberships.append(membership)
    paths = {p.user_id: p for p in _SITE_PATHS.fetch(site.pk)}
    side_by_side = side_by_side_counts(site, list(paths))
    for member in members.values():
        member.conversations_this_year = counts.get(member.pk, 0)
        member.path = paths.get(member.pk)
        if member.path:
            member.path.side_by_side = member.path.side_by_side_before + side_by_side.get(
                member.pk, 0
            )
    return list(members.values())
