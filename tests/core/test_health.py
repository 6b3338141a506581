from unittest import mock

from django.test import TestCase, override_settings


class HealthTestCase(TestCase):
    def test_it_says_the_process_is_alive_without_touching_the_database(self):
        with self.assertNumQueries(0):
            response = self.client.get("/healthz")
        self.assertEqual(response.json(), {"status": "ok"})
        self.assertIn("no-cache", response["Cache-Control"])

    def test_it_is_ready_with_the_database_migrated_and_the_cache_working(self):
        response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(body["status"], "ready")
        self.assertTrue(body["checks"]["database"]["ok"])
        self.assertTrue(body["checks"]["cache"]["ok"])

    def test_it_is_not_ready_with_migrations_missing(self):
        plan = "django.db.migrations.executor.MigrationExecutor.migration_plan"
        with mock.patch(plan, return_value=[("app", False)]):
            response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json()["checks"]["database"]["unapplied"], 1)

    def test_it_is_not_ready_when_the_cache_is_down(self):
        with mock.patch("django.core.cache.cache.set", side_effect=ConnectionError("down")):
            response = self.client.get("/readyz")
        self.assertEqual(response.status_code, 503)
        self.assertEqual(
            response.json()["checks"]["cache"],
            {"ok": False, "error": "ConnectionError", "backend": "memory"},
        )

    @override_settings(ALLOWED_HOSTS=["frirum.example"], SECURE_SSL_REDIRECT=True)
    def test_it_answers_probes_by_address_over_plain_http(self):
        # Load balancers probe by IP over HTTP: no host check, no redirect to HTTPS.
        self.assertEqual(self.client.get("/healthz", HTTP_HOST="10.0.0.5").status_code, 200)
        self.assertEqual(self.client.get("/readyz", HTTP_HOST="10.0.0.5").status_code, 200)
        self.assertEqual(self.client.get("/", HTTP_HOST="10.0.0.5").status_code, 400)

    def test_it_refuses_a_post(self):
        self.assertEqual(self.client.post("/healthz").status_code, 405)
