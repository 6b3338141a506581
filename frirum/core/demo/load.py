"""Loading and removing the demo dataset as a whole."""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frirum.accounts.models import Role, User
from frirum.chat.models import Chat
from frirum.contacts.models import Contact, GroupSession, Outreach
from frirum.core.demo.activity import ActivityBuilder
from frirum.core.demo.base import DEMO_PASSWORD, DemoRandom, Period
from frirum.core.demo.closed_days import create_closed_days
from frirum.core.demo.directory import build_directory, link_bridgings, wipe_directory
from frirum.core.demo.family import build_family, build_inquiries
from frirum.core.demo.network import SITE_CODES, SITES, create_network
from frirum.core.demo.outreach import build_outreach
from frirum.core.demo.people import (
    ROSTERS,
    SECRETARIAT_EMAIL,
    VIEWER_EMAIL,
    create_people,
    demo_emails,
    first_email,
)
from frirum.core.demo.rosters import build_rosters
from frirum.core.demo.write import term_ids, write_rows
from frirum.family.models import FamilyConversation, FamilyGroup, Relative, RelativeInquiry
from frirum.people.models import Youth
from frirum.planning.demo import load_planning_demo, wipe_planning_demo
from frirum.sites.models import Site, SiteKind

DEFAULT_SEED = 2026


def demo_present() -> bool:
    """The demo's site codes are its marker: any of them means the demo was loaded."""
    return Site.objects.filter(code__in=SITE_CODES).exists()


@transaction.atomic
def load_demo(
    *, scale: float = 1.0, seed: int = DEFAULT_SEED, today: dt.date | None = None
) -> dict[str, int]:
    """Create the whole demo network with two years of activity; all or nothing."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    rng = DemoRandom(seed)
    period = Period.ending(today or timezone.localdate())
    sites = create_network()
    create_closed_days(sites, range(period.end.year - 1, period.end.year + 2))
    staff = create_people(sites, rng, today=period.end, password=DEMO_PASSWORD)
    terms = term_ids()

    counsellors = {code: staff.counsellors(code) for code in SITE_CODES}
    builder = ActivityBuilder(rng, period=period, scale=scale, sites=sites, counsellors=counsellors)
    youth_sites = [sites[s.code] for s in SITES if s.kind != SiteKind.FAMILY]
    for site in youth_sites:
        builder.build_site(site)
    for site in youth_sites:
        builder.build_groups(site)
    counts = write_rows(builder.rows, terms)

    outreach = 0
    for site in youth_sites:
        if site.kind in (SiteKind.CENTRE, SiteKind.SATELLITE):
            outreach += len(
                build_outreach(
                    rng, site=site, period=period, scale=scale, users=counsellors[site.code]
                )
            )
    counts["outreach"] = outreach
    for spec in SITES:
        if spec.kind == SiteKind.FAMILY:
            build_family(
                rng,
                site=sites[spec.code],
                period=period,
                scale=scale,
                staff=staff.by_site[spec.code],
                terms=terms,
            )
    build_inquiries(
        rng,
        sites=[s for s in sites.values() if s.kind in (SiteKind.FAMILY, SiteKind.CENTRE)],
        period=period,
        scale=scale,
        terms=terms,
    )
    services = build_directory(rng, sites=sites, today=period.end)
    counts["directory_services"] = len(services)
    counts["directory_bridgings"] = link_bridgings(rng, services=services, site_codes=SITE_CODES)
    # Last, so the rosters' random draws leave the rest of the demo as it was.
    counts["shifts"] = build_rosters(
        rng, sites=sites, staff_by_site=staff.by_site, today=period.end
    )
    counts["family_conversations"] = FamilyConversation.objects.filter(
        site__code__in=SITE_CODES
    ).count()
    counts["users"] = User.objects.filter(email__in=demo_emails()).count()
    counts.update(load_planning_demo(year=period.end.year, sites=sites))
    return counts


@transaction.atomic
def wipe_demo() -> None:
    """Remove the demo sites, everything recorded at them and the demo accounts."""
    sites = Site.objects.filter(code__in=SITE_CODES)
    Contact.objects.filter(site__in=sites).delete()  # answers and codes go with them
    # Chats tried at the demo's chat sites (their messages go with them): a site is protected
    # while a chat points at it.
    Chat.objects.filter(site__in=sites).delete()
    GroupSession.objects.filter(site__in=sites).delete()
    Outreach.objects.filter(site__in=sites).delete()
    FamilyConversation.objects.filter(site__in=sites).delete()
    RelativeInquiry.objects.filter(site__in=sites).delete()
    Relative.objects.filter(
        Q(registered_at_site__in=sites) | Q(family_group__site__in=sites)
    ).delete()
    FamilyGroup.objects.filter(site__in=sites).delete()
    wipe_directory()
    wipe_planning_demo()
    # Young people registered at a demo site who have no conversation left anywhere.
    Youth.objects.filter(registered_at_site__in=sites, contacts__isnull=True).delete()
    # Satellites first: a hub is protected while its satellites point at it.
    sites.filter(hub__isnull=False).delete()
    sites.delete()
    User.objects.filter(email__in=demo_emails()).delete()


def login_rows() -> list[tuple[str, str, str]]:
    """(role, site, e-mail) for the first person of each role at each demo site."""
    rows = [
        (str(_("National secretariat (admin)")), "", SECRETARIAT_EMAIL),
        (str(_("Municipality viewer")), "Ballerup Kommune", VIEWER_EMAIL),
    ]
    for spec in SITES:
        for role in ROSTERS[spec.code]:
            rows.append((str(Role(role).label), spec.name, first_email(spec.code, role)))
    return rows
