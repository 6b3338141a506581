"""The Family workspace and a chief's site log cost the same after ten years as on day one.

The Family site `fam` has ten years of conversations, relatives, groups and inquiries, and the
network ten years of conversations with a relative present (the dashboard's national figure);
`fam3` is another Family site with ten years of its own (its relatives registered between
`fam`'s), and `fam2` is new. Each page issues as many queries at both, and on PostgreSQL no step of its
plans expects more rows than its window (tests/long_history.py).
"""

import datetime as dt
import random
import unittest

from django.db import connection
from django.test import override_settings
from django.utils import timezone

from frirum.accounts.models import Membership, Role
from frirum.audit.models import AuditEntry
from frirum.contacts.models import Contact
from frirum.family.models import FamilyConversation, FamilyGroup, Relative, RelativeInquiry
from frirum.sites.models import Site, SiteKind
from frirum.taxonomies.models import Vocabulary
from tests.base import BaseTestCase, term
from tests.family.helpers import make_conversation, make_inquiry, make_relative
from tests.long_history import (
    MAX_PLAN_ROWS,
    YEARS,
    analyze,
    build_history,
    capture,
    largest_plan_rows,
)

POSTGRES = connection.vendor == "postgresql"
CONVERSATIONS = 3000
RELATIVES = 600
INQUIRIES = 1500
AUDIT_ENTRIES = 5000


def build_family_history(site, *, today: dt.date, network_site=None) -> None:
    """Ten years at the site; with network_site, another Family site's ten years too, its
    relatives registered in between the site's (two of theirs for one of ours), so a list
    that walks all relatives newest first must pass theirs to fill a page."""
    rng = random.Random(7)
    parent = term(Vocabulary.RELATION, "parent")
    sites = [site] if network_site is None else [site, network_site, network_site]
    groups = {
        place: FamilyGroup.objects.bulk_create(FamilyGroup(site=place) for _ in range(200))
        for place in set(sites)
    }
    places = [sites[i % len(sites)] for i in range(RELATIVES * len(sites))]
    relatives = Relative.objects.bulk_create(
        Relative(
            relation=parent,
            registered_at_site=place if i % 3 else None,
            family_group=groups[place][i % 200] if i % 2 else None,
        )
        for i, place in enumerate(places)
    )
    by_site = {place: [] for place in set(sites)}
    for relative, place in zip(relatives, places, strict=True):
        by_site[place].append(relative)
    conversations = []
    for place, theirs in by_site.items():
        made = FamilyConversation.objects.bulk_create(
            FamilyConversation(
                site=place,
                date=today - dt.timedelta(days=rng.randrange(7, 365 * YEARS)),
                kind="relative",
                channel="in_person",
                peer_volunteer_present=bool(i % 4 == 0),
            )
            for i in range(CONVERSATIONS)
        )
        conversations += [(c, rng.choice(theirs)) for c in made]
    FamilyConversation.relatives.through.objects.bulk_create(
        FamilyConversation.relatives.through(familyconversation=c, relative=r)
        for c, r in conversations
    )
    RelativeInquiry.objects.bulk_create(
        RelativeInquiry(
            site=site,
            date=today - dt.timedelta(days=rng.randrange(0, 365 * YEARS)),
            relation=parent,
            reason="family_matters",
        )
        for _ in range(INQUIRIES)
    )


# What a page costs when it renders (after any change at the site), not when it is served
# from the site's cache (frirum/audit/fragments.py).
@override_settings(FRIRUM_SITE_CACHE_SECONDS=0)
class FamilyLongHistoryTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.today = timezone.localdate()
        build_history(
            cls.site_a, today=cls.today, counsellor=cls.volunteer_a, network_site=cls.chat
        )
        # The network's conversations with a relative present: about 3 % of them.
        mother = term(Vocabulary.RELATION, "parent")
        ids = list(Contact.objects.values_list("pk", flat=True)[::30])
        Contact.objects.filter(pk__in=ids).update(relative_present=mother)
        cls.network_family_site = Site.objects.create(
            code="fam3", name="headspace Family Net", kind=SiteKind.FAMILY, municipality=cls.aarhus
        )
        build_family_history(cls.family_site, today=cls.today, network_site=cls.network_family_site)
        cls.new_family_site = Site.objects.create(
            code="fam2", name="headspace Family Ny", kind=SiteKind.FAMILY, municipality=cls.aarhus
        )
        Membership.objects.create(
            user=cls.family_staff, site=cls.new_family_site, role=Role.EMPLOYED_COUNSELLOR
        )
        # Each site has this week's conversation, a group and an inquiry.
        for site in (cls.family_site, cls.new_family_site):
            mum = make_relative(site, label="Mor")
            make_conversation(site, [mum], cls.today, themes=["emotional"])
            FamilyGroup.objects.create(site=site)
            make_inquiry(site, date=cls.today)
        AuditEntry.objects.bulk_create(
            AuditEntry(
                actor=cls.volunteer_a,
                action="update",
                object_type="contacts.contact",
                object_id=str(i),
                site=cls.site_a,
            )
            for i in range(AUDIT_ENTRIES)
        )
        # The new site's log holds one change: both logs then read and label a page of rows.
        AuditEntry.objects.create(
            actor=cls.chief_b,
            action="update",
            object_type="contacts.contact",
            object_id="1",
            site=cls.site_b,
        )
        analyze()

    def family_pages(self, code: str) -> list[str]:
        return [
            f"/s/{code}/family/",
            f"/s/{code}/family/conversations/",
            f"/s/{code}/family/relatives/",
            f"/s/{code}/family/groups/",
            f"/s/{code}/family/inquiries/",
            f"/s/{code}/family/peer-volunteers/",
        ]

    def test_it_shows_the_family_pages_in_as_many_queries_as_at_a_new_site(self):
        self.login(self.family_staff)
        for long_url, new_url in zip(
            self.family_pages("fam"), self.family_pages("fam2"), strict=True
        ):
            with self.subTest(url=long_url):
                response, long_sqls = capture(self.client, "get", long_url)
                self.assertEqual(response.status_code, 200)
                response, new_sqls = capture(self.client, "get", new_url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(len(long_sqls), len(new_sqls))

    def test_it_shows_the_chiefs_pages_in_as_many_queries_as_at_a_new_site(self):
        for page in ("log", "team"):
            counts = []
            for user, code in ((self.chief_a, "alpha"), (self.chief_b, "beta")):
                self.login(user)
                response, sqls = capture(self.client, "get", f"/s/{code}/{page}/")
                self.assertEqual(response.status_code, 200)
                counts.append(len(sqls))
            self.assertEqual(counts[0], counts[1], page)

    @unittest.skipUnless(POSTGRES, "row estimates come from PostgreSQL's planner")
    def test_it_plans_no_step_over_the_pages_window(self):
        pages = [(self.family_staff, url) for url in self.family_pages("fam")]
        pages += [
            (self.family_staff, "/s/fam/family/conversations/?page=3"),
            (self.family_staff, "/s/fam/family/relatives/?page=3"),
            (self.chief_a, "/s/alpha/log/"),
            (self.chief_a, "/s/alpha/log/?page=3"),
            (self.chief_a, "/s/alpha/team/"),
        ]
        for user, url in pages:
            with self.subTest(url=url):
                self.login(user)
                _, sqls = capture(self.client, "get", url)
                rows, sql = largest_plan_rows(sqls)
                self.assertLessEqual(rows, MAX_PLAN_ROWS, sql)
