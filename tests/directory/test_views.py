"""The directory pages: only staff search, the owner's list with the staleness rule, the
card, and choosing a service in the registration form's bridging step."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from frirum.contacts.models import Contact
from frirum.directory.models import ServiceBridging
from tests.base import BaseTestCase, make_youth, term
from tests.directory.factories import make_service


class DirectoryViewTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = timezone.localdate()
        cls.fresh = make_service(
            "Fresh SSP",
            themes=["anxiety"],
            municipalities=[cls.ballerup],
            owner_site=cls.site_a,
            verified_on=today,
            phone="44 77 12 34",
            email="ssp@ballerup.example.dk",
            anonymous_possible=True,
        )
        cls.stale = make_service(
            "Old PPR", owner_site=cls.site_a, verified_on=today - dt.timedelta(days=366)
        )
        cls.national = make_service("National line", verified_on=None)

    def test_it_lets_staff_search(self):
        self.login(self.volunteer_a)
        url = reverse("directory:search", args=["alpha"])
        response = self.client.get(url, {"dir_theme": term("youth_theme", "anxiety").pk})
        self.assertContains(response, "Fresh SSP")
        self.assertContains(response, "44 77 12 34")

    def test_it_refuses_search_to_a_municipality_viewer_and_the_wrong_site(self):
        self.login(self.viewer_ballerup)
        self.assertEqual(
            self.client.get(reverse("directory:search", args=["alpha"])).status_code, 404
        )
        self.login(self.volunteer_b)
        self.assertEqual(
            self.client.get(reverse("directory:search", args=["alpha"])).status_code, 404
        )

    def test_it_keeps_bad_input_next_to_the_field(self):
        self.login(self.volunteer_a)
        response = self.client.get(reverse("directory:search", args=["alpha"]), {"dir_age": "abc"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'value="abc"', status_code=400)

    def test_it_flags_stale_entries_on_the_owners_list(self):
        self.login(self.chief_a)
        response = self.client.get(reverse("directory:site_entries", args=["alpha"]))
        self.assertContains(response, "Old PPR")
        self.assertEqual(response.context["stale_local"], 1)
        self.assertNotContains(response, "National line")

    def test_it_shows_the_secretariat_the_national_entries(self):
        self.login(self.secretariat)
        response = self.client.get(reverse("directory:site_entries", args=["alpha"]))
        self.assertContains(response, "National line")
        self.assertEqual(response.context["stale_national"], 1)

    def test_it_hides_the_owners_list_from_a_volunteer(self):
        self.login(self.volunteer_a)
        response = self.client.get(reverse("directory:site_entries", args=["alpha"]))
        self.assertEqual(response.status_code, 404)

    def test_it_lets_the_chief_confirm_an_entry_which_is_then_fresh(self):
        self.login(self.chief_a)
        self.client.post(reverse("directory:verify", args=["alpha", self.stale.uid]))
        self.stale.refresh_from_db()
        self.assertEqual(self.stale.verified_on, timezone.localdate())
        self.assertEqual(self.stale.verified_by, self.chief_a)

    def test_it_lets_a_named_editor_confirm_but_not_another_sites_chief(self):
        self.stale.editor = self.volunteer_a
        self.stale.save(update_fields=["editor"])
        self.login(self.chief_b)
        response = self.client.post(reverse("directory:verify", args=["beta", self.stale.uid]))
        self.assertEqual(response.status_code, 404)
        self.login(self.volunteer_a)
        self.client.post(reverse("directory:verify", args=["alpha", self.stale.uid]))
        self.stale.refresh_from_db()
        self.assertEqual(self.stale.verified_by, self.volunteer_a)

    def test_it_keeps_national_entries_for_the_secretariat(self):
        self.login(self.chief_a)
        response = self.client.post(reverse("directory:verify", args=["alpha", self.national.uid]))
        self.assertEqual(response.status_code, 404)

    def test_it_shows_a_card_and_records_nothing(self):
        self.login(self.volunteer_a)
        before = ServiceBridging.objects.count()
        response = self.client.get(reverse("directory:card", args=["alpha", self.fresh.uid]))
        self.assertContains(response, "ssp@ballerup.example.dk")
        self.assertContains(response, "data-print")
        self.assertEqual(ServiceBridging.objects.count(), before)

    def _registration(self, **extra):
        data = {
            "site": self.site_a.pk,
            "date": "2026-03-04",
            "kind": "counselling",
            "channel": "in_person",
            "counsellors": [self.volunteer_a.pk],
            "youth_mode": "existing",
            "youth": make_youth(self.site_a).code,
            "action": "save",
        }
        data.update(extra)
        return data

    def test_it_finds_help_inside_the_registration_form_and_keeps_what_was_typed(self):
        self.login(self.volunteer_a)
        url = reverse("contacts:contact_create", args=["alpha"])
        data = self._registration(
            action="find_service",
            dir_anonymous="on",
            note="kept",
            dir_municipality=self.ballerup.pk,
        )
        response = self.client.post(url, data)
        self.assertContains(response, "Fresh SSP")
        self.assertNotContains(response, "Old PPR")
        self.assertContains(response, "kept")
        self.assertFalse(Contact.objects.exists())

    def test_it_links_the_bridging_to_the_chosen_service_and_its_category(self):
        self.login(self.volunteer_a)
        url = reverse("contacts:contact_create", args=["alpha"])
        response = self.client.post(
            url, self._registration(bridged="on", bridging_services=[self.fresh.pk])
        )
        self.assertEqual(response.status_code, 302)
        contact = Contact.objects.get()
        self.assertEqual(
            list(contact.service_bridgings.values_list("service_id", flat=True)), [self.fresh.pk]
        )
        self.assertEqual(
            [t.code for t in contact.bridging_destinations.all()], [self.fresh.destination.code]
        )

    def test_it_refuses_a_service_without_bridged_ticked(self):
        self.login(self.volunteer_a)
        url = reverse("contacts:contact_create", args=["alpha"])
        response = self.client.post(url, self._registration(bridging_services=[self.fresh.pk]))
        self.assertEqual(response.status_code, 400)
        self.assertIn("bridging_services", response.context["form"].errors)
        self.assertFalse(Contact.objects.exists())

    def test_it_refuses_a_service_id_that_does_not_exist(self):
        self.login(self.volunteer_a)
        url = reverse("contacts:contact_create", args=["alpha"])
        for bad in ("999999", "10000000000000000000000", "x"):
            response = self.client.post(
                url, self._registration(bridged="on", bridging_services=[bad])
            )
            self.assertEqual(response.status_code, 400)


class QueryCountTests(BaseTestCase):
    """The owner's list and the search cost the same few queries however many entries."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for n in range(3):
            make_service(f"Small {n}", themes=["grief"], owner_site=cls.site_a)

    def count(self, url, params=None):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(self.client.get(url, params or {}).status_code, 200)
        return len(ctx.captured_queries)

    def test_it_keeps_the_query_count_of_the_lists_flat(self):
        self.login(self.chief_a)
        entries = reverse("directory:site_entries", args=["alpha"])
        search = reverse("directory:search", args=["alpha"])
        params = {"dir_age": "15"}
        few = (self.count(entries), self.count(search, params))
        for n in range(12):
            make_service(
                f"More {n}",
                themes=["grief"],
                owner_site=self.site_a,
                municipalities=[self.ballerup],
                schedules=[(1, "09:00", "12:00")],
            )
        self.assertEqual((self.count(entries), self.count(search, params)), few)
