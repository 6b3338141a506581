import math
import random

from django.test import SimpleTestCase, TestCase

from frirum.questionnaires import stats
from frirum.questionnaires.scoring import current_rules


class ScoringTestCase(TestCase):
    def test_it_scores_who5_as_the_published_percentage(self):
        rules = current_rules("who5")
        # Raw 21 of 25 -> 84 on the 0-100 scale (Topp et al. 2015).
        values = dict(zip(rules.item_codes, (5, 4, 4, 4, 4), strict=True))
        self.assertEqual(rules.score(values), 84)
        self.assertEqual(rules.category(84), "good")
        self.assertEqual(rules.category(28), "depression_screen")
        self.assertEqual(rules.category(48), "poor")
        self.assertTrue(rules.is_clinical(48))
        self.assertFalse(rules.is_clinical(52))
        self.assertEqual((rules.score_min, rules.score_max), (0, 100))

    def test_it_sums_the_loneliness_scale(self):
        rules = current_rules("loneliness3")
        self.assertEqual(rules.score({"lack_companionship": 3, "left_out": 2, "isolated": 1}), 6)
        self.assertTrue(rules.is_clinical(6))
        self.assertFalse(rules.is_clinical(5))
        self.assertEqual(rules.improvement(7, 4), 3)

    def test_it_bands_self_efficacy(self):
        rules = current_rules("self_efficacy")
        self.assertEqual(
            [rules.category(v) for v in range(1, 6)], ["high", "high", "middle", "low", "low"]
        )
        self.assertIsNone(rules.is_clinical(5))
        self.assertIsNone(rules.reliable_change_threshold)

    def test_it_totals_the_session_rating(self):
        rules = current_rules("session_rating")
        values = {"relationship": 9, "goals_topics": 9, "approach_method": 9, "overall": 8}
        self.assertEqual(rules.score(values), 35)
        self.assertTrue(rules.is_clinical(35))
        self.assertFalse(rules.is_clinical(36))

    def test_it_does_not_score_incomplete_answers(self):
        self.assertIsNone(current_rules("who5").score({"cheerful": 5}))

    def test_it_computes_the_reliable_change_index(self):
        rules = current_rules("who5")
        s_diff = math.sqrt(2) * 19.5 * math.sqrt(1 - 0.81)
        self.assertAlmostEqual(rules.reliable_change_index(40, 72), 32 / s_diff)
        self.assertAlmostEqual(rules.reliable_change_threshold, 23.56, places=2)


class StatsTestCase(SimpleTestCase):
    def test_it_computes_d_z_by_hand(self):
        # Differences 1, 2, 3: mean 2, SD 1 -> d_z 2.
        self.assertAlmostEqual(stats.cohens_d_z([1, 2, 3]), 2.0)
        self.assertIsNone(stats.cohens_d_z([2, 2, 2]))
        self.assertIsNone(stats.cohens_d_z([2]))

    def test_it_bootstraps_reproducibly(self):
        differences = [-2, -1, 0, 0, 1, 1, 2, 3, 3, 4]
        one = stats.bootstrap_paired(differences, seed=1)
        self.assertEqual(one, stats.bootstrap_paired(differences, seed=1))
        self.assertNotEqual(one, stats.bootstrap_paired(differences, seed=2))
        low, high = one["mean_change"]
        self.assertLess(low, 1.1)
        self.assertGreater(high, 1.1)

    def test_it_bootstraps_a_national_sample_quickly(self):
        rng = random.Random(3)
        differences = [rng.choice([-2, -1, 0, 0, 1, 1, 1, 2]) for _ in range(300_000)]
        result = stats.bootstrap_paired(differences)
        mean = stats.mean(differences)
        half_width = 1.96 * stats.sample_sd(differences) / math.sqrt(len(differences))
        low, high = result["mean_change"]
        # The percentile interval agrees with the normal one for a large sample.
        self.assertAlmostEqual(low, mean - half_width, delta=half_width * 0.15)
        self.assertAlmostEqual(high, mean + half_width, delta=half_width * 0.15)

    def test_it_draws_binomials_with_the_right_mean(self):
        rng = random.Random(5)
        for n, p in ((20, 0.3), (1000, 0.5), (100_000, 0.02), (50, 0.9)):
            draws = [stats._binomial(rng, n, p) for _ in range(4000)]
            self.assertAlmostEqual(
                stats.mean(draws), n * p, delta=4 * math.sqrt(n * p * (1 - p) / 4000) + 0.01
            )
            self.assertTrue(all(0 <= d <= n for d in draws))
