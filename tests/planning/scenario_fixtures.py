"""A small network with known reach: the hand computation of tests/planning/test_rules.py."""

import datetime as dt

from django.utils import timezone

from frirum.sites.models import Municipality
from tests.base import BaseTestCase, make_contact, make_youth

# The last completed year: what the scenario compares with (two years back too).
LAST = timezone.localdate().year - 1


def set_population(code: str, total: int, young: int) -> Municipality:
    municipality = Municipality.objects.get(code=code)
    municipality.population_total = total
    municipality.population_12_25 = young
    municipality.population_year = LAST
    municipality.save()
    return municipality


class ScenarioTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.ballerup = set_population("151", 52_000, 10_000)
        cls.copenhagen = set_population("101", 650_000, 20_000)
        cls.ishoj = set_population("183", 24_000, 4_000)
        cls.greve = set_population("253", 50_000, 8_000)
        day = dt.date(LAST, 3, 4)
        # Site A (Ballerup, 10,000 aged 12-25): 10 young people the year before, 30 last year.
        for _n in range(10):
            make_contact(cls.site_a, make_youth(cls.site_a), day.replace(year=LAST - 1))
        for _n in range(30):
            make_contact(cls.site_a, make_youth(cls.site_a), day)
        # Site B (København, 20,000): 20 young people with two conversations each last year;
        # 6 of them live in Ishøj.
        for number in range(20):
            youth = make_youth(cls.site_b, residence_municipality=cls.ishoj if number < 6 else None)
            make_contact(cls.site_b, youth, day)
            make_contact(cls.site_b, youth, day + dt.timedelta(days=7))
