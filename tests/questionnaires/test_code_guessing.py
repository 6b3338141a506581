"""How hopeless guessing a questionnaire code is, computed from the real settings.

The bound (a union bound, so an overestimate):

    P(any live code guessed in a year) <= addresses * guesses per address per year
                                          * live codes at most / codes that pass the check

- Codes that pass the check: 31 ** 15 (15 random characters; the 16th is the check
  character, which a guesser computes too, so it adds nothing to the space).
- Guesses per address in a year: free ones plus paid ones.
  - Free: FRIRUM_QUESTIONNAIRE_CODE_ATTEMPTS in each clock hour, every hour of a leap year.
    Typos (wrong check character) are not guesses: they never reach the database.
  - Paid: past the free ones, a network is never locked out (that would lock out a school's
    pupils along with the attacker among them); each further guess needs a proof of work of
    FRIRUM_QUESTIONNAIRE_POW_BITS leading zero bits, 2 ** bits SHA-256 on average. The
    attacker is assumed to hash at ATTACKER_HASHES_PER_SECOND from every address, every
    second of the year: a GPU per address (1,000 GPUs in all, 10 ** 12 SHA-256 a second). An
    attacker who pools the hardware is the same sum, so where the hashing happens does not
    matter. Each hash is one try at one challenge; a solution is single-use.
- Live codes at most: 1,000. A code lives FRIRUM_QUESTIONNAIRE_CODE_HOURS (24) and only until
  it is answered; the whole Danish network has some 40,000 conversations a year, about 110 a
  day, so 1,000 live codes is nine days of codes for every conversation, none answered, all
  alive at once. (The earlier bound, free guesses only, allowed 1,000,000; proof of work
  trades that margin for never locking a school out.)
- Addresses: 1,000 (IPv6 counts per /64 network).

The phone's side: 2 ** 21 is about 2 million SHA-256, done by questionnaires/proof-of-work.js
while the code is typed (16 characters take longer), and only when the network has used up its
free guesses that hour; a class answering at once never gets near them.
"""

import math

from django.conf import settings
from django.test import SimpleTestCase, override_settings

from frirum.lib.codes import CODE_ALPHABET
from frirum.questionnaires import codes, proofofwork, ratelimit

ADDRESSES = 1_000
LIVE_CODES_AT_MOST = 1_000
HOURS_IN_A_YEAR = 366 * 24
SECONDS_IN_A_YEAR = HOURS_IN_A_YEAR * 3600
ATTACKER_HASHES_PER_SECOND = 1e9


def guesses_per_address_in_a_year(hashes_per_second: float = ATTACKER_HASHES_PER_SECOND) -> float:
    hours_per_window = ratelimit.WINDOW_SECONDS / 3600
    free = ratelimit.limit() * math.ceil(HOURS_IN_A_YEAR / hours_per_window)
    paid = hashes_per_second * SECONDS_IN_A_YEAR / 2 ** proofofwork.bits()
    return free + paid


def chance_of_guessing_in_a_year(hashes_per_second: float = ATTACKER_HASHES_PER_SECOND) -> float:
    space = len(CODE_ALPHABET) ** codes.RANDOM_LENGTH
    guesses = guesses_per_address_in_a_year(hashes_per_second)
    return ADDRESSES * guesses * LIVE_CODES_AT_MOST / space


class GuessingTestCase(SimpleTestCase):
    def test_it_keeps_a_years_guessing_from_1000_addresses_below_one_in_a_million(self):
        # free: 60 * 8784 = 527,040; paid: 1e9 * 31,622,400 / 2**21 = 1.508e10 per address;
        # 1000 * (527,040 + 1.508e10) * 1000 / 31**15 = 6.43e-7.
        self.assertEqual(settings.FRIRUM_QUESTIONNAIRE_CODE_ATTEMPTS, 60)
        self.assertEqual(settings.FRIRUM_QUESTIONNAIRE_POW_BITS, 21)
        self.assertLess(chance_of_guessing_in_a_year(), 1e-6)
        self.assertAlmostEqual(chance_of_guessing_in_a_year(), 6.43e-7, delta=0.01e-7)

    def test_it_leaves_the_free_guesses_a_small_part_of_the_bound(self):
        free_only = chance_of_guessing_in_a_year(hashes_per_second=0)
        self.assertAlmostEqual(free_only, 2.24e-11, delta=0.01e-11)

    def test_it_states_how_much_faster_hardware_the_bound_survives(self):
        # Up to 1.5e9 SHA-256 a second per address stays below one in a million; a top GPU at
        # 1e10 would need 25 bits (some 30 million hashes, too much for an old phone).
        self.assertLess(chance_of_guessing_in_a_year(1.5e9), 1e-6)
        self.assertGreater(chance_of_guessing_in_a_year(1e10), 1e-6)
        with override_settings(FRIRUM_QUESTIONNAIRE_POW_BITS=25):
            self.assertLess(chance_of_guessing_in_a_year(1e10), 1e-6)

    @override_settings(FRIRUM_QUESTIONNAIRE_CODE_ATTEMPTS=5_000_000)
    def test_it_would_notice_a_free_limit_that_breaks_the_bound(self):
        self.assertGreater(chance_of_guessing_in_a_year(), 1e-6)

    @override_settings(FRIRUM_QUESTIONNAIRE_POW_BITS=16)
    def test_it_would_notice_a_proof_of_work_too_easy_for_the_bound(self):
        self.assertGreater(chance_of_guessing_in_a_year(), 1e-6)
