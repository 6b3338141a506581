import datetime as dt

from django.utils import timezone

from frirum.volunteers.models import Step, VolunteerPath
from tests.base import BaseTestCase
from tests.volunteers.helpers import grant, qualification


class VolunteerViewsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.path = VolunteerPath.objects.create(
            user=cls.volunteer_a,
            site=cls.site_a,
            step=Step.APPLICATION,
            step_on=dt.date(2025, 1, 1),
        )
        cls.path_b = VolunteerPath.objects.create(
            user=cls.volunteer_b,
            site=cls.site_b,
            step=Step.APPLICATION,
            step_on=dt.date(2025, 1, 1),
        )

    def urls(self):
        return [
            "/s/alpha/volunteers/",
            "/s/alpha/volunteers/new/",
            f"/s/alpha/volunteers/{self.path.pk}/",
        ]

    def test_it_shows_the_chief_the_pipeline_and_the_volunteer(self):
        self.login(self.chief_a)
        for url in self.urls():
            self.assertEqual(self.client.get(url).status_code, 200, url)
        r = self.client.get("/s/alpha/volunteers/")
        self.assertContains(r, self.volunteer_a.full_name)
        self.assertNotContains(r, self.volunteer_b.full_name)

    def test_it_404s_the_wrong_site_and_the_wrong_role(self):
        for user in (
            self.chief_b,
            self.volunteer_a,
            self.a_employed_counsellor,
            self.viewer_ballerup,
            self.outsider,
        ):
            self.login(user)
            for url in self.urls():
                self.assertEqual(self.client.get(url).status_code, 404, (user, url))
        self.login(self.chief_a)
        self.assertEqual(self.client.get(f"/s/alpha/volunteers/{self.path_b.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/s/beta/volunteers/{self.path_b.pk}/").status_code, 404)

    def test_it_lets_the_secretariat_and_the_hub_chief_in(self):
        self.login(self.secretariat)
        self.assertEqual(self.client.get("/s/beta/volunteers/").status_code, 200)
        self.login(self.chief_a)
        self.assertEqual(self.client.get("/s/alpha-sat/volunteers/").status_code, 200)

    def test_it_records_a_step_and_keeps_input_on_bad_input(self):
        self.login(self.chief_a)
        url = f"/s/alpha/volunteers/{self.path.pk}/"
        r = self.client.post(
            url, {"form": "step", "step-step": "interview", "step-on": "2999-01-01"}
        )
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'value="2999-01-01"')
        self.assertContains(r, "fremtiden")
        r = self.client.post(
            url, {"form": "step", "step-step": "interview", "step-on": "2025-02-01"}
        )
        self.assertRedirects(r, url, fetch_redirect_response=False)
        self.path.refresh_from_db()
        self.assertEqual(self.path.step, Step.INTERVIEW)

    def test_it_grants_and_shows_an_expiry_warning(self):
        self.login(self.chief_a)
        url = f"/s/alpha/volunteers/{self.path.pk}/"
        q = qualification("chat_counsellor")
        r = self.client.post(
            url, {"form": "grant", "grant-qualification": q.pk, "grant-on": "2025-01-02"}
        )
        self.assertRedirects(r, url, fetch_redirect_response=False)
        from django.utils import timezone

        grant(
            self.volunteer_a,
            "supervisor_on_duty",
            on=timezone.localdate(),
            expires_on=timezone.localdate() + dt.timedelta(days=5),
        )
        r = self.client.get(url)
        self.assertContains(r, "alert-warning")
        self.assertContains(r, q.name)

    def test_it_registers_an_application(self):
        self.login(self.chief_a)
        r = self.client.post(
            "/s/alpha/volunteers/new/",
            {"full_name": "Ny Person", "email": "ny@example.org", "on": "2025-01-05", "note": ""},
        )
        path = VolunteerPath.objects.get(user__email="ny@example.org")
        self.assertRedirects(r, f"/s/alpha/volunteers/{path.pk}/", fetch_redirect_response=False)

    def test_it_keeps_input_when_the_application_is_bad(self):
        self.login(self.chief_a)
        r = self.client.post(
            "/s/alpha/volunteers/new/",
            {"full_name": "Ny Person", "email": "not-an-email", "on": "2025-01-05", "note": "hej"},
        )
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'value="Ny Person"')
        self.assertFalse(VolunteerPath.objects.filter(user__full_name="Ny Person").exists())

    def test_it_fills_date_inputs_with_iso_dates_in_danish(self):
        # A browser shows <input type="date" value="29.11.2026"> as empty: the value is ISO.
        self.login(self.chief_a)
        today = timezone.localdate()
        for url in (f"/s/alpha/volunteers/{self.path.pk}/", "/s/alpha/volunteers/new/"):
            r = self.client.get(url, HTTP_ACCEPT_LANGUAGE="da")
            self.assertContains(r, f'value="{today.isoformat()}"', msg_prefix=url)
            self.assertNotContains(r, f'value="{today:%d.%m.%Y}"', msg_prefix=url)
        r = self.client.get(f"/s/alpha/volunteers/{self.path.pk}/", HTTP_ACCEPT_LANGUAGE="da")
        self.assertContains(r, f'name="step-on" value="{today.isoformat()}"')
        self.assertContains(r, f'name="grant-on" value="{today.isoformat()}"')
