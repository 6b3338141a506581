import datetime as dt
import json
import math

from frirum.contacts.models import Contact
from frirum.questionnaires.outcomes import course_pairs, first_latest_pairs, outcome_summary
from tests.base import BaseTestCase, make_contact, make_youth
from tests.questionnaires.factories import answer, who5

D1, D2, D3 = dt.date(2025, 1, 10), dt.date(2025, 2, 10), dt.date(2025, 3, 10)


def efficacy(site, youth, date, value, **fields):
    contact = make_contact(site, youth, date, **fields)
    answer(contact, "self_efficacy", self_efficacy=value)
    return contact


class FirstLatestPairsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a = cls.site_a
        cls.youth1 = make_youth(a)
        efficacy(a, cls.youth1, D2, 2)
        efficacy(a, cls.youth1, D1, 4)
        efficacy(a, cls.youth1, D3, 1)
        # Same-day ties: first is the smallest code, latest the largest.
        cls.youth2 = make_youth(a)
        efficacy(a, cls.youth2, D1, 5, code="C-BBB")
        efficacy(a, cls.youth2, D1, 2, code="C-AAA")
        efficacy(a, cls.youth2, D2, 3, code="C-DDD")
        efficacy(a, cls.youth2, D2, 1, code="C-CCC")
        # A contact with only other answers does not count for self-efficacy.
        answer(make_contact(a, cls.youth2, D3), "helped", helped=4)
        cls.youth3 = make_youth(a)
        efficacy(a, cls.youth3, D1, 3)
        make_contact(a, cls.youth3, D2)
        cls.youth4 = make_youth(a)
        make_contact(a, cls.youth4, D1)
        # The same young person at another site is another course.
        efficacy(cls.satellite_a, cls.youth1, D1, 5)

    def pairs(self, **filters):
        rows = first_latest_pairs(
            contacts=Contact.objects.filter(**filters), instrument_code="self_efficacy"
        )
        return {(r["youth_id"], r["site_id"]): (r["n"], r["first"], r["latest"]) for r in rows}

    def test_it_pairs_earliest_and_latest_answered_contact(self):
        pairs = self.pairs(site=self.site_a)
        self.assertEqual(pairs[(self.youth1.pk, self.site_a.pk)], (3, 4, 1))

    def test_it_breaks_date_ties_by_contact_code(self):
        pairs = self.pairs(site=self.site_a)
        self.assertEqual(pairs[(self.youth2.pk, self.site_a.pk)], (4, 2, 3))

    def test_it_leaves_out_courses_with_one_answer(self):
        self.assertEqual(len(self.pairs(site=self.site_a)), 2)

    def test_it_counts_exclusions_with_reasons(self):
        result = course_pairs(
            contacts=Contact.objects.filter(site__in=[self.site_a, self.satellite_a]),
            instrument_code="self_efficacy",
        )
        self.assertEqual(result["courses"]["total"], 5)
        self.assertEqual(result["courses"]["included"], 2)
        self.assertEqual(
            result["courses"]["excluded"],
            {"one_answered_contact": 2, "incomplete_answers_only": 0, "no_answers": 1},
        )

    def test_it_respects_the_given_contacts(self):
        # Only January and February: youth1's latest is February's 2.
        pairs = self.pairs(site=self.site_a, date__lt=D3)
        self.assertEqual(pairs[(self.youth1.pk, self.site_a.pk)], (2, 4, 2))

    def test_it_is_empty_without_contacts(self):
        self.assertEqual(self.pairs(site=self.site_b), {})

    def test_it_uses_a_fixed_number_of_queries(self):
        with self.assertNumQueries(6):
            course_pairs(contacts=Contact.objects.all(), instrument_code="self_efficacy")
        for _ in range(5):
            youth = make_youth(self.site_b)
            efficacy(self.site_b, youth, D1, 4)
            efficacy(self.site_b, youth, D2, 2)
        with self.assertNumQueries(6):
            course_pairs(contacts=Contact.objects.all(), instrument_code="self_efficacy")

    def test_it_refuses_an_unknown_instrument(self):
        with self.assertRaises(LookupError):
            first_latest_pairs(contacts=Contact.objects.all(), instrument_code="nope")


