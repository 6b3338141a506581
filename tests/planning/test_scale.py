"""The large case: the number of queries does not grow with municipalities, sites or years."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from frirum.planning import figures
from frirum.planning.models import Scenario
from frirum.planning.plan import build_plan
from frirum.sites.models import Municipality, Site, SiteKind
from tests.base import BaseTestCase
from tests.planning.scenario_fixtures import LAST


class ScaleTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        municipalities = list(Municipality.objects.all())
        for number, municipality in enumerate(municipalities):
            municipality.population_total = 20_000 + number * 1_000
            municipality.population_12_25 = 3_000 + number * 100
            municipality.population_year = LAST
        Municipality.objects.bulk_update(
            municipalities, ["population_total", "population_12_25", "population_year"]
        )
        # Twenty more centres, each with young people from many municipalities.
        from frirum.contacts.models import Contact
        from frirum.people.models import Youth

        youth, contacts = [], []
        for number in range(20):
            site = Site.objects.create(
                code=f"c{number}",
                name=f"Center {number}",
                kind=SiteKind.CENTRE,
                municipality=municipalities[number * 4],
            )
            for person in range(40):
                youth.append(
                    Youth(
                        code=f"Y-{number}-{person}",
                        residence_municipality=municipalities[(number + person) % 98],
                        registered_at_site=site,
                    )
                )
        Youth.objects.bulk_create(youth)
        sites = {site.code: site for site in Site.objects.filter(code__startswith="c")}
        for person in Youth.objects.filter(code__startswith="Y-"):
            site = sites[f"c{person.code.split('-')[1]}"]
            for year in (LAST - 2, LAST - 1, LAST):
                contacts.append(Contact(youth=person, site=site, date=dt.date(year, 6, 1)))
        Contact.objects.bulk_create(contacts)
        cls.scenario = Scenario.objects.create(
            municipality=Municipality.objects.get(code="183"), start_year=LAST + 2
        )

    def test_it_computes_coverage_of_98_municipalities_in_a_few_queries(self):
        with CaptureQueriesContext(connection) as queries:
            result = figures.coverage(year=LAST)
        self.assertLessEqual(len(queries), 6)
        self.assertEqual(sum(row["reached"] for row in result["municipalities"]), 800)

    def test_it_builds_a_plan_over_many_site_years_in_a_bounded_number_of_queries(self):
        self.scenario.kind = "centre"
        self.scenario.save()
        with CaptureQueriesContext(connection) as queries:
            plan = build_plan(self.scenario)
        self.assertEqual(len(plan.estimate.used), 60)
        # About 30, a dozen of them the national report's figures for the evaluation, and
        # about 20 the memo's evaluation figures (first vs latest of three instruments):
        # fixed, whatever the number of sites, years and contacts (55 on SQLite, 57 on
        # PostgreSQL).
        self.assertLessEqual(len(queries), 60)
