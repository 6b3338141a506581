"""Wrong guesses cost only the network that made them, and never lock it out; typos cost
nothing. Past a network's free guesses every code needs a proof of work (proofofwork)."""

import re
from unittest import mock

from django.core.cache import cache
from django.test import RequestFactory, override_settings
from django.urls import reverse

from frirum.questionnaires import codes, proofofwork, ratelimit
from frirum.questionnaires.actions import issue_feedback_code
from tests.base import BaseTestCase, make_contact

SCHOOL = "192.0.2.10"
# Tests solve challenges in Python: a small difficulty keeps them fast; the real one is
# checked in test_code_guessing.py and solved by the browser in tests/browser.
EASY = override_settings(FRIRUM_QUESTIONNAIRE_POW_BITS=6)


def use_up_free_guesses(address: str) -> None:
    request = RequestFactory().post("/q/", REMOTE_ADDR=address)
    while ratelimit.claim(request) is not None:
        pass


def challenge_in(response) -> str:
    match = re.search(r'name="pow_challenge" value="([^"]+)"', response.content.decode())
    assert match, "no challenge on the page"
    return match.group(1)


def with_work(client, start: str, code: str):
    """What the browser does: load the page, solve its challenge, post the code with it."""
    challenge = challenge_in(client.get(start))
    nonce = proofofwork.solve(challenge)
    return client.post(start, {"code": code, "pow_challenge": challenge, "pow_nonce": nonce})


def typo_of(code: str) -> str:
    """The code with one character mistyped: the check character catches it."""
    wrong = "2" if code[5] != "2" else "3"
    return code[:5] + wrong + code[6:]


class SchoolClassTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.codes = [
            issue_feedback_code(contact=make_contact(cls.site_a), actor=None)[1] for _ in range(30)
        ]

    def setUp(self):
        cache.clear()
        self.start = reverse("questionnaires:start")

    def test_it_lets_30_pupils_behind_one_address_in_despite_their_typos(self):
        pupils = [self.client_class(REMOTE_ADDR=SCHOOL) for _ in self.codes]
        # Everyone mistypes twice and one in three copies another pupil's slip wrongly
        # enough to pass the check (a guess that costs): all at once, interleaved.
        for _round in range(2):
            for pupil, code in zip(pupils, self.codes, strict=True):
                response = pupil.post(self.start, {"code": typo_of(code)})
                self.assertContains(response, "tastefejl")
        for pupil in pupils[::3]:
            pupil.post(self.start, {"code": codes.new_code()})
        for pupil, code in zip(pupils, self.codes, strict=True):
            response = pupil.post(self.start, {"code": codes.display(code)})
            self.assertRedirects(response, reverse("questionnaires:answer"))

    def test_it_never_refuses_a_valid_code_for_another_networks_guesses(self):
        for _guess in range(ratelimit.limit() + 3):
            self.client_class(REMOTE_ADDR="203.0.113.66").post(
                self.start, {"code": codes.new_code()}
            )
        pupil = self.client_class(REMOTE_ADDR=SCHOOL)
        self.assertRedirects(
            pupil.post(self.start, {"code": self.codes[0]}), reverse("questionnaires:answer")
        )

    def test_it_gives_a_guess_back_for_a_code_that_exists(self):
        for code in self.codes:
            self.client_class(REMOTE_ADDR=SCHOOL).post(self.start, {"code": code})
        request = RequestFactory().post(self.start, REMOTE_ADDR=SCHOOL)
        claimed = [ratelimit.claim(request) for _ in range(ratelimit.limit())]
        self.assertNotIn(None, claimed)
        self.assertIsNone(ratelimit.claim(request))


class ClaimTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()

    def request(self, address: str):
        return RequestFactory().post("/q/", REMOTE_ADDR=address)

    def test_it_claims_at_most_the_limit_in_an_hour(self):
        request = self.request("198.51.100.1")
        now = 1_800_000_000.0
        slots = {ratelimit.claim(request, now=now) for _ in range(ratelimit.limit())}
        self.assertEqual(len(slots), ratelimit.limit())
        self.assertIsNone(ratelimit.claim(request, now=now + 10))
        # The next clock hour starts afresh.
        self.assertIsNotNone(ratelimit.claim(request, now=now + ratelimit.seconds_left(now)))

    def test_it_counts_an_ipv6_network_as_one_address(self):
        for n in range(ratelimit.limit()):
            self.assertIsNotNone(ratelimit.claim(self.request(f"2001:db8:1:2::{n + 1:x}")))
        self.assertIsNone(ratelimit.claim(self.request("2001:db8:1:2:ffff::1")))
        self.assertIsNotNone(ratelimit.claim(self.request("2001:db8:1:3::1")))

    def test_it_counts_clients_behind_a_reverse_proxy_apart(self):
        def via_proxy(forwarded: str):
            return RequestFactory().post(
                "/q/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
            )

        with self.settings(FRIRUM_PROXY_COUNT=1):
            for _ in range(ratelimit.limit()):
                self.assertIsNotNone(ratelimit.claim(via_proxy("203.0.113.5")))
            self.assertIsNone(ratelimit.claim(via_proxy("203.0.113.5")))
            # A forged entry further left does not make a new client.
            self.assertIsNone(ratelimit.claim(via_proxy("198.51.100.99, 203.0.113.5")))
            self.assertIsNotNone(ratelimit.claim(via_proxy("203.0.113.6")))
        # Without the setting the header is not believed at all.
        self.assertEqual(ratelimit.client_address(via_proxy("203.0.113.5")), "10.0.0.2")

    def test_it_keeps_no_address_in_the_cache_key(self):
        slot = ratelimit.claim(self.request("198.51.100.23"))
        self.assertNotIn("198.51.100.23", slot)


@EASY
class PastTheFreeGuessesTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.codes = [
            issue_feedback_code(contact=make_contact(cls.site_a), actor=None)[1] for _ in range(30)
        ]

    def setUp(self):
        cache.clear()
        self.start = reverse("questionnaires:start")

    def test_it_asks_for_no_work_while_free_guesses_are_left(self):
        response = self.client_class(REMOTE_ADDR=SCHOOL).get(self.start)
        self.assertNotContains(response, "pow_challenge")
        self.assertNotContains(response, "proof-of-work.js")

    def test_it_never_refuses_a_valid_code_with_work_after_an_attackers_1000_guesses(self):
        attacker = self.client_class(REMOTE_ADDR=SCHOOL)
        for guess in range(1000):
            # The attacker pays for some of the guesses; the others are not even checked.
            if guess % 100 == 99:
                response = with_work(attacker, self.start, codes.new_code())
                self.assertContains(response, "Vi kunne ikke finde den kode")
            else:
                response = attacker.post(self.start, {"code": codes.new_code()})
            self.assertEqual(response.status_code, 200)
        self.assertTrue(ratelimit.is_exhausted(RequestFactory().post("/", REMOTE_ADDR=SCHOOL)))
        pupil = self.client_class(REMOTE_ADDR=SCHOOL)
        response = with_work(pupil, self.start, codes.display(self.codes[0]))
        self.assertRedirects(response, reverse("questionnaires:answer"))

    def test_it_lets_30_pupils_in_at_once_with_work_on_an_attacked_network(self):
        use_up_free_guesses(SCHOOL)
        pupils = [self.client_class(REMOTE_ADDR=SCHOOL) for _ in self.codes]
        pages = [challenge_in(pupil.get(self.start)) for pupil in pupils]
        self.assertEqual(len(set(pages)), 30)
        for pupil, code, challenge in zip(pupils, self.codes, pages, strict=True):
            response = pupil.post(
                self.start,
                {
                    "code": code,
                    "pow_challenge": challenge,
                    "pow_nonce": proofofwork.solve(challenge),
                },
            )
            self.assertRedirects(response, reverse("questionnaires:answer"))

    def test_it_does_not_even_look_up_a_code_without_work_past_the_free_guesses(self):
        use_up_free_guesses(SCHOOL)
        pupil = self.client_class(REMOTE_ADDR=SCHOOL)
        with mock.patch("frirum.questionnaires.views.get_feedback_code_for_youth") as lookup:
            response = pupil.post(self.start, {"code": self.codes[0]})
            lookup.assert_not_called()
        # The form again, calm, the code kept, with a challenge the page solves and resends.
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "mange forsøg med koder fra dit netværk")
        self.assertContains(response, self.codes[0])
        self.assertContains(response, "data-pow-resubmit")
        self.assertContains(response, "<noscript>")
        challenge = challenge_in(response)
        response = pupil.post(
            self.start,
            {
                "code": self.codes[0],
                "pow_challenge": challenge,
                "pow_nonce": proofofwork.solve(challenge),
            },
        )
        self.assertRedirects(response, reverse("questionnaires:answer"))

    def test_it_refuses_a_replayed_forged_expired_or_wrong_proof_of_work(self):
        use_up_free_guesses(SCHOOL)
        pupil = self.client_class(REMOTE_ADDR=SCHOOL)
        challenge = challenge_in(pupil.get(self.start))
        nonce = proofofwork.solve(challenge)
        # Spent by a wrong guess, the same solution does not open a valid code.
        response = pupil.post(
            self.start,
            {"code": codes.new_code(), "pow_challenge": challenge, "pow_nonce": nonce},
        )
        self.assertContains(response, "Vi kunne ikke finde den kode")
        expires, bits, ident, signature = challenge.split(".")
        forged = f"{int(expires) + 3600}.{bits}.{ident}.{signature}"
        easier = proofofwork.issue().replace(".6.", ".1.", 1)
        attempts = [
            (challenge, nonce),  # replayed
            (forged, proofofwork.solve(forged)),  # signature no longer fits
            (easier, proofofwork.solve(easier)),
            (challenge_in(pupil.get(self.start)), "not-a-number"),
            ("", ""),
            ("1.2.3", "4"),
        ]
        with mock.patch("frirum.questionnaires.views.get_feedback_code_for_youth") as lookup:
            for bad_challenge, bad_nonce in attempts:
                response = pupil.post(
                    self.start,
                    {"code": self.codes[0], "pow_challenge": bad_challenge, "pow_nonce": bad_nonce},
                )
                self.assertContains(response, "mange forsøg med koder")
            lookup.assert_not_called()

    def test_it_keeps_the_code_out_of_the_challenge_and_the_cache(self):
        use_up_free_guesses(SCHOOL)
        pupil = self.client_class(REMOTE_ADDR=SCHOOL)
        response = with_work(pupil, self.start, self.codes[0])
        self.assertEqual(response.status_code, 302)
        self.assertNotIn(self.codes[0], response["Location"])


