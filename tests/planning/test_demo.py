"""The demo's planning data: illustrative population (marked), costs, a ready scenario."""

import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from frirum.planning.demo import load_planning_demo, wipe_planning_demo
from frirum.planning.memo import build_memo
from frirum.planning.models import Scenario, SiteYearCost
from frirum.planning.plan import build_plan
from frirum.planning.population import illustrative_note
from frirum.sites.models import Municipality
from tests.base import BaseTestCase


class PlanningDemoTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        sites = {site.code: site for site in (cls.site_a, cls.satellite_a, cls.site_b, cls.chat)}
        cls.counts = load_planning_demo(year=2026, sites=sites)

    def test_it_gives_every_municipality_an_illustrative_population_marked_so(self):
        self.assertEqual(
            Municipality.objects.filter(population_12_25__gt=0, population_year=2026).count(), 98
        )
        self.assertIn("Illustrative", illustrative_note())
        ishoj = Municipality.objects.get(code="183")
        self.assertLess(ishoj.population_total, 40_000)

    def test_it_enters_the_centres_and_satellites_costs(self):
        self.assertEqual(self.counts["site_costs"], 3)
        self.assertEqual(SiteYearCost.objects.filter(year=2025).count(), 3)

    def test_it_has_a_ready_scenario_for_a_municipality_without_a_site(self):
        scenario = Scenario.objects.get(municipality__code="183")
        plan = build_plan(scenario)
        self.assertEqual(plan.kind, "satellite")
        self.assertEqual(plan.hub.code, "beta")
        with translation.override("da"):
            memo = build_memo(plan, k=5)
        need = next(section for section in memo.sections if section.slug == "need")
        self.assertIn("Folketallene er illustrative (demodata)", " ".join(need.paragraphs))
        self.login(self.secretariat)
        page = self.client.get(reverse("planning:coverage"))
        self.assertContains(page, "illustrative (demodata)")

    def test_it_drops_the_mark_once_real_figures_are_imported(self):
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "population.csv"
            path.write_text(
                "municipality_code,population_total,population_12_25,year\n151,49000,8100,2025\n",
                encoding="utf-8",
            )
            call_command("population", str(path), stdout=io.StringIO())
        self.assertIsNone(illustrative_note())

    def test_it_wipes_its_scenario_and_figures(self):
        wipe_planning_demo()
        self.assertFalse(Scenario.objects.exists())
        self.assertFalse(Municipality.objects.filter(population_total__isnull=False).exists())
