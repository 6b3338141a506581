"""The search while bridging: conditions (age, municipality, anonymous) and ranking (need,
local before national, open now, verified)."""

import datetime as dt
from zoneinfo import ZoneInfo

from frirum.directory.models import ScheduleException, ServiceStatus
from frirum.directory.selectors import SearchQuery, search_services
from tests.base import BaseTestCase, term
from tests.directory.factories import make_service

# A Wednesday afternoon in Copenhagen.
NOW = dt.datetime(2026, 11, 25, 15, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
WEDNESDAY = 2


def names(hits):
    return [hit.service.name for hit in hits]


class SearchTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.anxiety = term("youth_theme", "anxiety")
        cls.local_anxiety = make_service(
            "Local anxiety", themes=["anxiety"], municipalities=[cls.ballerup]
        )
        cls.national_anxiety = make_service("National anxiety", themes=["anxiety"])
        cls.local_other = make_service(
            "Local other", themes=["grief"], municipalities=[cls.ballerup]
        )
        cls.elsewhere = make_service(
            "Copenhagen anxiety", themes=["anxiety"], municipalities=[cls.copenhagen]
        )

    def test_it_ranks_the_need_first_then_local_before_national(self):
        hits = search_services(SearchQuery(theme=self.anxiety, municipality=self.ballerup), now=NOW)
        self.assertEqual(names(hits), ["Local anxiety", "National anxiety", "Local other"])

    def test_it_leaves_out_services_for_other_municipalities(self):
        hits = search_services(SearchQuery(municipality=self.ballerup), now=NOW)
        self.assertNotIn("Copenhagen anxiety", names(hits))

    def test_it_ranks_open_now_before_closed(self):
        closed = make_service("A closed now", themes=["anxiety"], municipalities=[self.ballerup])
        open_ = make_service(
            "Z open now",
            themes=["anxiety"],
            municipalities=[self.ballerup],
            schedules=[(WEDNESDAY, "12:00", "17:00")],
        )
        hits = search_services(SearchQuery(theme=self.anxiety, municipality=self.ballerup), now=NOW)
        order = names(hits)
        self.assertLess(order.index(open_.name), order.index(closed.name))
        self.assertTrue(hits[0].open_now)

    def test_it_closes_a_service_on_an_exception_day(self):
        service = make_service(
            "Usually open", themes=["grief"], schedules=[(WEDNESDAY, "12:00", "17:00")]
        )
        ScheduleException.objects.create(service=service, date=NOW.date())
        hit = next(h for h in search_services(SearchQuery(), now=NOW) if h.service == service)
        self.assertFalse(hit.open_now)
        self.assertTrue(hit.closed_today)

    def test_it_filters_by_age(self):
        make_service("Over 18", minimum_age=18)
        self.assertNotIn("Over 18", names(search_services(SearchQuery(age=15), now=NOW)))
        self.assertIn("Over 18", names(search_services(SearchQuery(age=19), now=NOW)))

    def test_it_offers_only_anonymous_services_when_asked(self):
        make_service("Anonymous", anonymous_possible=True)
        self.assertEqual(
            names(search_services(SearchQuery(anonymous=True), now=NOW)), ["Anonymous"]
        )

    def test_it_never_offers_inactive_or_defunct_and_puts_temporarily_closed_last(self):
        make_service("A inactive", status=ServiceStatus.INACTIVE)
        make_service("A defunct", status=ServiceStatus.DEFUNCT)
        make_service("A paused", status=ServiceStatus.TEMPORARILY_CLOSED)
        order = names(search_services(SearchQuery(), now=NOW))
        self.assertNotIn("A inactive", order)
        self.assertNotIn("A defunct", order)
        self.assertEqual(order[-1], "A paused")

    def test_it_marks_and_ranks_stale_entries_below_verified_ones(self):
        make_service("A stale", themes=["grief"], verified_on=dt.date(2025, 1, 1))
        hits = search_services(SearchQuery(theme=term("youth_theme", "grief")), now=NOW)
        self.assertEqual(names(hits)[:2], ["Local other", "A stale"])
        self.assertTrue(hits[1].stale)

    def test_it_answers_an_empty_directory_with_nothing(self):
        from frirum.directory.models import Service

        Service.objects.all().delete()
        self.assertEqual(search_services(SearchQuery(), now=NOW), [])

    def test_it_bounds_a_large_directory(self):
        for n in range(40):
            make_service(f"Bulk {n:02d}")
        self.assertEqual(len(search_services(SearchQuery(), now=NOW, limit=20)), 20)
