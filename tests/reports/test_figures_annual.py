"""The annual report's figures on a small dataset counted by hand."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from frirum.reports import figures
from tests.base import BaseTestCase, make_outreach
from tests.reports.factories import contact, youth

D = dt.date


class AnnualFiguresTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        site = cls.site_a  # Ballerup, 151
        # y1 lives in Ballerup: two contacts on the same first day; the smaller code wins.
        cls.y1 = youth(residence="151", gender="female")
        contact(
            site, cls.y1, D(2025, 2, 1), code="C-B", age=15, education_status="in_education",
            themes=["anxiety"],
        )  # fmt: skip
        contact(
            site, cls.y1, D(2025, 2, 1), code="C-A", age=16, education_status="employed",
            channel="phone", themes=["anxiety", "loneliness"], bridged=True,
            bridging_methods=["helped_contact", "accompanied"], bridging_destinations=["gp"],
        )  # fmt: skip
        # Last year's contact is earlier but not in the year.
        contact(site, cls.y1, D(2024, 12, 31), code="C-0", age=11, education_status="neither")
        # y2 lives in Furesø; nothing known about age or education; also seen at site B.
        cls.y2 = youth(residence="190", gender="male")
        contact(
            site, cls.y2, D(2025, 5, 5), code="C-Y2", channel="video", kind="group",
            bridging_methods=["support_person"],  # not bridged: the method does not count
        )  # fmt: skip
        contact(cls.site_b, cls.y2, D(2025, 1, 1), code="C-Y2B", age=30)
        # y3: unknown residence; the satellite's contact is another site's.
        cls.y3 = youth(residence=None, gender="other")
        contact(cls.satellite_a, cls.y3, D(2025, 1, 2), code="C-Y3S", age=13)
        contact(
            site, cls.y3, D(2025, 12, 31), code="C-Y3", age=26, education_status="neither",
            themes=["anxiety", "stress"], bridged=True, bridging_methods=["helped_contact"],
            bridging_destinations=["gp", "psychologist"],
        )  # fmt: skip
        # The chat: residents of Ballerup in the year count, whoever else they are.
        contact(cls.chat, cls.y1, D(2025, 3, 3), channel="chat")
        contact(cls.chat, youth(residence="151"), D(2025, 4, 4), channel="chat")
        contact(cls.chat, youth(residence="151"), D(2025, 4, 5), channel="chat")  # y5
        contact(cls.chat, youth(residence="190"), D(2025, 4, 4), channel="chat")
        contact(cls.chat, youth(residence="151"), D(2024, 4, 4), channel="chat")
        # A Ballerup young person at a centre is not a chat user.
        contact(cls.site_b, youth(residence="151"), D(2025, 6, 6))
        # Outreach in the year at the site only.
        make_outreach(site, 10, D(2025, 1, 10))
        make_outreach(site, 7, D(2025, 12, 31))
        make_outreach(site, 100, D(2024, 12, 31))
        make_outreach(cls.site_b, 50, D(2025, 5, 5))

    def report(self, site=None, year=2025):
        return figures.annual(site=site or self.site_a, year=year)

    def test_it_counts_the_young_people(self):
        youth_part = self.report()["youth"]
        self.assertEqual(youth_part["personal"], 3)
        self.assertEqual(youth_part["short_contacts"], 17)
        self.assertEqual(youth_part["chat_resident"], 3)
        self.assertEqual(youth_part["total"], 23)

    def test_it_shares_residence_among_personal_young_people(self):
        residence = self.report()["youth"]["residence"]
        self.assertEqual(residence, {"151": 1 / 3, "190": 1 / 3, "unknown": 1 / 3})

    def test_it_shares_gender(self):
        gender = self.report()["youth"]["gender"]
        self.assertEqual(gender["female"], 1 / 3)
        self.assertEqual(gender["male"], 1 / 3)
        self.assertEqual(gender["other"], 1 / 3)
        self.assertEqual(gender["unknown"], 0)

    def test_it_takes_age_and_education_from_the_first_contact_smallest_code_on_a_tie(self):
        result = self.report()["youth"]
        ages = {band: value for band, value in result["age_at_first"].items() if value}
        self.assertEqual(ages, {"15-16": 1 / 3, ">25": 1 / 3, "unknown": 1 / 3})
        education = {key: value for key, value in result["education"].items() if value}
        self.assertEqual(education, {"employed": 1 / 3, "neither": 1 / 3, "unknown": 1 / 3})

    def test_it_counts_contacts(self):
        contacts = self.report()["contacts"]
        self.assertEqual(contacts["total"], 4)
        self.assertEqual(contacts["per_youth"], 4 / 3)
        channels = {key: n for key, n in contacts["by_channel"].items() if n}
        self.assertEqual(channels, {"in_person": 2, "phone": 1, "video": 1})
        self.assertEqual(contacts["by_kind"], {"counselling": 3, "group": 1})

    def test_it_shares_themes_over_all_contacts(self):
        themes = self.report()["themes"]
        self.assertEqual(themes, {"anxiety": 0.75, "loneliness": 0.25, "stress": 0.25})

    def test_it_shares_bridging_methods_among_bridged_contacts(self):
        bridging = self.report()["bridging"]
        self.assertEqual(bridging["contacts"], 2)
        self.assertEqual(bridging["share"], 0.5)
        self.assertEqual(bridging["methods"], {"accompanied": 0.5, "helped_contact": 1.0})
        self.assertEqual(bridging["destinations"], {"gp": 1.0, "psychologist": 0.5})

    def test_it_reports_a_satellite_on_its_own(self):
        result = self.report(site=self.satellite_a)
        self.assertEqual(result["youth"]["personal"], 1)
        self.assertEqual(result["youth"]["age_at_first"]["12-14"], 1.0)
        self.assertEqual(result["contacts"]["total"], 1)
        # Furesø's chat user.
        self.assertEqual(result["youth"]["chat_resident"], 1)
        self.assertEqual(result["site_info"]["hub_code"], "alpha")

    def test_it_leaves_other_years_out(self):
        result = self.report(year=2024)
        self.assertEqual(result["youth"]["personal"], 1)
        self.assertEqual(result["youth"]["age_at_first"]["<12"], 1.0)
        self.assertEqual(result["youth"]["short_contacts"], 100)
        self.assertEqual(result["youth"]["chat_resident"], 1)

    def test_it_labels_the_report(self):
        result = self.report()
        self.assertEqual(
            (result["report"], result["year"], result["site"]), ("annual", 2025, "alpha")
        )
        self.assertEqual(result["meta"]["definitions"], "interchange v1")
        self.assertEqual(result["site_info"]["municipality_code"], "151")

    def test_it_gives_zeros_for_an_empty_year(self):
        result = self.report(year=2030)
        self.assertEqual(result["youth"]["personal"], 0)
        self.assertEqual(result["youth"]["total"], 0)
        self.assertEqual(result["youth"]["residence"], {})
        self.assertEqual(set(result["youth"]["gender"].values()), {0})
        self.assertEqual(result["contacts"]["total"], 0)
        self.assertEqual(result["contacts"]["per_youth"], 0)
        self.assertEqual(result["themes"], {})
        self.assertEqual(result["bridging"]["share"], 0)
        self.assertEqual(result["feedback"]["responses"], 0)
        self.assertEqual(result["outcomes"]["self_efficacy"]["courses"], 0)

    def test_it_counts_the_chat_itself_without_residents(self):
        result = self.report(site=self.chat)
        self.assertEqual(result["youth"]["personal"], 4)
        self.assertEqual(result["youth"]["chat_resident"], 0)
        self.assertEqual(result["contacts"]["by_channel"]["chat"], 4)

    def test_it_refuses_a_family_site(self):
        with self.assertRaises(ValueError):
            self.report(site=self.family_site)

    def test_it_keeps_the_number_of_queries_whatever_the_data(self):
        with CaptureQueriesContext(connection) as small:
            self.report(year=2024)
        with CaptureQueriesContext(connection) as large:
            self.report(year=2025)
        self.assertEqual(len(small), len(large))
        self.assertLess(len(large), 25)