@EASY
class RedeemTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()

    def test_it_redeems_a_solution_once(self):
        challenge = proofofwork.issue()
        nonce = str(proofofwork.solve(challenge))
        self.assertTrue(proofofwork.redeem(challenge, nonce))
        self.assertFalse(proofofwork.redeem(challenge, nonce))

    def test_it_refuses_an_expired_challenge(self):
        challenge = proofofwork.issue(now=1_800_000_000.0)
        nonce = str(proofofwork.solve(challenge))
        later = 1_800_000_000.0 + proofofwork.lifetime() + 1
        self.assertFalse(proofofwork.redeem(challenge, nonce, now=later))
        self.assertTrue(proofofwork.redeem(challenge, nonce, now=later - 2))

    def test_it_refuses_a_challenge_easier_than_the_setting(self):
        challenge = proofofwork.issue()
        nonce = str(proofofwork.solve(challenge))
        with self.settings(FRIRUM_QUESTIONNAIRE_POW_BITS=12):
            self.assertFalse(proofofwork.redeem(challenge, nonce))

    def test_it_refuses_a_nonce_that_does_not_solve_it(self):
        challenge = proofofwork.issue()
        nonce = proofofwork.solve(challenge)
        wrong = next(
            n
            for n in range(nonce + 1, nonce + 10_000)
            if not proofofwork._has_leading_zero_bits(proofofwork._digest(challenge, n), 6)
        )
        self.assertFalse(proofofwork.redeem(challenge, str(wrong)))
        for junk in ["", "-1", "1e3", str(2**64), "٣", "9" * 30]:
            self.assertFalse(proofofwork.redeem(challenge, junk))

    def test_it_refuses_junk_challenges(self):
        for junk in ["", "a.b.c.d", "1.2.3.4.5", "ø.6.x.y", "9" * 40 + ".6.x.y"]:
            self.assertFalse(proofofwork.redeem(junk, "1"))
