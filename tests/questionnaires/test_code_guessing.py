"""How hopeless guessing a questionnaire code is, computed from the real settings.

The bound (a union bound, so an overestimate):

    P(any live code guessed in a year) <= addresses * guesses per address per year
                                          * live codes at most / codes that pass the check

- Codes that pass the check: 31 ** 15 (15 random characters; the 16th is the check
  character, which a guesser computes too, so it adds nothing to the space).
- Live codes at most: 1,000,000, a whole year of conversations of a network several times
  Denmark's, all alive at once. Really only the last FRIRUM_QUESTIONNAIRE_CODE_HOURS' unused
  codes are alive: a few hundred.
- Guesses per address: FRIRUM_QUESTIONNAIRE_CODE_ATTEMPTS in each clock hour, every hour of a
  leap year. Typos (wrong check character) are not guesses: they never reach the database.
- Addresses: 1,000 (IPv6 counts per /64 network, so a /48 of 65,536 networks is 65 times
  that; the margin below covers it too).
"""

import math

from django.conf import settings
from django.test import SimpleTestCase, override_settings

from frirum.lib.codes import CODE_ALPHABET
from frirum.questionnaires import codes, ratelimit

ADDRESSES = 1_000
LIVE_CODES_AT_MOST = 1_000_000
HOURS_IN_A_YEAR = 366 * 24


def chance_of_guessing_in_a_year() -> float:
    space = len(CODE_ALPHABET) ** codes.RANDOM_LENGTH
    hours_per_window = ratelimit.WINDOW_SECONDS / 3600
    guesses_per_address = ratelimit.limit() * math.ceil(HOURS_IN_A_YEAR / hours_per_window)
    return ADDRESSES * guesses_per_address * LIVE_CODES_AT_MOST / space


class GuessingTestCase(SimpleTestCase):
    def test_it_keeps_a_years_guessing_from_1000_addresses_below_one_in_a_million(self):
        # 1000 * 60 * 8784 * 1e6 / 31**15 = 2.2e-8
        self.assertEqual(settings.FRIRUM_QUESTIONNAIRE_CODE_ATTEMPTS, 60)
        self.assertLess(chance_of_guessing_in_a_year(), 1e-6)
        self.assertAlmostEqual(chance_of_guessing_in_a_year(), 2.24e-8, delta=0.01e-8)

    @override_settings(FRIRUM_QUESTIONNAIRE_CODE_ATTEMPTS=5000)
    def test_it_would_notice_a_limit_that_breaks_the_bound(self):
        self.assertGreater(chance_of_guessing_in_a_year(), 1e-6)
