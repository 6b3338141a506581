"""Finding a young person, their course page and correcting their record."""

import datetime as dt

from django.test import override_settings
from django.utils import timezone

from frirum.audit.models import AuditEntry
from frirum.people.actions import create_youth
from tests.base import BaseTestCase, make_contact, make_youth


class YouthSearchTestCase(BaseTestCase):
    def test_it_finds_by_nickname_or_code_in_one_box(self):
        fox = make_youth(self.site_a, nickname="Ræven")
        owl = make_youth(self.site_a, nickname="Uglen")
        self.login(self.volunteer_a)
        r = self.client.get("/s/alpha/youth/?q=ræv")
        self.assertEqual(list(r.context["page"].object_list), [fox])
        # The code without dashes, in lower case, as typed on a tablet.
        typed = owl.code.replace("-", "").lower()
        r = self.client.get(f"/s/alpha/youth/?q={typed}")
        self.assertEqual(list(r.context["page"].object_list), [owl])

    def test_it_finds_nobody_from_another_site(self):
        make_youth(self.site_b, nickname="Ræven")
        self.login(self.volunteer_a)
        r = self.client.get("/s/alpha/youth/?q=Ræven")
        self.assertEqual(list(r.context["page"].object_list), [])

    def test_it_offers_search_hits_as_choices_for_the_form(self):
        fox = make_youth(self.site_a, nickname="Ræven")
        make_contact(self.site_a, fox)
        self.login(self.volunteer_a)
        r = self.client.get("/s/alpha/youth/search/?youth_q=ræ")
        self.assertContains(r, f'value="{fox.code}"')
        r = self.client.get("/s/alpha/youth/search/?youth_q=zzz")
        self.assertEqual(r.context["youth_hits"], [])

    def test_it_keeps_the_chosen_young_person_when_searching_again(self):
        fox = make_youth(self.site_a, nickname="Ræven")
        make_youth(self.site_a, nickname="Uglen")
        self.login(self.volunteer_a)
        r = self.client.get(f"/s/alpha/youth/search/?youth_q=ugl&youth={fox.code}")
        self.assertEqual(r.context["youth_hits"][0], fox)
        self.assertContains(r, "checked")


class CourseTestCase(BaseTestCase):
    def test_it_shows_the_course_in_order(self):
        youth = make_youth(self.site_a, nickname="Ræven")
        later = make_contact(self.site_a, youth, date=dt.date(2025, 5, 1))
        first = make_contact(self.site_a, youth, date=dt.date(2025, 1, 1))
        elsewhere = make_contact(self.site_b, youth, date=dt.date(2025, 3, 1))
        self.login(self.volunteer_a)
        r = self.client.get(f"/s/alpha/youth/{youth.code}/")
        self.assertEqual(r.context["contacts"], [first, later])
        self.assertNotContains(r, elsewhere.code)
        self.assertTemplateUsed(r, "questionnaires/includes/course_feedback.html")
        self.assertIn("rows", r.context["feedback"])

    def test_it_shows_each_conversations_counsellors_themes_and_bridging(self):
        youth = make_youth(self.site_a)
        contact = make_contact(
            self.site_a,
            youth,
            themes=["stress", "grief"],
            counsellors=[self.chief_a, self.volunteer_a],
            bridged=True,
            bridging_methods=["accompanied"],
            bridging_destinations=["gp"],
        )
        self.login(self.volunteer_a)
        r = self.client.get(f"/s/alpha/youth/{youth.code}/")
        item = r.content.decode().split('<ol class="frirum-course">')[1].split("</ol>")[0]
        for user in contact.counsellors.all():
            self.assertIn(user.full_name, item)
        for term in [*contact.themes.all(), *contact.bridging_methods.all()]:
            self.assertIn(term.label, item)
        self.assertIn("→ " + contact.bridging_destinations.get().label, item)

    def test_it_shows_a_young_person_without_conversations_yet(self):
        youth = make_youth(self.site_a)
        self.login(self.volunteer_a)
        r = self.client.get(f"/s/alpha/youth/{youth.code}/")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.context["contacts"], [])

    @override_settings(FRIRUM_SITE_CACHE_SECONDS=0)  # the rendering's own queries
    def test_it_shows_a_long_course_in_constant_queries(self):
        youth = make_youth(self.site_a)
        for _ in range(3):
            make_contact(self.site_a, youth, themes=["stress"], counsellors=[self.chief_a])
        self.login(self.volunteer_a)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            self.client.get(f"/s/alpha/youth/{youth.code}/")
        for _ in range(30):
            make_contact(self.site_a, youth, themes=["grief"], counsellors=[self.volunteer_a])
        with self.assertNumQueries(len(few.captured_queries)):
            self.client.get(f"/s/alpha/youth/{youth.code}/")


class YouthEditTestCase(BaseTestCase):
    def test_it_saves_and_audits_without_the_nickname_in_clear(self):
        youth = create_youth(actor=self.volunteer_a, site=self.site_a, nickname="Ræven")
        self.login(self.volunteer_a)
        r = self.client.post(
            f"/s/alpha/youth/{youth.code}/edit/",
            {"nickname": "Mågen", "gender": "other", "residence_municipality": self.furesoe.pk},
        )
        self.assertRedirects(r, f"/s/alpha/youth/{youth.code}/")
        youth.refresh_from_db()
        self.assertEqual(youth.nickname, "Mågen")
        self.assertEqual(youth.residence_municipality, self.furesoe)
        entry = AuditEntry.objects.get(action="update")
        self.assertEqual(entry.changes["residence_municipality"], [None, "190"])
        self.assertNotIn("Mågen", str(entry.changes))

    def test_it_refuses_a_cpr_number_as_nickname(self):
        youth = make_youth(self.site_a, nickname="Ræven")
        self.login(self.volunteer_a)
        r = self.client.post(
            f"/s/alpha/youth/{youth.code}/edit/", {"nickname": "0101011234", "gender": "male"}
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("nickname", r.context["form"].errors)
        youth.refresh_from_db()
        self.assertEqual(youth.nickname, "Ræven")


class DashboardTestCase(BaseTestCase):
    def test_it_shows_today_this_week_and_open_courses(self):
        today = timezone.localdate()
        youth = make_youth(self.site_a, nickname="Ræven")
        make_contact(self.site_a, youth, date=today - dt.timedelta(days=100))
        todays = make_contact(self.site_a, youth, date=today)
        old = make_youth(self.site_a, nickname="Gammel")
        make_contact(self.site_a, old, date=today - dt.timedelta(days=200))
        make_contact(self.site_b, date=today)
        self.login(self.volunteer_a)
        r = self.client.get("/s/alpha/dashboard/")
        dash = r.context["dash"]
        self.assertEqual(dash.today_contacts, [todays])
        self.assertEqual(dash.week_contact_count, 1)
        self.assertEqual(dash.week_new_youth_count, 0)
        self.assertEqual(dash.open_courses, [youth])
        self.assertEqual(dash.open_courses[0].contact_count, 2)
        self.assertContains(r, "/s/alpha/contacts/new/")
        self.assertEqual(r.context["current_site"], self.site_a)

    def test_it_shows_an_empty_site(self):
        self.login(self.volunteer_a)
        r = self.client.get("/s/alpha/dashboard/")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.context["dash"].week_contact_count, 0)

    def test_it_is_where_a_counsellor_lands(self):
        self.login(self.volunteer_a)
        r = self.client.get("/")
        self.assertRedirects(r, "/s/alpha/dashboard/")