class IncompleteAnswersTestCase(BaseTestCase):
    def test_it_ignores_incomplete_answers(self):
        youth = make_youth(self.site_a)
        who5(make_contact(self.site_a, youth, D1), 1, 2, 3, 4, 5)
        who5(make_contact(self.site_a, youth, D2), 5, 5, 5, 5, 5)
        # Four of five items: not a WHO-5 score.
        answer(make_contact(self.site_a, youth, D3), "who5", cheerful=0, calm=0, active=0, rested=0)
        other = make_youth(self.site_a)
        answer(make_contact(self.site_a, other, D1), "who5", cheerful=1)
        result = course_pairs(
            contacts=Contact.objects.filter(site=self.site_a), instrument_code="who5"
        )
        [pair] = result["pairs"]
        self.assertEqual((pair["n"], pair["first"], pair["latest"]), (2, 60, 100))
        self.assertEqual(pair["latest_date"], D2)
        self.assertEqual(result["courses"]["excluded"]["incomplete_answers_only"], 1)


class OutcomeSummaryTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # WHO-5 scores (raw x 4): A 40 -> 72, B 60 -> 64, C 80 -> 48.
        for first, latest in (
            ((2, 2, 2, 2, 2), (4, 4, 4, 3, 3)),
            ((3, 3, 3, 3, 3), (4, 3, 3, 3, 3)),
            ((4, 4, 4, 4, 4), (3, 3, 2, 2, 2)),
        ):
            youth = make_youth(cls.site_a)
            who5(make_contact(cls.site_a, youth, D1), *first)
            who5(make_contact(cls.site_a, youth, D2), *latest)

    def summary(self, **kwargs):
        return outcome_summary(
            contacts=Contact.objects.filter(site=self.site_a), instrument_code="who5", **kwargs
        )

    def test_it_computes_means_and_the_paired_effect_size(self):
        summary = self.summary()
        self.assertAlmostEqual(summary["mean"]["first"], 60)
        self.assertAlmostEqual(summary["mean"]["latest"], 184 / 3)
        self.assertAlmostEqual(summary["mean"]["change"], 4 / 3)
        # Differences 32, 4, -32: variance (2064 - 3 * (4/3)^2) / 2.
        sd = math.sqrt((2064 - 3 * (4 / 3) ** 2) / 2)
        self.assertAlmostEqual(summary["mean"]["change_sd"], sd)
        self.assertEqual(summary["effect_size"]["name"], "d_z")
        self.assertAlmostEqual(summary["effect_size"]["value"], (4 / 3) / sd)

    def test_it_counts_reliable_change(self):
        # Threshold 1.96 * sqrt(2) * 19.5 * sqrt(1 - 0.81) = 23.56: +32 and -32 are reliable.
        reliable = self.summary()["reliable_change"]
        self.assertAlmostEqual(reliable["threshold"], 1.96 * math.sqrt(2) * 19.5 * math.sqrt(0.19))
        self.assertEqual(
            (reliable["improved"], reliable["unchanged"], reliable["deteriorated"]), (1, 1, 1)
        )

    def test_it_counts_clinically_significant_change(self):
        clinical = self.summary()["clinical"]
        self.assertEqual(clinical["cutoff"], 50)
        self.assertEqual(clinical["in_clinical_range_first"], 1)
        self.assertEqual(clinical["in_clinical_range_latest"], 1)
        self.assertEqual(clinical["clinically_significant_improvement"], 1)

    def test_it_gives_category_shares_at_first_and_latest(self):
        categories = self.summary()["categories"]
        self.assertEqual(categories["first"]["counts"], {"poor": 1, "good": 2})
        self.assertEqual(categories["latest"]["counts"], {"good": 2, "poor": 1})
        self.assertAlmostEqual(categories["first"]["shares"]["poor"], 1 / 3)

    def test_it_flags_small_numbers_for_suppression(self):
        self.assertTrue(self.summary()["suppress"])
        self.assertFalse(self.summary(k=3)["suppress"])

    def test_it_names_the_versions_it_covers(self):
        self.assertEqual(self.summary()["versions"], [{"number": 1, "observations": 6}])

    def test_it_is_reproducible_and_serialisable(self):
        one, two = self.summary(seed=7), self.summary(seed=7)
        self.assertEqual(one["bootstrap"], two["bootstrap"])
        low, high = one["bootstrap"]["mean_change"]
        self.assertLessEqual(low, 4 / 3)
        self.assertGreaterEqual(high, 4 / 3)
        json.dumps(one)

    def test_it_has_no_reliable_change_where_the_instrument_defines_none(self):
        summary = outcome_summary(
            contacts=Contact.objects.filter(site=self.site_a), instrument_code="self_efficacy"
        )
        self.assertIsNone(summary["reliable_change"])
        self.assertIsNone(summary["clinical"])
        self.assertEqual(summary["courses"]["included"], 0)
        self.assertIsNone(summary["mean"]["change"])
        self.assertIsNone(summary["bootstrap"])
        json.dumps(summary)
