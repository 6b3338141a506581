"""For professionals: a printable poster with a QR code, and an opening-hours snippet that
other websites may frame (the only framable page)."""

import datetime as dt
from unittest import mock

from django.urls import reverse

from frirum.sites.models import ClosedDay, OpeningHours, Site
from frirum.sites.schedule import ZONE
from tests.base import BaseTestCase
from tests.core.test_security_headers import csp

TUESDAY_AFTERNOON = dt.datetime(2026, 3, 3, 14, 0, tzinfo=ZONE)


def at(moment):
    return mock.patch("frirum.public.professional.timezone.now", return_value=moment)


class ProfessionalPagesTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for weekday in (0, 1, 3):
            OpeningHours.objects.create(
                site=cls.site_a, weekday=weekday, opens=dt.time(13), closes=dt.time(18)
            )
        OpeningHours.objects.create(
            site=cls.site_a, weekday=3, opens=dt.time(9), closes=dt.time(11)
        )
        # Next season's hours are not on a poster printed today.
        OpeningHours.objects.create(
            site=cls.site_a,
            weekday=5,
            opens=dt.time(10),
            closes=dt.time(12),
            valid_from=dt.date(2027, 1, 1),
        )
        ClosedDay.objects.create(site=cls.site_a, date=dt.date(2026, 3, 3), reason="Kursus")
        Site.objects.filter(pk=cls.site_a.pk).update(address="Hovedgaden 1, 2750 Ballerup")

    def get(self, name, lang="da", **kwargs):
        return self.client.get(reverse(f"public:{name}", kwargs={"lang": lang, **kwargs}))

    def test_it_prints_a_poster_with_the_weekly_hours_and_a_qr_code(self):
        with at(TUESDAY_AFTERNOON):
            response = self.get("poster", site_code="alpha")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(dict(response.cookies), {})
        html = response.content.decode()
        self.assertIn("<svg", html)
        self.assertIn("http://testserver/da/sites/alpha/", html)
        self.assertIn("Hovedgaden 1", html)
        self.assertIn("09:00\N{EN DASH}11:00, 13:00\N{EN DASH}18:00", html)  # Thursday, split day
        self.assertNotIn("10:00\N{EN DASH}12:00", html)  # next season
        self.assertIn("@page", (self.static("public/poster.css")))
        self.assertIn("DENY", response["X-Frame-Options"])

    def static(self, name):
        from django.contrib.staticfiles import finders

        with open(finders.find(name), encoding="utf-8") as handle:
            return handle.read()

    def test_it_prints_a_poster_in_english_for_the_chat(self):
        response = self.get("poster", lang="en", site_code="chat")
        self.assertContains(response, "headspace chat")
        self.assertContains(response, "http://testserver/en/sites/chat/")
        self.assertContains(response, "Closed", count=7)

    def test_it_lets_only_the_snippet_be_framed(self):
        with at(TUESDAY_AFTERNOON):
            embed = self.get("embed", site_code="alpha")
            page = self.get("poster", site_code="alpha")
        self.assertEqual(embed.status_code, 200)
        self.assertNotIn("X-Frame-Options", embed)
        self.assertEqual(csp(embed)["frame-ancestors"], ["*"])
        self.assertEqual(csp(embed)["script-src"], ["'self'"])
        self.assertEqual(csp(page)["frame-ancestors"], ["'none'"])
        self.assertEqual(dict(embed.cookies), {})
        self.assertEqual(embed["Cache-Control"], "public, max-age=60")
        html = embed.content.decode()
        self.assertNotIn("<script", html)
        self.assertNotIn("<form", html)
        self.assertIn("Kursus", html)  # this week's closed day
        self.assertIn('target="_blank" rel="noopener"', html)

    def test_it_shows_the_snippet_code_on_the_sites_page(self):
        response = self.get("site", site_code="alpha")
        self.assertContains(
            response,
            "&lt;iframe src=&quot;http://testserver/da/sites/alpha/embed/&quot; "
            "title=&quot;Åbningstider: headspace Alpha&quot;",
        )
        self.assertContains(response, reverse("public:poster", args=["da", "alpha"]))

    def test_it_escapes_a_site_name_in_the_snippet_code(self):
        Site.objects.filter(pk=self.site_b.pk).update(name='headspace "B" <x>')
        response = self.get("site", lang="en", site_code="beta")
        self.assertContains(response, "title=&quot;Opening hours: headspace &amp;quot;B")
        self.assertNotContains(response, "<x>")

    def test_it_knows_no_unknown_or_closed_down_site(self):
        Site.objects.filter(pk=self.site_b.pk).update(closed_on=dt.date(2020, 1, 1))
        for name in ("poster", "embed"):
            self.assertEqual(self.get(name, site_code="nope").status_code, 404)
            self.assertEqual(self.get(name, site_code="beta").status_code, 404)

    def test_it_refuses_to_be_posted_to(self):
        for name in ("poster", "embed"):
            url = reverse(f"public:{name}", args=["da", "alpha"])
            self.assertEqual(self.client.post(url).status_code, 405)

    def test_it_shows_a_site_with_many_split_hours_in_a_few_queries(self):
        for weekday in range(7):
            for hour in range(8, 20, 2):
                OpeningHours.objects.get_or_create(
                    site=self.site_b,
                    weekday=weekday,
                    opens=dt.time(hour),
                    defaults={"closes": dt.time(hour + 1)},
                )
        with self.assertNumQueries(2):
            response = self.get("poster", site_code="beta")
        self.assertContains(response, "18:00\N{EN DASH}19:00", count=7)
