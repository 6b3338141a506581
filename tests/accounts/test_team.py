import datetime as dt

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from frirum.accounts.models import Membership, Role
from tests.base import BaseTestCase, make_contact, make_user
from tests.contacts.factories import contact_post


class TeamTestCase(BaseTestCase):
    def test_it_shows_the_chief_their_team_with_training(self):
        from frirum.volunteers.models import Step, VolunteerPath

        path = VolunteerPath.objects.create(
            user=self.volunteer_a,
            site=self.site_a,
            step=Step.INTRO_COURSE,
            step_on=dt.date(2025, 2, 1),
            side_by_side_before=2,
        )
        make_contact(
            self.site_a,
            date=dt.date(2025, 3, 1),
            counsellors=[self.volunteer_a, self.a_employed_counsellor],
        )
        self.login(self.chief_a)
        r = self.client.get("/s/alpha/team/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, self.volunteer_a.full_name)
        self.assertNotContains(r, self.volunteer_b.full_name)
        self.assertContains(r, f"/s/alpha/volunteers/{path.pk}/")
        row = next(m for m in r.context["members"] if m.pk == self.volunteer_a.pk)
        self.assertEqual(row.path.side_by_side, 3)

    def test_it_counts_conversations_this_year_at_the_site(self):
        from django.utils import timezone

        today = timezone.localdate()
        make_contact(self.site_a, date=today, counsellors=[self.volunteer_a])
        make_contact(self.site_a, date=today, counsellors=[self.volunteer_a])
        make_contact(
            self.site_a, date=today.replace(year=today.year - 1), counsellors=[self.volunteer_a]
        )
        self.login(self.chief_a)
        r = self.client.get("/s/alpha/team/")
        row = next(m for m in r.context["members"] if m.pk == self.volunteer_a.pk)
        self.assertEqual(row.conversations_this_year, 2)

    @override_settings(FRIRUM_SITE_CACHE_SECONDS=0)  # the page's own queries, counts read
    def test_it_uses_a_constant_number_of_queries(self):
        self.login(self.chief_a)
        with CaptureQueriesContext(connection) as few:
            self.client.get("/s/alpha/team/")
        for i in range(20):
            user = make_user(f"v{i}@example.org", f"Frivillig {i}")
            Membership.objects.create(user=user, site=self.site_a, role=Role.VOLUNTEER_COUNSELLOR)
            make_contact(self.site_a, counsellors=[user])
        with CaptureQueriesContext(connection) as many:
            r = self.client.get("/s/alpha/team/")
        self.assertEqual(len(r.context["members"]), 26)
        self.assertEqual(len(many), len(few))

    def test_it_keeps_the_years_counts_until_a_registration_changes_them(self):
        from django.utils import timezone

        today = timezone.localdate()
        make_contact(self.site_a, date=today, counsellors=[self.volunteer_a])

        def count() -> int:
            r = self.client.get("/s/alpha/team/")
            return next(m for m in r.context["members"] if m.pk == self.volunteer_a.pk)

        self.login(self.chief_a)
        with CaptureQueriesContext(connection) as first:
            self.assertEqual(count().conversations_this_year, 1)
        with CaptureQueriesContext(connection) as second:
            self.assertEqual(count().conversations_this_year, 1)
        self.assertLess(len(second), len(first))
        data = contact_post(
            self.site_a, counsellors=[str(self.volunteer_a.pk)], date=f"{today:%Y-%m-%d}"
        )
        self.assertEqual(self.client.post("/s/alpha/contacts/new/", data).status_code, 302)
        self.assertEqual(count().conversations_this_year, 2)

    def test_it_404s_for_other_roles_and_sites(self):
        for user in (
            self.volunteer_a,
            self.chief_b,
            self.viewer_ballerup,
            self.outsider,
            self.a_employed_counsellor,
        ):
            self.login(user)
            self.assertEqual(self.client.get("/s/alpha/team/").status_code, 404, user)
            url = f"/s/alpha/team/{self.volunteer_a.pk}/two-factor/reset/"
            self.assertEqual(self.client.get(url).status_code, 404, user)

    def test_it_lets_the_secretariat_in(self):
        self.login(self.secretariat)
        self.assertEqual(self.client.get("/s/beta/team/").status_code, 200)

    def test_it_404s_a_member_of_another_site(self):
        self.login(self.chief_a)
        r = self.client.get(f"/s/alpha/team/{self.volunteer_b.pk}/two-factor/reset/")
        self.assertEqual(r.status_code, 404)
