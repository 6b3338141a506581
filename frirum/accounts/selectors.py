import datetime as dt

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django_otp.plugins.otp_totp.models import TOTPDevice

from frirum.accounts.models import Membership, User
from frirum.sites.models import Site


def team_of_site(*, site: Site, year: int) -> list[User]:
    """The site's members with their roles, whether they have two-factor authentication and
    their number of conversations at the site in the year, in three queries whatever the
    team's size."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return list(
        User.objects.filter(memberships__site=site)
        .distinct()
        .annotate(
            conversations_this_year=Count(
                "contacts",
                filter=Q(contacts__site=site, contacts__date__range=(start, end)),
                distinct=True,
            ),
            has_two_factor=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        )
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(site=site).order_by("role"),
                to_attr="site_memberships",
            )
        )
        .order_by("full_name")
    )
