"""headspace Family figures on a small dataset counted by hand."""

import datetime as dt

from frirum.reports import figures
from frirum.sites.models import Site, SiteKind
from tests.base import BaseTestCase
from tests.family.helpers import make_conversation, make_inquiry, make_relative
from tests.reports.factories import contact, youth

D = dt.date


class FamilyFiguresTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        fam = cls.family_site
        cls.other = Site.objects.create(
            code="fam2", name="headspace Family Holbæk", kind=SiteKind.FAMILY,
            municipality=cls.copenhagen,
        )  # fmt: skip
        mum = make_relative(fam, "parent")
        dad = make_relative(fam, "parent")
        gran = make_relative(fam, "grandparent")
        sister = make_relative(cls.other, "sibling")
        # Mum's first conversation was last year: her 2025 ones are not first meetings.
        make_conversation(fam, [mum], D(2024, 11, 1), code="F-0")
        make_conversation(
            fam, [mum, dad], D(2025, 1, 5), code="F-1", kind="family_without_youth",
            peer_volunteer_present=True, themes=["parenting", "emotional"], bridged=True,
            bridged_for="youth", bridging_methods=["made_aware"],
            bridging_destinations=["headspace_centre", "gp"],
        )  # fmt: skip
        # Same day as F-1 for dad, larger code: not his first.
        make_conversation(
            fam, [dad], D(2025, 1, 5), code="F-2", kind="relative", themes=["parenting"],
        )  # fmt: skip
        make_conversation(
            fam, [mum, gran], D(2025, 4, 1), code="F-3", kind="family_with_youth",
            channel="video", peer_volunteer_present=True, themes=["everyday_life"],
            bridged=True, bridged_for="family", bridging_methods=["made_aware", "helped_contact"],
            bridging_destinations=["gp"],
        )  # fmt: skip
        # Another Family site.
        make_conversation(cls.other, [sister], D(2025, 6, 1), code="F-9", kind="relative")
        make_conversation(cls.other, [sister], D(2026, 1, 1), code="F-10", kind="relative")

        make_inquiry(fam, D(2025, 2, 2), relation="parent", reason="worry_mental_health")
        make_inquiry(fam, D(2025, 2, 3), relation="parent", reason="family_matters")
        make_inquiry(fam, D(2025, 2, 4), relation="friend", reason="worry_mental_health")
        make_inquiry(cls.other, D(2025, 2, 4), relation="sibling", reason="other")
        make_inquiry(fam, D(2024, 2, 4), relation="sibling", reason="other")

        # Young people's contacts with a relative present, at centres.
        young = youth()
        contact(cls.site_a, young, D(2025, 3, 3), relative_present="parent")
        contact(cls.site_a, young, D(2025, 3, 4), relative_present="parent")
        contact(cls.site_b, young, D(2025, 3, 5), relative_present="sibling")
        contact(cls.site_b, young, D(2025, 3, 6))
        contact(cls.site_b, young, D(2024, 3, 6), relative_present="sibling")
        contact(fam, young, D(2025, 8, 8), relative_present="partner")

    def site_report(self):
        return figures.family(year=2025, site=self.family_site)

    def test_it_counts_relatives(self):
        relatives = self.site_report()["relatives"]
        self.assertEqual(relatives["total"], 3)
        self.assertEqual(relatives["by_relation"], {"grandparent": 1, "parent": 2})

    def test_it_counts_conversations(self):
        conversations = self.site_report()["conversations"]
        self.assertEqual(conversations["total"], 3)
        self.assertEqual(
            conversations["by_kind"],
            {"relative": 1, "family_without_youth": 1, "family_with_youth": 1},
        )
        channels = {key: n for key, n in conversations["by_channel"].items() if n}
        self.assertEqual(channels, {"in_person": 2, "video": 1})

    def test_it_shares_first_meetings_across_years(self):
        conversations = self.site_report()["conversations"]
        # F-1 (dad's first) and F-3 (gran's first); F-2 is dad's second.
        self.assertEqual(conversations["first_meetings"], 2)
        self.assertEqual(conversations["first_meeting_share"], 2 / 3)

    def test_it_means_conversations_per_relative(self):
        conversations = self.site_report()["conversations"]
        # mum 2, dad 2, gran 1.
        self.assertEqual(conversations["per_relative"], 5 / 3)

    def test_it_shares_peer_volunteers(self):
        self.assertEqual(self.site_report()["conversations"]["peer_volunteer_share"], 2 / 3)

    def test_it_shares_themes_overall_and_by_kind(self):
        result = self.site_report()
        self.assertEqual(
            result["themes"], {"emotional": 1 / 3, "everyday_life": 1 / 3, "parenting": 2 / 3}
        )
        self.assertEqual(
            result["themes_by_kind"],
            {
                "family_with_youth": {"everyday_life": 1.0},
                "family_without_youth": {"emotional": 1.0, "parenting": 1.0},
                "relative": {"parenting": 1.0},
            },
        )

    def test_it_shares_bridging_among_bridged_conversations(self):
        bridging = self.site_report()["bridging"]
        self.assertEqual(bridging["share"], 2 / 3)
        self.assertEqual(bridging["for"], {"relative": 0.0, "family": 0.5, "youth": 0.5})
        self.assertEqual(bridging["methods"], {"helped_contact": 0.5, "made_aware": 1.0})
        self.assertEqual(bridging["destinations"], {"gp": 1.0, "headspace_centre": 0.5})

    def test_it_counts_inquiries(self):
        inquiries = self.site_report()["inquiries"]
        self.assertEqual(inquiries["total"], 3)
        self.assertEqual(inquiries["by_relation"], {"friend": 1, "parent": 2})
        self.assertEqual(
            inquiries["by_reason"], {"family_matters": 1 / 3, "worry_mental_health": 2 / 3}
        )

    def test_it_counts_young_peoples_contacts_with_a_relative_over_all_sites(self):
        present = figures.family(year=2025)["youth_contacts_with_relative"]
        self.assertEqual(present["total"], 4)
        self.assertEqual(present["by_relation"], {"parent": 0.5, "partner": 0.25, "sibling": 0.25})

    def test_it_counts_only_the_sites_contacts_when_given_a_site(self):
        present = self.site_report()["youth_contacts_with_relative"]
        self.assertEqual(present, {"total": 1, "by_relation": {"partner": 1.0}})

    def test_it_covers_every_family_site_without_a_site(self):
        result = figures.family(year=2025)
        self.assertEqual(result["site"], None)
        self.assertEqual(result["relatives"]["total"], 4)
        self.assertEqual(result["conversations"]["total"], 4)
        self.assertEqual(result["conversations"]["first_meetings"], 3)
        self.assertEqual(result["inquiries"]["total"], 4)
        self.assertEqual(result["inquiries"]["by_reason"]["other"], 0.25)

    def test_it_gives_zeros_for_an_empty_year(self):
        result = figures.family(year=2020, site=self.family_site)
        self.assertEqual(result["conversations"]["total"], 0)
        self.assertEqual(result["conversations"]["per_relative"], 0)
        self.assertEqual(result["conversations"]["first_meeting_share"], 0)
        self.assertEqual(result["bridging"]["share"], 0)
        self.assertEqual(result["inquiries"]["by_reason"], {})
        self.assertEqual(result["youth_contacts_with_relative"]["total"], 0)

    def test_it_refuses_a_site_that_is_not_a_family_site(self):
        with self.assertRaises(ValueError):
            figures.family(year=2025, site=self.site_a)
