"""Figures of the directory's use: suppressed like every figure, by site and year; gaps."""

import datetime as dt

from django.urls import reverse

from frirum.directory.models import ServiceBridging
from tests.base import BaseTestCase, make_contact
from tests.directory.factories import make_service


class FigureTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ssp = make_service("SSP Alpha", municipalities=[cls.ballerup])
        cls.psy = make_service("Psykolog Alpha", destination="psychologist")
        day = dt.date(2025, 5, 5)
        for n in range(7):
            contact = make_contact(cls.site_a, date=day, bridged=True)
            ServiceBridging.objects.create(contact=contact, service=cls.ssp)
            if n < 2:
                ServiceBridging.objects.create(contact=contact, service=cls.psy)
        # Another year and another site stay out.
        other = make_contact(cls.site_b, date=day, bridged=True)
        ServiceBridging.objects.create(contact=other, service=cls.ssp)
        ServiceBridging.objects.create(
            contact=make_contact(cls.site_a, date=dt.date(2024, 5, 5), bridged=True),
            service=cls.ssp,
        )

    def get(self, user, *args, year=2025):
        self.login(user)
        name = "directory:figures" if args else "directory:figures_national"
        return self.client.get(reverse(name, args=args), {"year": year})

    def test_it_counts_bridgings_by_service_and_suppresses_small_counts(self):
        response = self.get(self.chief_a, "alpha")
        rows = {row.label: row.cell.text for row in response.context["figures"].by_service}
        self.assertEqual(rows["SSP Alpha (Org of SSP Alpha)"], "7")
        self.assertEqual(rows["Psykolog Alpha (Org of Psykolog Alpha)"], "<5")
        self.assertNotContains(response, ">2<")

    def test_it_counts_by_destination_category(self):
        response = self.get(self.chief_a, "alpha")
        cells = [row.cell.value for row in response.context["figures"].by_category]
        self.assertEqual(sorted(cells), [2, 7])

    def test_it_shows_the_network_to_the_secretariat_only(self):
        response = self.get(self.secretariat)
        self.assertEqual(response.context["figures"].linked.value, 8)
        self.assertEqual(self.get(self.chief_a).status_code, 404)

    def test_it_refuses_a_volunteer_and_the_wrong_site(self):
        self.assertEqual(self.get(self.volunteer_a, "alpha").status_code, 404)
        self.assertEqual(self.get(self.chief_b, "alpha").status_code, 404)

    def test_it_lets_the_municipality_viewer_see_its_sites(self):
        self.assertEqual(self.get(self.viewer_ballerup, "alpha").status_code, 200)

    def test_it_lists_municipalities_lacking_a_category(self):
        response = self.get(self.chief_a, "alpha")
        gaps = dict(response.context["figures"].gaps)
        missing = {t.code for t in gaps[self.ballerup]}
        self.assertIn("job_centre", missing)
        self.assertNotIn("municipal", missing)
        self.assertNotIn("psychologist", missing)

    def test_it_answers_an_empty_year(self):
        response = self.get(self.chief_a, "alpha", year=2021)
        self.assertEqual(response.context["figures"].by_service, [])
        response = self.get(self.chief_a, "alpha", year="garbage")
        self.assertEqual(response.status_code, 200)
