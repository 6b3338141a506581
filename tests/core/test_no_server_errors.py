"""No 500 from bad input (issue 9, point 5): every URL of frirum.urls, as a chief, a
volunteer, a Family counsellor, the secretariat, a municipality viewer and nobody, with ids
that cannot exist, malformed query parameters and malformed values in every field of every
form the pages render. Any status 500 fails; what a user gets instead (a form error, 400,
403, 404) is each view's own business and tested there.

Bounded to run in well under a minute on SQLite: the sweeps are deterministic, the
property tests draw a fixed number of examples with a fixed seed (derandomize)."""

import re
from urllib.parse import urlsplit

from django.db import transaction
from django.test import Client
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from tests.base import BaseTestCase
from tests.core.walker import build_dataset, discover_forms, url_names, urls_for

HUGE = "99999999999999999999999"
LATER_FORMSET_ROW = re.compile(r"-[1-9][0-9]*-")
# Values a form or a query string should refuse politely; each once broke something somewhere.
NASTY = [
    HUGE,
    "-" + HUGE,
    "9223372036854775808",
    "2147483648",
    "-1",
    "0",
    "",
    " ",
    "abc",
    "1.5",
    "1e5",
    "NaN",
    "0x10",
    "٣",
    "10000",
    "9999-12-31",
    "2025-02-30",
    "0000-00-00",
    "31.12.2025",
    "25:61",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%",
    "x" * 3000,
    "new",
    "unnamed",
    "\x00",
]
QUERY_PARAMS = [
    "page",
    "year",
    "k",
    "lang",
    "q",
    "youth",
    "youth_q",
    "group",
    "relatives",
    "family_group",
    "add_group",
    "relative_q",
    "action",
    "next",
    "municipality",
]
malformed = st.one_of(
    st.sampled_from(NASTY),
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.text(max_size=12),
)
values = st.lists(malformed, min_size=0, max_size=3)
PROPERTY = settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
USERS = ("chief", "volunteer", "family", "secretariat", "viewer", "anonymous")


# Hypothesis's TestCase runs each example in its own transaction, on BaseTestCase's data.
class NoServerErrorTestCase(HypothesisTestCase, BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        dataset = build_dataset(cls)
        cls.real_urls, cls.malformed_urls = [], []
        for name in sorted(url_names()):
            real, bad = urls_for(dataset, name)
            cls.real_urls += real
            cls.malformed_urls += bad
        cls.unknown_names = sorted(url_names() - set(dataset.kwargs))
        cls.forms = []
        seen = set()
        # A volunteer's and a viewer's forms are a chief's or the secretariat's, fewer.
        for key in ("secretariat", "chief", "family", "anonymous"):
            client = cls.client_class(raise_request_exception=False)
            if cls.user(key) is not None:
                client.force_login(cls.user(key))
            for form in discover_forms(client, cls.real_urls):
                if not form.fields:
                    continue  # nothing to spoil (a search form whose box has no name yet)
                # The same form at another site or for another role is walked once.
                view = resolve(urlsplit(form.action).path).view_name
                identity = (view, form.method, tuple(sorted(form.fields)))
                if identity not in seen:
                    seen.add(identity)
                    cls.forms.append((key, form))

    @classmethod
    def user(cls, key):
        return {
            "chief": cls.chief_a,
            "volunteer": cls.volunteer_a,
            "family": cls.family_staff,
            "secretariat": cls.secretariat,
            "viewer": cls.viewer_ballerup,
            "anonymous": None,
        }[key]

    def setUp(self):
        self.clients = {}

    def setup_example(self):
        super().setup_example()
        # A login lives in a session row, which the previous example's rollback took away.
        self.clients = {}

    def client_for(self, key) -> Client:
        if key not in self.clients:
            client = Client(raise_request_exception=False)
            if self.user(key) is not None:
                client.force_login(self.user(key))
            self.clients[key] = client
        return self.clients[key]

    def status(self, key, method, url, data=None) -> int:
        # Each request is undone, so a delete or an import cannot starve the ones after it.
        client = self.client_for(key)  # outside the rollback, which would take its login
        with transaction.atomic():
            response = getattr(client, method)(url, data or {})
            transaction.set_rollback(True)
        if self.user(key) is not None and "_auth_user_id" not in client.session:
            del self.clients[key]  # logged out (the logout form): log in again next time
        return response.status_code

    def test_it_walks_every_url_of_the_project(self):
        self.assertEqual(self.unknown_names, [], "add the new URLs to tests/core/walker.py")
        self.assertGreater(len(self.real_urls), 60)
        post_forms = [f for _, f in self.forms if f.method == "post"]
        self.assertGreater(len(post_forms), 20)

    def test_it_answers_every_url_and_every_impossible_id_without_a_500(self):
        failures = []
        for key in USERS:
            for url in self.real_urls:
                if self.status(key, "get", url) == 500:
                    failures.append((key, "get", url))
        # Impossible ids and empty posts, as the users who reach the most records.
        for key in ("secretariat", "family"):
            for url in self.malformed_urls:
                if self.status(key, "get", url) == 500:
                    failures.append((key, "get", url))
            for url in self.real_urls:
                if self.status(key, "post", url) == 500:
                    failures.append((key, "post", url))
        self.assertEqual(failures, [])

    def test_it_refuses_a_malformed_value_in_any_field_of_any_form_without_a_500(self):
        """Each field spoilt in turn, the rest as the page filled them in: the bad value gets
        past the other fields' checks and reaches the deepest code it can."""
        failures = []
        for key, form in self.forms:
            baseline = form.filled()
            for name in form.fields:
                if name == "csrfmiddlewaretoken" or LATER_FORMSET_ROW.search(name):
                    continue  # a formset's later rows are checked like its first
                # A duplicated field (two huge ids in a multiple choice), and a missing one.
                for bad in ([HUGE, HUGE], []):
                    data = {**baseline, name: bad}
                    if self.status(key, form.method, form.action, data) == 500:
                        failures.append((key, form.method, form.action, name, bad))
        self.assertEqual(failures, [])

    @PROPERTY
    @given(data=st.data())
    def test_it_survives_any_malformed_query_string(self, data):
        key = data.draw(st.sampled_from(USERS), label="user")
        url = data.draw(st.sampled_from(self.real_urls), label="url")
        params = data.draw(st.dictionaries(st.sampled_from(QUERY_PARAMS), values, max_size=4))
        self.assertNotEqual(self.status(key, "get", url, params), 500, (key, url, params))

    @PROPERTY
    @given(data=st.data())
    def test_it_survives_any_malformed_form(self, data):
        key, form = data.draw(st.sampled_from(self.forms), label="form")
        names = sorted(form.fields)
        spoilt = data.draw(st.dictionaries(st.sampled_from(names), values, max_size=4))
        dropped = data.draw(st.sets(st.sampled_from(names), max_size=2))
        posted = {k: v for k, v in {**form.filled(), **spoilt}.items() if k not in dropped}
        status = self.status(key, form.method, form.action, posted)
        self.assertNotEqual(status, 500, (key, form.method, form.action, posted))
