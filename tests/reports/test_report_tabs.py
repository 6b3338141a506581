"""The national reader's three reports as the design system's navigation tabs, and the
breadcrumbs back to the reports; a site's report has no national tabs."""

import re

from django.urls import reverse

from tests.base import BaseTestCase
from tests.reports.test_views_caching import FreshCacheMixin


def tabs(content: str) -> list[tuple[str, bool]]:
    nav = re.search(
        r'<nav class="tab-container" aria-label="Landsrapporter">(.*?)</nav>', content, re.S
    )
    if not nav:
        return []
    return [
        (text, bool(current))
        for current, text in re.findall(
            r'class="tab-button"( aria-current="true")?><span>([^<]*)</span>', nav.group(1)
        )
    ]


class NationalTabsTests(FreshCacheMixin, BaseTestCase):
    def test_it_shows_the_three_national_reports_as_tabs_keeping_the_year(self):
        self.login(self.secretariat)
        for name, current in (
            ("reports:national", "Landsrapport"),
            ("reports:family_national", "headspace Family"),
            ("reports:trends", "Udvikling over årene"),
        ):
            response = self.client.get(reverse(name), {"year": 2024})
            self.assertEqual(response.status_code, 200)
            content = response.content.decode()
            found = tabs(content)
            self.assertEqual(found[0][0], "Landsrapport", name)
            self.assertEqual(len(found), 3, name)
            self.assertEqual([text for text, is_current in found if is_current], [current], name)
            self.assertIn(
                'class="breadcrumbs__link" href="/reports/"',
                content.replace(reverse("reports:index"), "/reports/"),
            )
        content = self.client.get(reverse("reports:national"), {"year": 2024}).content.decode()
        self.assertIn(f"{reverse('reports:family_national')}?year=2024", content)

    def test_it_escapes_a_strange_year_in_the_tabs(self):
        self.login(self.secretariat)
        response = self.client.get(reverse("reports:trends"), {"year": '"><b>x'})
        self.assertEqual(response.status_code, 200)
        self.assertNotIn('"><b>x', response.content.decode())

    def test_it_shows_no_national_tabs_on_a_sites_report(self):
        self.login(self.chief_a)
        response = self.client.get(reverse("reports:annual", args=["alpha"]), {"year": 2024})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(tabs(response.content.decode()), [])
        self.assertContains(response, 'aria-current="page"')
