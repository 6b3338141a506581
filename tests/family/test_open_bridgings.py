"""Open bridgings: the dashboard shows the oldest few, a page of their own lists them all."""

import datetime as dt

from django.urls import reverse

from frirum.family.views import OPEN_BRIDGINGS_SHOWN, PAGE_SIZE
from tests.base import BaseTestCase
from tests.family.helpers import count_queries, make_conversation


def _open_bridging(site, day: int):
    return make_conversation(
        site,
        date=dt.date(2025, 1, 1) + dt.timedelta(days=day),
        bridged=True,
        bridged_for="youth",
        bridging_methods=["made_aware"],
        bridging_destinations=["headspace_centre"],
    )


class OpenBridgingsTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.dashboard = reverse("family:dashboard", args=[cls.family_site.code])
        cls.url = reverse("family:open_bridgings", args=[cls.family_site.code])
        cls.bridgings = [_open_bridging(cls.family_site, day) for day in range(PAGE_SIZE + 5)]

    def setUp(self):
        self.login(self.family_staff)

    def test_it_shows_the_oldest_few_on_the_dashboard_with_the_total(self):
        response = self.client.get(self.dashboard)
        shown = response.context["open_bridgings"]
        self.assertEqual(shown, self.bridgings[:OPEN_BRIDGINGS_SHOWN])
        self.assertEqual(response.context["open_bridgings_total"], PAGE_SIZE + 5)
        self.assertContains(response, f"De {OPEN_BRIDGINGS_SHOWN} ældste af {PAGE_SIZE + 5}")
        self.assertContains(response, f'href="{self.url}"')

    def test_it_lists_every_open_bridging_a_page_at_a_time(self):
        first = self.client.get(self.url)
        self.assertEqual(first.status_code, 200)
        self.assertEqual(list(first.context["open_bridgings"]), self.bridgings[:PAGE_SIZE])
        second = self.client.get(self.url, {"page": 2})
        self.assertEqual(list(second.context["open_bridgings"]), self.bridgings[PAGE_SIZE:])
        self.assertContains(
            first, reverse("family:bridging_followed_up", args=[self.bridgings[0].code])
        )

    def test_it_costs_the_same_for_a_page_of_many(self):
        self.assertLessEqual(count_queries(self.client, self.url), 16)

    def test_it_is_not_for_another_site(self):
        self.login(self.volunteer_a)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_it_says_so_when_there_are_none(self):
        for conversation in self.bridgings:
            conversation.bridged = False
            conversation.bridged_for = ""
            conversation.save(update_fields=["bridged", "bridged_for"])
        response = self.client.get(self.url)
        self.assertContains(response, "Ingen åbne brobygninger")
        dashboard = self.client.get(self.dashboard)
        self.assertEqual(dashboard.context["open_bridgings_total"], 0)
        self.assertNotContains(dashboard, f'href="{self.url}"')
