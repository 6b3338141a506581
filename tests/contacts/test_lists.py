"""The list pages: filters, pagination, and a constant number of queries however many rows."""

import datetime as dt

from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from frirum.taxonomies.models import Vocabulary
from tests.base import BaseTestCase, make_contact, make_outreach, make_youth, term


class ContactListTestCase(BaseTestCase):
    url = "/s/alpha/contacts/"

    def make_many(self, count: int) -> None:
        for i in range(count):
            make_contact(
                self.site_a,
                make_youth(self.site_a, nickname=f"Ung {i}"),
                date=dt.date(2025, 1, 1) + dt.timedelta(days=i % 300),
                themes=["anxiety", "stress"],
                counsellors=[self.volunteer_a, self.chief_a],
            )

    def queries_for(self, url: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(ctx.captured_queries)

    @override_settings(FRIRUM_SITE_CACHE_SECONDS=0)  # the rendering's own queries
    def test_it_lists_in_constant_queries(self):
        self.login(self.volunteer_a)
        self.make_many(3)
        few = self.queries_for(self.url)
        self.make_many(60)
        self.assertEqual(self.queries_for(self.url), few)
        with self.assertNumQueries(few):
            self.client.get(self.url + "?page=2")

    def test_it_paginates(self):
        self.make_many(55)
        self.login(self.volunteer_a)
        r = self.client.get(self.url)
        self.assertEqual(len(r.context["page"].object_list), 50)
        r = self.client.get(self.url + "?page=2")
        self.assertEqual(len(r.context["page"].object_list), 5)

    def test_it_filters_by_date_counsellor_channel_and_theme(self):
        youth = make_youth(self.site_a)
        hit = make_contact(
            self.site_a,
            youth,
            date=dt.date(2025, 5, 1),
            channel="phone",
            themes=["grief"],
            counsellors=[self.a_employed_counsellor],
        )
        make_contact(self.site_a, youth, date=dt.date(2025, 5, 1), channel="in_person")
        make_contact(self.site_a, youth, date=dt.date(2024, 5, 1), channel="phone")
        make_contact(self.site_b, make_youth(self.site_b), date=dt.date(2025, 5, 1))
        self.login(self.volunteer_a)
        grief = term(Vocabulary.YOUTH_THEME, "grief")
        query = (
            f"?date_from=2025-01-01&date_to=2025-12-31&channel=phone&theme={grief.pk}"
            f"&counsellor={self.a_employed_counsellor.pk}"
        )
        r = self.client.get(self.url + query)
        self.assertEqual(list(r.context["page"].object_list), [hit])
        r = self.client.get(self.url + "?date_from=2025-01-01")
        self.assertEqual(len(r.context["page"].object_list), 2)

    def test_it_shows_the_empty_case(self):
        self.login(self.volunteer_a)
        r = self.client.get(self.url)
        self.assertEqual(list(r.context["page"].object_list), [])

    def test_it_reports_a_reversed_date_range(self):
        self.login(self.volunteer_a)
        r = self.client.get(self.url + "?date_from=2025-02-01&date_to=2025-01-01")
        self.assertIn("date_to", r.context["form"].errors)

    @override_settings(FRIRUM_SITE_CACHE_SECONDS=0)  # the rendering's own queries
    def test_it_lists_young_people_in_constant_queries(self):
        self.login(self.volunteer_a)
        self.make_many(3)
        few = self.queries_for("/s/alpha/youth/")
        self.make_many(60)
        self.assertEqual(self.queries_for("/s/alpha/youth/"), few)

    def test_it_shows_the_dashboard_in_constant_queries(self):
        self.login(self.volunteer_a)
        today = timezone.localdate()
        for _ in range(2):
            make_contact(self.site_a, date=today, themes=["stress"], counsellors=[self.chief_a])
        few = self.queries_for("/s/alpha/dashboard/")
        for _ in range(25):
            make_contact(self.site_a, date=today, themes=["stress"], counsellors=[self.chief_a])
        # The factories write without the actions' audit entries, so nothing tells the
        # dashboard cache (frirum/contacts/dashboard.py) to render again: empty it.
        cache.clear()
        self.assertEqual(self.queries_for("/s/alpha/dashboard/"), few)

    def test_it_lists_outreach_in_constant_queries(self):
        self.login(self.volunteer_a)
        make_outreach(self.site_a)
        few = self.queries_for("/s/alpha/outreach/")
        for _ in range(30):
            make_outreach(self.site_a, short_contacts=3)
        self.assertEqual(self.queries_for("/s/alpha/outreach/"), few)
        r = self.client.get("/s/alpha/outreach/")
        self.assertEqual(r.context["total"], 100)
