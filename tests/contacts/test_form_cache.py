"""A new registration's option lists are kept per change at the site (KeptFieldGroups in
frirum/audit/fragments.py): the same markup as rendered afresh, each user's own values, and
whatever changes the options shows at once."""

import datetime as dt
import re
from unittest import mock

import time_machine
from django.contrib.admin.models import ADDITION, LogEntry
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frirum.accounts.models import Membership, Role
from frirum.audit.fragments import CSRF_SLOT
from frirum.contacts.models import Contact
from frirum.contacts.views import TIME_SLOT
from frirum.taxonomies.models import Term, Vocabulary
from tests.base import BaseTestCase, make_contact, make_user, make_youth, term
from tests.contacts.factories import contact_post
from tests.directory.factories import make_service

NEW = "/s/alpha/contacts/new/"
NOON = dt.datetime(2025, 3, 4, 12, 0, tzinfo=dt.UTC)


def _without_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def _checked(html: str, name: str) -> set[str]:
    """The values of the ticked boxes or radios named `name`."""
    return set(re.findall(rf'<input type="\w+" name="{name}" value="([^"]*)"[^>]* checked', html))


def _residence(html: str) -> str:
    select = re.search(r'<select name="new_residence_municipality".*?</select>', html, re.S)
    return re.search(r'<option value="([^"]*)" selected>', select.group(0)).group(1)


def _in_admin(user, obj) -> None:
    """What the admin writes beside a change it makes."""
    LogEntry.objects.log_actions(user.pk, [obj], ADDITION, single_object=True)


