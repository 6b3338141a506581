"""The dashboard's rendered part is cached per site and renewed by every change there."""

import datetime as dt
from unittest import mock

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frirum.contacts.actions import create_outreach, delete_contact
from frirum.people.actions import update_youth
from frirum.taxonomies.models import Term, Vocabulary
from tests.base import BaseTestCase, make_contact, make_youth

URL = "/s/alpha/dashboard/"


class DashboardCacheTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.today = timezone.localdate()
        self.fox = make_youth(self.site_a, nickname="Ræven")
        self.contact = make_contact(self.site_a, self.fox, date=self.today)
        self.login(self.volunteer_a)

    def queries_for(self, url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(ctx.captured_queries)

    def test_it_serves_the_second_view_from_the_cache(self):
        uncached = self.queries_for(URL)
        second = self.client.get(URL)
        self.assertNotIn("dash", second.context)
        self.assertContains(second, "Ræven")
        self.assertLess(self.queries_for(URL), uncached - 5)

    def test_it_shows_a_deletion_at_once(self):
        self.assertContains(self.client.get(URL), "Ræven")
        delete_contact(actor=self.chief_a, contact=self.contact)
        self.assertNotContains(self.client.get(URL), "Ræven")

    def test_it_shows_a_changed_nickname_at_once(self):
        self.assertContains(self.client.get(URL), "Ræven")
        update_youth(
            actor=self.volunteer_a,
            youth=self.fox,
            site=self.site_a,
            nickname="Uglen",
            gender=self.fox.gender,
            residence_municipality=None,
        )
        r = self.client.get(URL)
        self.assertContains(r, "Uglen")
        self.assertNotContains(r, "Ræven")

    def test_it_shows_outreach_at_once(self):
        self.assertEqual(self.client.get(URL).context["dash"].week_short_contacts, 0)
        create_outreach(
            actor=self.volunteer_a, site=self.site_a, date=self.today, kind="school",
            short_contacts=7,
        )  # fmt: skip
        self.assertEqual(self.client.get(URL).context["dash"].week_short_contacts, 7)

    def test_it_shows_a_change_made_in_the_admin_at_once(self):
        theme = Term.objects.filter(vocabulary=Vocabulary.YOUTH_THEME).first()
        self.contact.themes.set([theme])
        self.client.get(URL)
        theme.label_da = "Ny overskrift"
        theme.save(update_fields=["label_da"])
        # What the admin writes with every change it saves.
        LogEntry.objects.create(
            user=self.secretariat,
            content_type=ContentType.objects.get_for_model(theme),
            object_id=str(theme.pk),
            object_repr=theme.code,
            action_flag=CHANGE,
        )
        self.assertContains(self.client.get(URL), "Ny overskrift")

    def test_it_keeps_sites_apart(self):
        make_contact(self.site_b, make_youth(self.site_b, nickname="Grævlingen"), date=self.today)
        self.assertContains(self.client.get(URL), "Ræven")
        self.login(self.volunteer_b)
        r = self.client.get("/s/beta/dashboard/")
        self.assertContains(r, "Grævlingen")
        self.assertNotContains(r, "Ræven")

    def test_it_keeps_languages_apart(self):
        self.assertContains(self.client.get(URL, HTTP_ACCEPT_LANGUAGE="da"), "I dag")
        self.client.cookies.load({"django_language": "en"})
        self.assertContains(self.client.get(URL), "Today")

    def test_it_moves_with_the_day(self):
        self.assertEqual(self.client.get(URL).context["dash"].today_contact_count, 1)
        tomorrow = self.today + dt.timedelta(days=1)
        with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
            r = self.client.get(URL)
        self.assertEqual(r.context["dash"].today_contact_count, 0)

    def test_it_renders_every_time_when_turned_off(self):
        with override_settings(FRIRUM_SITE_CACHE_SECONDS=0):
            self.client.get(URL)
            self.assertIn("dash", self.client.get(URL).context)

    def test_it_refuses_another_sites_dashboard(self):
        self.client.get(URL)
        self.login(self.volunteer_b)
        self.assertEqual(self.client.get(URL).status_code, 404)
