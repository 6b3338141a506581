"""The conversation list, the young-person list and a course are served from the site's
cache (frirum/audit/fragments.py) until something changes at the site."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from frirum.contacts.actions import delete_contact
from frirum.people.actions import update_youth
from tests.base import BaseTestCase, make_contact, make_youth
from tests.contacts.factories import contact_post


class PageCacheTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.fox = make_youth(self.site_a, nickname="Ræven")
        self.contact = make_contact(self.site_a, self.fox, counsellors=[self.volunteer_a])
        self.login(self.volunteer_a)
        self.pages = ["/s/alpha/contacts/", "/s/alpha/youth/", f"/s/alpha/youth/{self.fox.code}/"]

    def queries_for(self, url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(ctx.captured_queries)

    def register(self, **overrides):
        data = contact_post(
            self.site_a, counsellors=[str(self.volunteer_a.pk)], date="2025-03-05", **overrides
        )
        response = self.client.post("/s/alpha/contacts/new/", data)
        self.assertEqual(response.status_code, 302, response.content[:2000])

    def test_it_serves_the_second_view_from_the_cache(self):
        for url in self.pages:
            with self.subTest(url=url):
                first = self.queries_for(url)
                self.assertLess(self.queries_for(url), first)
                self.assertContains(self.client.get(url), "Ræven")

    def test_it_shows_a_registration_at_once(self):
        for url in self.pages:
            self.client.get(url)
        self.register(youth_mode="existing", youth=self.fox.code)
        self.register(new_nickname="Uglen")
        self.assertContains(self.client.get("/s/alpha/contacts/"), "Uglen")
        self.assertContains(self.client.get("/s/alpha/youth/"), "Uglen")
        course = self.client.get(f"/s/alpha/youth/{self.fox.code}/")
        self.assertContains(course, "2 samtaler")

    def test_it_shows_a_deletion_at_once(self):
        self.assertContains(self.client.get("/s/alpha/contacts/"), self.contact.code)
        delete_contact(actor=self.chief_a, contact=self.contact)
        self.assertNotContains(self.client.get("/s/alpha/contacts/"), self.contact.code)

    def test_it_shows_a_changed_nickname_at_once(self):
        for url in self.pages:
            self.client.get(url)
        update_youth(
            actor=self.volunteer_a, youth=self.fox, site=self.site_a, nickname="Uglen",
            gender=self.fox.gender, residence_municipality=None,
        )  # fmt: skip
        for url in self.pages:
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), "Uglen")

    def test_it_keeps_pages_and_filters_apart(self):
        make_contact(self.site_a, make_youth(self.site_a, nickname="Uglen"), channel="phone")
        self.assertContains(self.client.get("/s/alpha/contacts/"), "Uglen")
        filtered = self.client.get("/s/alpha/contacts/?channel=in_person")
        self.assertNotContains(filtered, "Uglen")
        self.assertContains(self.client.get("/s/alpha/youth/?q=ræv"), "Ræven")
        self.assertNotContains(self.client.get("/s/alpha/youth/?q=ræv"), "Uglen")
        other = make_youth(self.site_a, nickname="Grævlingen")
        make_contact(self.site_a, other)
        self.assertNotContains(self.client.get(f"/s/alpha/youth/{other.code}/"), "Ræven")

    def test_it_keeps_sites_apart(self):
        for url in self.pages:
            self.client.get(url)
        self.login(self.volunteer_b)
        for url in self.pages:
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertNotContains(self.client.get("/s/beta/contacts/"), "Ræven")

    def test_it_keeps_languages_apart(self):
        self.assertContains(self.client.get("/s/alpha/youth/"), "Seneste")
        self.client.cookies.load({"django_language": "en"})
        self.assertContains(self.client.get("/s/alpha/youth/"), "Latest")

    def test_it_keeps_the_users_own_buttons_out_of_the_cache(self):
        url = f"/s/alpha/youth/{self.fox.code}/"
        delete = f"/s/alpha/youth/{self.fox.code}/delete/"
        self.login(self.chief_a)
        self.assertContains(self.client.get(url), delete)
        self.login(self.volunteer_a)
        self.assertNotContains(self.client.get(url), delete)

    def test_it_renders_every_time_when_turned_off(self):
        with override_settings(FRIRUM_SITE_CACHE_SECONDS=0):
            for url in self.pages:
                with self.subTest(url=url):
                    self.assertEqual(self.queries_for(url), self.queries_for(url))

    def test_it_shows_the_filters_as_typed_and_their_errors_from_the_cache(self):
        url = "/s/alpha/contacts/?date_from=2025-02-01&date_to=2025-01-01"
        for _ in range(2):
            r = self.client.get(url)
            self.assertContains(r, 'value="2025-02-01"')
            self.assertContains(r, "Slutdatoen ligger før startdatoen")
