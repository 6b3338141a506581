"""The network's public pages: no login, nothing about the visitor, one schedule source."""

import datetime as dt
from unittest import mock

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frirum.audit.models import AuditEntry
from frirum.sites.models import ClosedDay, Municipality, OpeningHours, Site, SiteKind
from frirum.sites.schedule import ZONE
from tests.base import BaseTestCase

# Tuesday 3 March 2026, 14:00 in Copenhagen.
TUESDAY_AFTERNOON = dt.datetime(2026, 3, 3, 14, 0, tzinfo=ZONE)


def at(moment):
    return mock.patch("frirum.public.views.timezone.now", return_value=moment)


class PublicPageTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for site, days in ((cls.site_a, range(5)), (cls.satellite_a, (1, 3))):
            for weekday in days:
                OpeningHours.objects.create(
                    site=site, weekday=weekday, opens=dt.time(13), closes=dt.time(18)
                )
        OpeningHours.objects.create(site=cls.chat, weekday=1, opens=dt.time(16), closes=dt.time(22))
        cls.chat.public_link = "https://chat.example.org/"
        cls.chat.save(update_fields=["public_link"])

    def get(self, name, lang="da", query=None, **kwargs):
        url = reverse(f"public:{name}", kwargs={"lang": lang, **kwargs})
        return self.client.get(url, query or {})

    def test_it_needs_no_login_and_sets_no_cookie(self):
        with at(TUESDAY_AFTERNOON):
            responses = [
                self.get("index"),
                self.get("finder", query={"municipality": "190"}),
                self.get("site", site_code="alpha"),
                self.get("site", site_code="chat"),
                self.get("accessibility", lang="en"),
            ]
        for response in responses:
            self.assertEqual(response.status_code, 200)
            self.assertEqual(dict(response.cookies), {})
            self.assertEqual(response["Cache-Control"], "public, max-age=60")
        self.assertEqual(Session.objects.count(), 0)
        self.assertEqual(AuditEntry.objects.count(), 0)

    def test_it_speaks_the_language_of_its_address(self):
        danish = self.get("accessibility")
        english = self.get("accessibility", lang="en")
        self.assertContains(danish, "Tilgængelighedserklæring")
        self.assertContains(danish, 'href="/en/accessibility/"')
        self.assertContains(danish, '<html lang="da" class="public">')
        self.assertContains(english, "Accessibility statement")
        self.assertContains(english, 'href="/da/accessibility/"')
        self.assertEqual(english["Content-Language"], "en")
        self.assertEqual(self.client.get("/de/accessibility/").status_code, 404)

    def test_it_keeps_the_finders_choice_when_switching_language(self):
        response = self.get("finder", query={"municipality": "190"})
        self.assertContains(response, 'href="/en/find/?municipality=190"')

    def test_it_shows_drop_in_open_now_and_the_chat_closed(self):
        with at(TUESDAY_AFTERNOON):
            response = self.get("site", site_code="alpha")
        self.assertContains(response, "Åbent nu: kom bare ind, indtil kl. 18:00.")
        self.assertContains(response, "Lukket nu. Åbner igen")
        self.assertContains(response, "https://chat.example.org/")
        self.assertContains(response, "70 201 201")
        self.assertContains(response, "headspace Family Aarhus")

    def test_it_lets_a_closed_day_override_the_weekly_hours(self):
        ClosedDay.objects.create(site=self.site_a, date=dt.date(2026, 3, 3), reason="Studiedag")
        with at(TUESDAY_AFTERNOON):
            response = self.get("site", site_code="alpha", lang="en")
        self.assertContains(response, "Closed now. Next open Wednesday 13:00\u201318:00.")
        self.assertContains(response, "Studiedag")

    def test_it_shows_this_week_and_next(self):
        with at(TUESDAY_AFTERNOON):
            response = self.get("site", site_code="alpha-sat", lang="en")
        this_week, next_week = response.context["this_week"], response.context["next_week"]
        self.assertEqual(this_week[0].date, dt.date(2026, 3, 2))
        self.assertEqual(next_week[-1].date, dt.date(2026, 3, 15))
        self.assertEqual([day.is_open for day in this_week].count(True), 2)
        self.assertContains(response, "part of headspace Alpha")

    def test_it_says_when_a_site_does_not_take_walk_ins(self):
        self.site_a.drop_in = False
        self.site_a.save(update_fields=["drop_in"])
        with at(TUESDAY_AFTERNOON):
            response = self.get("site", site_code="alpha", lang="en")
        self.assertContains(response, "Open now, until 18:00.")
        self.assertContains(response, "by appointment")

    def test_it_hides_sites_that_closed_down_or_have_not_opened(self):
        Site.objects.filter(pk=self.site_b.pk).update(closed_on=dt.date(2025, 1, 1))
        Site.objects.filter(pk=self.satellite_a.pk).update(opened_on=dt.date(2030, 1, 1))
        with at(TUESDAY_AFTERNOON):
            self.assertEqual(self.get("site", site_code="beta").status_code, 404)
            self.assertEqual(self.get("site", site_code="alpha-sat").status_code, 404)
            names = [
                s.site.code for _r, items in self.get("index").context["regions"] for s in items
            ]
        self.assertNotIn("beta", names)
        self.assertNotIn("alpha-sat", names)
        self.assertEqual(self.get("site", site_code="nope").status_code, 404)

    def test_it_groups_sites_by_region_with_the_chat_apart(self):
        response = self.get("index")
        regions = dict(response.context["regions"])
        self.assertEqual(
            [s.site.code for s in regions["Region Hovedstaden"]], ["alpha", "beta", "alpha-sat"]
        )
        self.assertEqual([s.site.code for s in regions["Region Midtjylland"]], ["fam"])
        self.assertEqual([s.site.code for s in response.context["chats"]], ["chat"])

    def finder_codes(self, municipality_code):
        response = self.get("finder", query={"municipality": municipality_code})
        self.assertEqual(response.status_code, 200)
        return [state.site.code for state in response.context["results"]]

    def test_it_finds_the_own_municipality_then_its_hub_then_the_chat(self):
        self.assertEqual(self.finder_codes("190"), ["alpha-sat", "alpha", "chat"])
        self.assertEqual(self.finder_codes("151"), ["alpha", "chat"])
        self.assertEqual(self.finder_codes("751"), ["fam", "chat"])

    def test_it_offers_the_regions_sites_where_the_municipality_has_none(self):
        # Frederiksberg (147), Region Hovedstaden: no site of its own.
        self.assertEqual(self.finder_codes("147"), ["alpha", "beta", "alpha-sat", "chat"])
        # Odense (461), Region Syddanmark: nothing in the region either; the chat still helps.
        self.assertEqual(self.finder_codes("461"), ["chat"])

    def test_it_refuses_an_unknown_municipality_next_to_the_field(self):
        for value in ("999", "x" * 3000, ""):
            response = self.get("finder", query={"municipality": value})
            self.assertEqual(response.status_code, 400)
            self.assertIn("municipality", response.context["form"].errors)
        self.assertEqual(self.get("finder").status_code, 200)

    def test_it_refuses_to_be_posted_to(self):
        url = reverse("public:finder", kwargs={"lang": "da"})
        self.assertEqual(self.client.post(url, {"municipality": "151"}).status_code, 405)

    def test_it_reads_a_large_network_in_a_few_queries(self):
        municipalities = list(Municipality.objects.all()[:60])
        for n, municipality in enumerate(municipalities):
            site = Site.objects.create(
                code=f"many-{n}",
                name=f"headspace {n}",
                kind=SiteKind.CENTRE,
                municipality=municipality,
            )
            OpeningHours.objects.create(
                site=site, weekday=n % 7, opens=dt.time(9), closes=dt.time(15)
            )
            ClosedDay.objects.create(site=site, date=dt.date(2026, 3, 4))
        for name, kwargs, query in (
            ("index", {}, None),
            ("finder", {}, {"municipality": municipalities[0].code}),
            ("site", {"site_code": "many-3"}, None),
        ):
            with at(TUESDAY_AFTERNOON), CaptureQueriesContext(connection) as queries:
                response = self.get(name, query=query, **kwargs)
            self.assertEqual(response.status_code, 200)
            self.assertLessEqual(len(queries), 7, name)
