"""The error summary every form page shows: each error named and linked to its control,
"Fejl:" first in the title, and the design system's classes on the controls themselves."""

from frirum.people.models import Youth
from tests.base import BaseTestCase, make_youth
from tests.contacts.factories import contact_post


class ErrorSummaryTestCase(BaseTestCase):
    def setUp(self):
        self.login(self.volunteer_a)
        self.url = f"/s/{self.site_a.code}/contacts/new/"

    def post(self, **overrides):
        overrides.setdefault("counsellors", [str(self.volunteer_a.pk)])
        return self.client.post(self.url, contact_post(self.site_a, **overrides))

    def test_it_has_no_summary_and_a_plain_title_before_anything_is_sent(self):
        response = self.client.get(self.url)
        self.assertNotContains(response, "data-frirum-error-summary")
        self.assertNotContains(response, "<title>Fejl:")

    def test_it_names_and_links_each_error_and_prefixes_the_title(self):
        response = self.post(note="ring 12345678", age="200")
        self.assertEqual(response.status_code, 400)
        for text in (
            "<title>Fejl: Registrér samtale",
            "data-frirum-error-summary",
            "Der er 2 problemer",
            '<a href="#id_note">Note:',
            '<a href="#id_age">Alder:',
        ):
            self.assertContains(response, text, status_code=400)

    def test_it_links_a_choice_to_its_first_option_and_the_chosen_youth_to_the_search(self):
        response = self.post(youth_mode="", youth="", new_nickname="")
        self.assertContains(response, 'href="#id_youth_mode_0"', status_code=400)
        response = self.post(youth_mode="existing", youth="U-NOPE-NOPE")
        self.assertContains(response, 'href="#youth_q"', status_code=400)

    def test_it_says_there_is_one_problem(self):
        response = self.post(note="ring 12345678")
        self.assertContains(response, "Der er et problem", status_code=400)

    def test_it_gives_the_controls_the_design_systems_classes(self):
        response = self.client.get(self.url)
        self.assertContains(response, 'class="form-checkbox" id="id_themes_0"')
        self.assertContains(response, 'class="form-radio" required id="id_kind_0"')
        self.assertContains(response, '<select name="site" class="form-select"')
        self.assertContains(response, '<textarea name="note" class="form-input"')

    def test_it_keeps_the_search_out_of_the_registration_form(self):
        # Enter in any field of the registration submits with its save button: the search
        # and its button belong to a form of their own.
        response = self.client.get(self.url)
        self.assertContains(response, 'form="youth-search-form"', count=2)
        self.assertNotContains(response, 'value="search"')

    def test_it_searches_with_a_get_and_opens_the_known_young_person_part(self):
        make_youth(self.site_a, nickname="Ræven")
        response = self.client.get(self.url, {"youth_q": "ræv"})
        self.assertContains(response, "Ræven")
        self.assertEqual(response.context["form"].initial["youth_mode"], "existing")
        self.assertEqual(Youth.objects.count(), 1)
