"""The read-only HSDS API: published entries only, paged, valid HSDS, and fuzzed from its
own OpenAPI description (schemathesis) without a 500."""

import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from frirum.directory.hsds_schema import validate
from frirum.directory.openapi import OPENAPI
from tests.base import BaseTestCase
from tests.directory.factories import make_service

SCHEMA = schemathesis.openapi.from_dict(OPENAPI)
APP = WSGIHandler()


class ApiTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.published = make_service("Published SSP", municipalities=[cls.ballerup])
        cls.hidden = make_service("Draft PPR", is_published=False)

    def test_it_lists_only_published_services_as_valid_hsds(self):
        data = self.client.get("/api/hsds/services").json()
        self.assertEqual([s["name"] for s in data["contents"]], ["Published SSP"])
        self.assertEqual(data["total_items"], 1)
        self.assertEqual(validate("service", data["contents"][0], file="api", line=None), [])

    def test_it_hides_an_unpublished_service(self):
        response = self.client.get(f"/api/hsds/services/{self.hidden.uid}")
        self.assertEqual(response.status_code, 404)
        response = self.client.get(f"/api/hsds/services/{self.published.uid}")
        self.assertEqual(response.json()["id"], str(self.published.uid))

    def test_it_pages(self):
        for n in range(5):
            make_service(f"Bulk {n}")
        data = self.client.get("/api/hsds/services", {"per_page": 2, "page": 3}).json()
        self.assertEqual((data["size"], data["total_pages"], data["last_page"]), (2, 3, True))
        beyond = self.client.get("/api/hsds/services", {"per_page": 2, "page": 9}).json()
        self.assertEqual(beyond["contents"], [])

    def test_it_refuses_bad_paging_with_a_400(self):
        for params in ({"page": "0"}, {"per_page": "201"}, {"page": "x"}, {"page": "9" * 40}):
            response = self.client.get("/api/hsds/taxonomy_terms", params)
            self.assertEqual(response.status_code, 400)
            self.assertIn("error", response.json())

    def test_it_lists_taxonomy_terms_as_valid_hsds(self):
        data = self.client.get("/api/hsds/taxonomy_terms", {"per_page": 200}).json()
        codes = {(t["taxonomy"], t["code"]) for t in data["contents"]}
        self.assertIn(("frirum-destination", "municipal"), codes)
        for term in data["contents"]:
            self.assertEqual(validate("taxonomy_term", term, file="api", line=None), [])

    def test_it_answers_get_only(self):
        self.assertEqual(self.client.post("/api/hsds/services").status_code, 405)

    def test_it_publishes_its_openapi_description(self):
        self.assertEqual(self.client.get(reverse("directory:api_openapi")).json(), OPENAPI)

    def test_it_never_answers_500_to_schemathesis(self):
        # As Django's test client does: the WSGI handler must not close the test's
        # connection (on PostgreSQL it is inside the test's transaction).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        self.addCleanup(request_started.connect, close_old_connections)
        self.addCleanup(request_finished.connect, close_old_connections)
        statuses = set()
        for path in OPENAPI["paths"]:
            operation = SCHEMA[path]["GET"]

            @settings(
                max_examples=40,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
            )
            @given(case=operation.as_strategy())
            def check(case):
                response = case.call(app=APP, base_url="http://localhost")
                self.assertLess(response.status_code, 500, case.as_curl_command())
                case.validate_response(response)
                statuses.add(response.status_code)

            check()
        # The requests reached the views (not refused before them).
        self.assertIn(200, statuses)