@time_machine.travel(NOON, tick=False)
class RegistrationFormCacheTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.login(self.volunteer_a)

    def get(self, url=NEW) -> str:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def queries_for(self, url=NEW) -> int:
        with CaptureQueriesContext(connection) as ctx:
            self.get(url)
        return len(ctx.captured_queries)

    def test_it_serves_the_option_lists_from_the_cache(self):
        first = self.queries_for()
        self.assertLess(self.queries_for(), first)
        html = self.get()
        self.assertIn("Ballerup", html)
        self.assertIn(term(Vocabulary.YOUTH_THEME, "anxiety").label_da, html)

    def test_it_renders_the_same_markup_as_without_the_cache(self):
        for url in (NEW, f"{NEW}?youth={make_youth(self.site_a).code}"):
            with self.subTest(url=url):
                kept = [_without_token(self.get(url)) for _ in range(2)]
                with override_settings(FRIRUM_SITE_CACHE_SECONDS=0):
                    fresh = _without_token(self.get(url))
                # The page a search or a booking shows, which keeps no whole form.
                with mock.patch("frirum.contacts.views._may_keep_new_form", return_value=False):
                    unkept = _without_token(self.get(url))
                self.assertEqual(kept[0], fresh)
                self.assertEqual(kept[1], fresh)
                self.assertEqual(unkept, fresh)

    def test_it_ticks_each_counsellor_themselves(self):
        other = self.a_employed_counsellor
        self.assertEqual(_checked(self.get(), "counsellors"), {str(self.volunteer_a.pk)})
        self.login(other)
        self.assertEqual(_checked(self.get(), "counsellors"), {str(other.pk)})
        self.login(self.volunteer_a)
        self.assertEqual(_checked(self.get(), "counsellors"), {str(self.volunteer_a.pk)})

    def test_it_keeps_a_young_persons_last_values_apart(self):
        fox = make_youth(self.site_a, nickname="Ræven")
        make_contact(self.site_a, fox, date=dt.date(2025, 3, 1), education_status="employed")
        self.get()
        html = self.get(f"{NEW}?youth={fox.code}")
        self.assertRegex(html, r'<option value="employed" selected>')
        self.assertEqual(_checked(html, "youth_mode"), {"existing"})
        self.assertNotRegex(self.get(), r'<option value="employed" selected>')

    def test_it_offers_a_term_added_in_the_admin_at_once(self):
        self.get()
        added = Term.objects.create(
            vocabulary=Vocabulary.YOUTH_THEME, code="gaming", label_da="Gaming", label_en="Gaming"
        )
        _in_admin(self.secretariat, added)
        self.assertIn(f'value="{added.pk}"', self.get())

    def test_it_offers_a_new_counsellor_at_once(self):
        self.get()
        newcomer = make_user("ny@example.org", "Ny Rådgiver")
        membership = Membership.objects.create(
            user=newcomer, site=self.site_a, role=Role.VOLUNTEER_COUNSELLOR
        )
        _in_admin(self.secretariat, membership)
        self.assertIn("Ny Rådgiver", self.get())

    def test_it_keeps_languages_apart(self):
        self.assertIn("Temaer", self.get())
        english = self.client.get(NEW, headers={"accept-language": "en"}).content.decode()
        self.assertIn("Themes", english)
        self.assertNotIn("Temaer", english)

    def test_it_keeps_sites_apart(self):
        Membership.objects.create(
            user=self.volunteer_a, site=self.satellite_a, role=Role.VOLUNTEER_COUNSELLOR
        )
        self.assertEqual(_residence(self.get()), str(self.ballerup.pk))
        satellite = self.get(f"/s/{self.satellite_a.code}/contacts/new/")
        self.assertEqual(_residence(satellite), str(self.furesoe.pk))
        self.assertEqual(_residence(self.get()), str(self.ballerup.pk))
        self.login(self.volunteer_b)
        self.assertEqual(self.client.get(NEW).status_code, 404)

    def test_it_never_keeps_a_form_with_errors(self):
        self.get()
        data = contact_post(self.site_a, new_nickname="Ring 12345678", age="200")
        response = self.client.post(NEW, data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Ring 12345678", status_code=400)
        self.assertContains(response, 'id="id_age_error"', status_code=400)
        html = self.get()
        self.assertNotIn("Ring 12345678", html)
        self.assertNotIn('id="id_age_error"', html)

    def test_it_keeps_an_edit_out_of_the_cache(self):
        Term.objects.create(
            vocabulary=Vocabulary.YOUTH_THEME,
            code="retired",
            label_da="Udgået tema",
            label_en="Retired theme",
            is_active=False,
        )
        contact = make_contact(self.site_a, make_youth(self.site_a), themes=["retired"])
        self.assertNotIn("Udgået tema", self.get())
        self.assertIn("Udgået tema", self.get(f"/contacts/{contact.code}/edit/"))
        self.assertNotIn("Udgået tema", self.get())

    def test_it_keeps_the_time_now_out_of_the_cache(self):
        self.assertIn('value="13:00"', self.get())  # Copenhagen time
        with time_machine.travel(NOON + dt.timedelta(minutes=7), tick=False):
            self.assertIn('value="13:07"', self.get())
        self.assertEqual(timezone.localdate(), dt.date(2025, 3, 4))

    def test_it_renders_every_time_when_turned_off(self):
        with override_settings(FRIRUM_SITE_CACHE_SECONDS=0):
            first = self.queries_for()
            self.assertEqual(self.queries_for(), first)

    def test_it_keeps_only_a_new_unbound_form(self):
        from frirum.contacts.forms import ContactForm

        user, site = self.volunteer_a, self.site_a
        contact = make_contact(self.site_a, make_youth(self.site_a))
        bound = ContactForm(contact_post(site), user=user, site=site, keep_parts=True)
        edit = ContactForm(initial={}, user=user, site=site, instance=contact, keep_parts=True)
        new = ContactForm(initial={}, user=user, site=site, keep_parts=True)
        self.assertIsNone(bound.kept_field_groups())
        self.assertIsNone(edit.kept_field_groups())
        self.assertIn("themes", new.kept_field_groups())


@time_machine.travel(NOON, tick=False)
class KeptRegistrationFormTestCase(BaseTestCase):
    """A new registration's whole form is kept too (frirum.contacts.views._render_new_form):
    what it shows of the user (their tick, their sites) is in its key, the time now and the
    CSRF token are put in when it is served."""

    def setUp(self):
        super().setUp()
        self.login(self.volunteer_a)

    def get(self, url=NEW, client=None) -> str:
        response = (client or self.client).get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_it_serves_a_kept_form_with_the_requests_own_queries_only(self):
        self.get()
        # The session, the user with their memberships and the site's data version: no
        # option list, no young person, no term is read for a kept form.
        with self.assertNumQueries(3):
            html = self.get()
        self.assertIn('name="themes"', html)

    def test_it_offers_a_site_the_user_joins_elsewhere_at_once(self):
        self.assertNotIn(self.site_b.name, self.get())
        Membership.objects.create(
            user=self.volunteer_a, site=self.site_b, role=Role.VOLUNTEER_COUNSELLOR
        )
        self.assertIn(self.site_b.name, self.get())

    def test_it_gives_each_request_a_token_that_is_accepted(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.volunteer_a)
        self.get(client=client)
        html = self.get(client=client)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        self.assertNotIn(CSRF_SLOT, html)
        data = contact_post(self.site_a, counsellors=[str(self.volunteer_a.pk)])
        data["csrfmiddlewaretoken"] = token
        self.assertEqual(client.post(NEW, data).status_code, 302)
        self.assertEqual(Contact.objects.count(), 1)

    def test_it_puts_in_the_time_now_for_every_user(self):
        self.assertIn('name="time" value="13:00"', self.get())
        # Another counsellor's kept form, served later (a session is idle for 30 minutes
        # at most).
        self.login(self.a_employed_counsellor)
        self.get()
        with time_machine.travel(NOON + dt.timedelta(minutes=19), tick=False):
            html = self.get()
        self.assertIn('name="time" value="13:19"', html)
        self.assertNotIn(TIME_SLOT, html)

    def test_it_keeps_a_search_out(self):
        make_youth(self.site_a, nickname="Ræven")
        self.get()
        self.assertIn("Ræven", self.get(f"{NEW}?youth_q=Ræv"))
        self.assertNotIn("Ræven", self.get())

    def test_it_keeps_a_directory_search_out(self):
        make_service("Ungdomsrådgivningen Alpha", municipalities=[self.ballerup])
        searched = self.get(f"{NEW}?action=find_service&dir_municipality={self.ballerup.pk}")
        self.assertIn("Ungdomsrådgivningen Alpha", searched)
        self.assertNotIn("Ungdomsrådgivningen Alpha", self.get())

    def test_it_renders_the_secretariats_form_with_every_site(self):
        self.login(self.secretariat)
        for _ in range(2):
            html = self.get()
            self.assertIn(self.site_b.name, html)
            self.assertNotIn(TIME_SLOT, html)

    def test_it_keeps_two_users_forms_apart(self):
        self.assertEqual(_checked(self.get(), "counsellors"), {str(self.volunteer_a.pk)})
        self.login(self.a_employed_counsellor)
        self.get()
        html = self.get()
        self.assertEqual(_checked(html, "counsellors"), {str(self.a_employed_counsellor.pk)})
