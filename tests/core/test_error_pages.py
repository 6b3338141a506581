from django.http import HttpResponse
from django.test import TestCase, override_settings
from django.urls import path

from frirum.urls import urlpatterns as frirum_urls


def boom(request):
    raise RuntimeError("a bug")


def guarded(request):
    return HttpResponse("ok") if request.method == "GET" else HttpResponse("posted")


urlpatterns = [path("boom/", boom), path("form/", guarded), *frirum_urls]
handler400 = "frirum.core.errors.bad_request"
handler403 = "frirum.core.errors.permission_denied"
handler404 = "frirum.core.errors.page_not_found"
handler500 = "frirum.core.errors.server_error"


@override_settings(DEBUG=False, ROOT_URLCONF="tests.core.test_error_pages")
class ErrorPagesTestCase(TestCase):
    def setUp(self):
        self.client.raise_request_exception = False

    def test_it_answers_a_server_error_with_its_own_page_in_danish(self):
        response = self.client.get("/boom/")
        self.assertEqual(response.status_code, 500)
        self.assertContains(response, "Der gik noget galt", status_code=500)
        self.assertNotContains(response, "a bug", status_code=500)
        self.assertNotContains(response, "Server Error", status_code=500)

    def test_it_answers_in_english_when_asked(self):
        response = self.client.get("/findes-ikke/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "Page not found", status_code=404)

    def test_it_answers_a_missing_page_in_danish(self):
        response = self.client.get("/findes-ikke/")
        self.assertContains(response, "Siden findes ikke", status_code=404)
        self.assertContains(response, "dkfds", status_code=404)  # the design system

    def test_it_answers_a_bad_host_with_400(self):
        response = self.client.get("/", HTTP_HOST="evil.example")
        self.assertContains(response, "Forkert forespørgsel", status_code=400)

    def test_it_answers_a_csrf_failure_with_its_own_page(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        response = client.post("/login/", {"username": "a@example.org", "password": "x"})
        self.assertContains(response, "Formularen er udløbet", status_code=403)
        self.assertNotContains(response, "CSRF verification failed", status_code=403)

    def test_it_renders_the_error_page_without_the_database(self):
        with self.assertNumQueries(0):
            response = self.client.get("/boom/")
        self.assertEqual(response.status_code, 500)
