import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from frirum.accounts.models import Membership, Role
from frirum.audit.models import AuditEntry
from tests.base import BaseTestCase, make_contact, make_user


class TeamTestCase(BaseTestCase):
    def test_it_shows_the_chief_their_team_with_training(self):
        self.volunteer_a.intro_course_on = dt.date(2025, 2, 1)
        self.volunteer_a.save(update_fields=["intro_course_on"])
        self.login(self.chief_a)
        r = self.client.get("/s/alpha/team/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, self.volunteer_a.full_name)
        self.assertNotContains(r, self.volunteer_b.full_name)

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
            url = f"/s/alpha/team/{self.volunteer_a.pk}/training/"
            self.assertEqual(self.client.get(url).status_code, 404, user)

    def test_it_lets_the_secretariat_in(self):
        self.login(self.secretariat)
        self.assertEqual(self.client.get("/s/beta/team/").status_code, 200)

    def test_it_404s_a_member_of_another_site(self):
        self.login(self.chief_a)
        r = self.client.get(f"/s/alpha/team/{self.volunteer_b.pk}/training/")
        self.assertEqual(r.status_code, 404)

    def test_it_updates_training_with_an_audit_entry(self):
        self.login(self.chief_a)
        url = f"/s/alpha/team/{self.volunteer_a.pk}/training/"
        r = self.client.post(url, {"intro_course_on": "2025-01-15", "side_by_side_count": "3"})
        self.assertRedirects(r, "/s/alpha/team/", fetch_redirect_response=False)
        self.volunteer_a.refresh_from_db()
        self.assertEqual(self.volunteer_a.intro_course_on, dt.date(2025, 1, 15))
        self.assertEqual(self.volunteer_a.side_by_side_count, 3)
        self.assertFalse(self.volunteer_a.counselling_active)
        entry = AuditEntry.objects.get(
            object_type="accounts.user", object_id=str(self.volunteer_a.pk)
        )
        self.assertEqual(entry.actor, self.chief_a)
        self.assertEqual(entry.changes["side_by_side_count"], [0, 3])

    def test_it_keeps_what_was_typed_on_bad_input(self):
        self.login(self.chief_a)
        url = f"/s/alpha/team/{self.volunteer_a.pk}/training/"
        r = self.client.post(url, {"intro_course_on": "2999-01-01", "side_by_side_count": "-1"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'value="-1"')
        self.assertContains(r, "form-error-message")
        r = self.client.post(url, {"intro_course_on": "2999-01-01", "side_by_side_count": "2"})
        self.assertContains(r, 'value="2999-01-01"')
        self.assertContains(r, "fremtiden")
