"""Every report URL from the right and the wrong role, site and municipality."""

from django.urls import reverse

from tests.base import BaseTestCase
from tests.reports.test_views_caching import FreshCacheMixin

YEAR = "2024"


class ReportAccessTests(FreshCacheMixin, BaseTestCase):
    def get(self, user, url, **params):
        self.client.logout()
        if user is not None:
            self.login(user)
        return self.client.get(url, {"year": YEAR, **params})

    def assert_status(self, users, url, status):
        for user in users:
            with self.subTest(user=str(user), url=url):
                self.assertEqual(self.get(user, url).status_code, status)

    def annual_urls(self, code):
        return [reverse("reports:annual", args=[code])] + [
            reverse("reports:annual_download", args=[code, fmt]) for fmt in ("csv", "xlsx")
        ]

    def test_it_sends_anonymous_visitors_to_the_login(self):
        for url in [
            reverse("reports:index"),
            *self.annual_urls("alpha"),
            reverse("reports:national"),
            reverse("reports:trends"),
            reverse("reports:family_national"),
            reverse("reports:family_site", args=["fam"]),
        ]:
            with self.subTest(url=url):
                response = self.get(None, url)
                self.assertEqual(response.status_code, 302)
                self.assertIn(reverse("accounts:login"), response["Location"])

    def test_it_shows_a_site_report_to_the_secretariat_its_chief_and_its_municipality(self):
        for url in self.annual_urls("alpha"):
            self.assert_status([self.secretariat, self.chief_a, self.viewer_ballerup], url, 200)

    def test_it_hides_a_site_report_from_other_roles_sites_and_municipalities(self):
        wrong = [
            self.volunteer_a,
            self.a_employed_counsellor,
            self.a_seconded_municipal,
            self.a_peer_volunteer,
            self.chief_b,
            self.volunteer_b,
            self.family_staff,
            self.outsider,
        ]
        for url in self.annual_urls("alpha"):
            self.assert_status(wrong, url, 404)
        # Ballerup's viewer sees nothing of København's or Furesø's sites; A's chief leads
        # the satellite of A (its hub) but not B.
        for code in ("beta", "alpha-sat"):
            for url in self.annual_urls(code):
                self.assert_status([self.viewer_ballerup], url, 404)
        for url in self.annual_urls("beta"):
            self.assert_status([self.chief_a], url, 404)
        for url in self.annual_urls("alpha-sat"):
            self.assert_status([self.chief_a], url, 200)

    def test_it_gives_unsuppressed_json_only_to_the_secretariat_and_the_sites_chief(self):
        url = reverse("reports:annual_download", args=["alpha", "json"])
        self.assert_status([self.secretariat, self.chief_a], url, 200)
        self.assert_status([self.viewer_ballerup, self.volunteer_a, self.chief_b], url, 404)

    def test_it_keeps_national_reports_and_trends_for_the_secretariat(self):
        urls = [
            reverse("reports:national"),
            reverse("reports:national_download", args=["csv"]),
            reverse("reports:national_download", args=["json"]),
            reverse("reports:trends"),
            reverse("reports:family_national"),
            reverse("reports:family_national_download", args=["xlsx"]),
        ]
        for url in urls:
            self.assert_status([self.secretariat], url, 200)
            self.assert_status(
                [self.chief_a, self.viewer_ballerup, self.volunteer_a, self.family_staff], url, 404
            )

    def test_it_shows_a_family_sites_report_to_the_secretariat_only_here(self):
        urls = [
            reverse("reports:family_site", args=["fam"]),
            reverse("reports:family_site_download", args=["fam", "csv"]),
        ]
        for url in urls:
            self.assert_status([self.secretariat], url, 200)
            # Staff without the chief role, and Ballerup's viewer (Family is in Aarhus).
            self.assert_status([self.family_staff, self.peer, self.viewer_ballerup], url, 404)

    def test_it_gives_each_report_only_for_its_kind_of_site(self):
        self.assert_status([self.secretariat], reverse("reports:annual", args=["fam"]), 404)
        self.assert_status([self.secretariat], reverse("reports:family_site", args=["alpha"]), 404)
        self.assert_status([self.secretariat], reverse("reports:annual", args=["nope"]), 404)

    def test_it_refuses_unknown_formats(self):
        url = reverse("reports:annual_download", args=["alpha", "docx"])
        self.assert_status([self.secretariat], url, 404)

    def test_it_lists_only_the_reports_the_user_may_read(self):
        response = self.get(self.viewer_ballerup, reverse("reports:index"))
        self.assertContains(response, reverse("reports:annual", args=["alpha"]))
        self.assertNotContains(response, reverse("reports:annual", args=["beta"]))
        self.assertNotContains(response, reverse("reports:national"))

        response = self.get(self.secretariat, reverse("reports:index"))
        for url in (
            reverse("reports:annual", args=["alpha"]),
            reverse("reports:annual", args=["beta"]),
            reverse("reports:national"),
            reverse("reports:trends"),
            reverse("reports:family_site", args=["fam"]),
        ):
            self.assertContains(response, url)

        response = self.get(self.volunteer_a, reverse("reports:index"))
        self.assertNotContains(response, "/reports/annual/")
        self.assertNotContains(response, reverse("reports:national"))
