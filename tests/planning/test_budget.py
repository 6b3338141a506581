"""Budget templates and rules (seeded from the memos) and a site's actual yearly cost."""

from decimal import Decimal

from django.urls import reverse

from frirum.audit.models import AuditEntry
from frirum.planning.models import BudgetTemplate, PlanningRule, SiteYearCost
from frirum.planning.selectors import current_rules, current_template
from tests.base import BaseTestCase


class DefaultsTests(BaseTestCase):
    def test_it_seeds_the_rules_with_their_sources(self):
        rules = current_rules()
        self.assertEqual(rules["centre_threshold"].value, Decimal(40000))
        self.assertEqual(rules["hub_capacity"].value, Decimal(2))
        self.assertEqual(rules["cohort_share"].value, Decimal("0.20"))
        self.assertEqual(rules["first_year_share"].value, Decimal("0.50"))
        self.assertEqual(rules["agreement_years"].value, Decimal(4))
        self.assertEqual(rules["savings_low"].value, Decimal(2_000_000))
        self.assertEqual(rules["savings_high"].value, Decimal(3_400_000))
        self.assertEqual(rules["savings_low"].source_year, 2017)
        self.assertIn("Incentive", rules["savings_high"].source)

    def test_it_seeds_a_centre_of_1_8_million_a_year_and_a_satellite_of_650_000(self):
        centre = current_template("centre")
        yearly = sum(line.amount or 0 for line in centre.lines.all() if line.kind == "yearly")
        self.assertEqual((centre.year, yearly), (2025, 1_800_000))
        satellite = current_template("satellite")
        yearly = sum(line.amount or 0 for line in satellite.lines.all() if line.kind == "yearly")
        self.assertEqual((satellite.year, yearly), (2017, 650_000))
        self.assertTrue(all(line.source for line in centre.lines.all()))

    def test_it_uses_the_newest_template_as_of_a_year(self):
        BudgetTemplate.objects.create(kind="centre", year=2027)
        self.assertEqual(current_template("centre").year, 2027)
        self.assertEqual(current_template("centre", 2026).year, 2025)
        self.assertIsNone(current_template("satellite", 2010))

    def test_it_refuses_to_plan_without_a_rule(self):
        PlanningRule.objects.filter(key="hub_capacity").delete()
        with self.assertRaises(LookupError):
            current_rules()


class TemplatesPageTests(BaseTestCase):
    def test_it_shows_the_templates_to_the_secretariat(self):
        self.login(self.secretariat)
        response = self.client.get(reverse("planning:templates"))
        self.assertContains(response, "700.000")
        self.assertContains(response, "Randers")

    def test_it_hides_the_templates_from_a_chief_a_counsellor_and_a_municipality(self):
        for user in (self.chief_a, self.volunteer_a, self.viewer_ballerup):
            self.login(user)
            self.assertEqual(self.client.get(reverse("planning:templates")).status_code, 404)

    def test_it_lets_the_secretariat_edit_a_template_in_the_admin(self):
        self.login(self.secretariat)
        template = current_template("centre")
        url = reverse("admin:planning_budgettemplate_change", args=[template.pk])
        self.assertEqual(self.client.get(url).status_code, 200)

    def test_it_keeps_a_chief_out_of_the_planning_admin(self):
        self.chief_a.is_staff = True
        self.chief_a.save(update_fields=["is_staff"])
        self.login(self.chief_a)
        url = reverse("admin:planning_budgettemplate_changelist")
        self.assertIn(self.client.get(url).status_code, (302, 403, 404))


class SiteCostTests(BaseTestCase):
    def url(self, site):
        return reverse("planning:site_costs", args=[site.code])

    def test_it_lets_the_chief_enter_and_correct_a_year(self):
        self.login(self.chief_a)
        response = self.client.post(self.url(self.site_a), {"year": 2024, "amount": 1_750_000})
        self.assertEqual(response.status_code, 302)
        self.client.post(self.url(self.site_a), {"year": 2024, "amount": 1_800_000})
        cost = SiteYearCost.objects.get(site=self.site_a, year=2024)
        self.assertEqual(cost.amount, 1_800_000)
        self.assertEqual(cost.entered_by, self.chief_a)
        self.assertEqual(AuditEntry.objects.filter(object_type="planning.siteyearcost").count(), 2)

    def test_it_lets_the_hub_chief_enter_the_satellite_cost(self):
        self.login(self.chief_a)
        self.client.post(self.url(self.satellite_a), {"year": 2024, "amount": 650_000})
        self.assertTrue(SiteYearCost.objects.filter(site=self.satellite_a).exists())

    def test_it_refuses_the_wrong_site_and_the_wrong_role(self):
        for user, site in (
            (self.chief_b, self.site_a),
            (self.volunteer_a, self.site_a),
            (self.a_employed_counsellor, self.site_a),
            (self.viewer_ballerup, self.site_a),
            (self.chief_a, self.chat),
        ):
            self.login(user)
            response = self.client.post(self.url(site), {"year": 2024, "amount": 1})
            self.assertEqual(response.status_code, 404, (user, site))
        self.assertFalse(SiteYearCost.objects.exists())

    def test_it_keeps_bad_input_next_to_the_field(self):
        self.login(self.chief_a)
        response = self.client.post(self.url(self.site_a), {"year": 2999, "amount": "-5"})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["year"])
        self.assertTrue(response.context["form"].errors["amount"])
        self.assertContains(response, 'value="2999"')
        self.assertFalse(SiteYearCost.objects.exists())

    def test_it_shows_an_empty_list_first(self):
        self.login(self.chief_a)
        response = self.client.get(self.url(self.site_a))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["costs"]), [])
