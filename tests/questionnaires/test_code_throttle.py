"""Wrong guesses cost only the network that made them; typos cost nothing."""

from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from frirum.questionnaires import codes, ratelimit
from frirum.questionnaires.actions import issue_feedback_code
from tests.base import BaseTestCase, make_contact

SCHOOL = "192.0.2.10"


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
