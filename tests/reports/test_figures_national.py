"""The national report: every site that is not a chat, plus the chat's young people."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from frirum.reports import figures
from frirum.sites.models import Site, SiteKind
from tests.base import BaseTestCase, make_outreach
from tests.reports.factories import contact, youth

D = dt.date


class NationalFiguresTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # y1 at A and at B: one young person nationally, first contact at B (earlier).
        cls.y1 = youth(residence="151")
        contact(cls.site_a, cls.y1, D(2025, 5, 1), age=17, themes=["stress"])
        contact(cls.site_b, cls.y1, D(2025, 2, 1), age=16, education_status="in_education")
        # y2 at the satellite only.
        cls.y2 = youth(residence="190", gender="male")
        contact(cls.satellite_a, cls.y2, D(2025, 3, 1), age=22, themes=["stress", "grief"])
        # y3 only on the chat: not personal, but a chat user; y1 too.
        cls.y3 = youth(residence="101")
        contact(cls.chat, cls.y3, D(2025, 3, 1), age=19, channel="chat", themes=["grief"])
        contact(cls.chat, cls.y1, D(2025, 3, 2), channel="chat")
        contact(cls.chat, youth(), D(2024, 3, 2), channel="chat")
        make_outreach(cls.site_a, 4, D(2025, 1, 1))
        make_outreach(cls.satellite_a, 6, D(2025, 1, 1))

    def test_it_counts_young_people_once_over_all_non_chat_sites(self):
        youth_part = figures.national(year=2025)["youth"]
        self.assertEqual(youth_part["personal"], 2)
        self.assertEqual(youth_part["short_contacts"], 10)
        self.assertEqual(youth_part["chat"], 2)
        self.assertEqual(youth_part["total"], 14)
        self.assertNotIn("chat_resident", youth_part)

    def test_it_takes_the_first_contact_over_all_sites(self):
        youth_part = figures.national(year=2025)["youth"]
        self.assertEqual(youth_part["age_at_first"]["15-16"], 0.5)
        self.assertEqual(youth_part["age_at_first"]["21-23"], 0.5)
        self.assertEqual(youth_part["education"]["in_education"], 0.5)
        self.assertEqual(youth_part["residence"], {"151": 0.5, "190": 0.5})

    def test_it_leaves_chat_contacts_out_of_the_contact_figures(self):
        result = figures.national(year=2025)
        self.assertEqual(result["contacts"]["total"], 3)
        self.assertEqual(result["contacts"]["per_youth"], 1.5)
        self.assertEqual(result["contacts"]["by_channel"]["chat"], 0)
        self.assertEqual(result["themes"], {"grief": 1 / 3, "stress": 2 / 3})

    def test_it_labels_the_report(self):
        result = figures.national(year=2025)
        self.assertEqual((result["report"], result["site"]), ("national", None))

    def test_it_gives_zeros_for_an_empty_year(self):
        result = figures.national(year=2019)
        self.assertEqual(result["youth"]["total"], 0)
        self.assertEqual(result["contacts"]["per_youth"], 0)

    def test_it_keeps_the_number_of_queries_as_sites_grow(self):
        with CaptureQueriesContext(connection) as before:
            figures.national(year=2025)
        for number in range(5):
            site = Site.objects.create(
                code=f"extra{number}", name=f"Extra {number}", kind=SiteKind.CENTRE,
                municipality=self.aarhus,
            )  # fmt: skip
            contact(site, youth(), D(2025, 4, 4), themes=["loneliness"])
        with CaptureQueriesContext(connection) as after:
            result = figures.national(year=2025)
        self.assertEqual(len(before), len(after))
        self.assertEqual(result["youth"]["personal"], 7)
