"""The directory search's live results (htmx): a field's change fetches only the results;
without JavaScript the form still submits to the whole page; no inline script."""

from django.urls import reverse
from django.utils import timezone

from tests.base import BaseTestCase, term
from tests.directory.factories import make_service

HTMX = {"HTTP_HX_REQUEST": "true"}


class LiveSearchTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.anxiety = term("youth_theme", "anxiety")
        cls.found = make_service(
            "Angst SSP",
            themes=["anxiety"],
            municipalities=[cls.ballerup],
            anonymous_possible=True,
            verified_on=timezone.localdate(),
        )
        cls.named = make_service("Ikke anonym", maximum_age=17)

    def url(self, site="alpha"):
        return reverse("directory:search", args=[site])

    def test_it_answers_htmx_with_only_the_results(self):
        self.login(self.volunteer_a)
        response = self.client.get(self.url(), {"dir_anonymous": "on"}, **HTMX)
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, "directory/includes/search_results.html")
        self.assertTemplateNotUsed(response, "directory/search.html")
        self.assertContains(response, "Angst SSP")
        self.assertNotContains(response, "Ikke anonym")
        self.assertNotContains(response, "<html")
        self.assertIn("HX-Request", response["Vary"])

    def test_it_keeps_the_form_working_without_javascript(self):
        self.login(self.volunteer_a)
        response = self.client.get(self.url(), {"dir_age": "19"})
        self.assertTemplateUsed(response, "directory/search.html")
        self.assertContains(response, 'id="directory-results"')
        self.assertContains(response, f'hx-get="{self.url()}"')
        self.assertContains(response, "Angst SSP")
        self.assertNotContains(response, "Ikke anonym")
        self.assertNotContains(response, "<script>")

    def test_it_shows_bad_input_in_the_results_and_keeps_it_on_the_page(self):
        self.login(self.volunteer_a)
        response = self.client.get(self.url(), {"dir_age": "abc"}, **HTMX)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'href="#id_dir_age"')
        self.assertNotContains(response, "Angst SSP")
        response = self.client.get(self.url(), {"dir_age": "abc"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'value="abc"', status_code=400)

    def test_it_gives_the_whole_page_to_a_history_restore(self):
        self.login(self.volunteer_a)
        response = self.client.get(
            self.url(), {"dir_anonymous": "on"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX
        )
        self.assertTemplateUsed(response, "directory/search.html")

    def test_it_refuses_htmx_to_a_viewer_and_the_wrong_site(self):
        self.login(self.viewer_ballerup)
        self.assertEqual(self.client.get(self.url(), **HTMX).status_code, 404)
        self.login(self.volunteer_a)
        self.assertEqual(self.client.get(self.url("beta"), **HTMX).status_code, 404)

    def test_it_says_so_when_nothing_fits_and_lists_many(self):
        self.login(self.volunteer_a)
        response = self.client.get(
            self.url(), {"dir_municipality": self.aarhus.pk, "dir_anonymous": "on"}, **HTMX
        )
        self.assertEqual(response.context["hits"], [])
        for number in range(30):
            make_service(f"Tilbud {number:02}", anonymous_possible=True)
        response = self.client.get(self.url(), {"dir_anonymous": "on"}, **HTMX)
        self.assertEqual(len(response.context["hits"]), 20)
