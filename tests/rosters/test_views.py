import datetime as dt

from django.utils import timezone

from frirum.accounts.models import Membership, Role
from frirum.rosters.models import Assignment, ShiftTemplate
from tests.base import BaseTestCase
from tests.clock import stays_on
from tests.rosters.helpers import make_shift, open_weekdays
from tests.volunteers.helpers import grant, qualification

TODAY = timezone.localdate()
NEXT_WEEK = TODAY + dt.timedelta(days=7)


@stays_on(TODAY)
class RosterViewsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.shift = make_shift(cls.site_a, NEXT_WEEK)
        cls.shift_b = make_shift(cls.site_b, NEXT_WEEK)
        grant(cls.volunteer_a, "approved_counsellor")
        grant(cls.a_employed_counsellor, "approved_counsellor")

    def member_urls(self):
        return [
            "/s/alpha/roster/",
            f"/s/alpha/roster/{NEXT_WEEK.year}/{NEXT_WEEK.month}/",
            f"/s/alpha/roster/shift/{self.shift.pk}/",
        ]

    def chief_urls(self):
        return ["/s/alpha/roster/templates/", "/s/alpha/roster/weeks/", "/s/alpha/roster/hours/"]

    def test_it_shows_members_the_roster_and_the_chief_the_management(self):
        self.login(self.volunteer_a)
        for url in self.member_urls():
            self.assertEqual(self.client.get(url).status_code, 200, url)
        for url in self.chief_urls():
            self.assertEqual(self.client.get(url).status_code, 404, url)
        self.login(self.chief_a)
        for url in self.member_urls() + self.chief_urls():
            self.assertEqual(self.client.get(url).status_code, 200, url)
        r = self.client.get(f"/s/alpha/roster/{NEXT_WEEK.year}/{NEXT_WEEK.month}/")
        self.assertContains(r, "Underbemandet")

    def test_it_404s_the_wrong_site(self):
        for user in (self.chief_b, self.volunteer_b, self.viewer_ballerup, self.outsider):
            self.login(user)
            for url in self.member_urls() + self.chief_urls():
                self.assertEqual(self.client.get(url).status_code, 404, (user, url))
        self.login(self.chief_a)
        self.assertEqual(
            self.client.get(f"/s/alpha/roster/shift/{self.shift_b.pk}/").status_code, 404
        )
        self.assertEqual(
            self.client.get(f"/s/beta/roster/shift/{self.shift_b.pk}/").status_code, 404
        )

    def test_it_signs_up_and_shows_a_broken_rule(self):
        self.login(self.volunteer_a)
        url = f"/s/alpha/roster/shift/{self.shift.pk}/"
        r = self.client.post(url + "sign-up/")
        self.assertRedirects(r, url, fetch_redirect_response=False)
        self.assertTrue(Assignment.objects.filter(shift=self.shift, user=self.volunteer_a).exists())
        self.login(self.a_seconded_municipal)  # not qualified
        r = self.client.post(url + "sign-up/", follow=True)
        self.assertContains(r, "kvalifikationer")

    def test_it_lets_only_the_chief_assign_others(self):
        url = f"/s/alpha/roster/shift/{self.shift.pk}/sign-up/"
        self.login(self.volunteer_a)
        r = self.client.post(url, {"user": self.a_employed_counsellor.pk})
        self.assertEqual(r.status_code, 404)
        self.login(self.chief_a)
        self.client.post(url, {"user": self.a_employed_counsellor.pk})
        self.assertTrue(Assignment.objects.filter(user=self.a_employed_counsellor).exists())
        # Someone from another site cannot be assigned here.
        grant(self.volunteer_b, "approved_counsellor")
        self.client.post(url, {"user": self.volunteer_b.pk})
        self.assertFalse(Assignment.objects.filter(user=self.volunteer_b).exists())

    def test_it_keeps_chief_only_changes_from_volunteers(self):
        a = Assignment.objects.create(shift=self.shift, user=self.a_employed_counsellor)
        self.login(self.volunteer_a)
        for what in ("remove", "approve", "refuse", "attended", "absent", "nonsense"):
            r = self.client.post(f"/s/alpha/roster/assignment/{a.pk}/{what}/")
            self.assertEqual(r.status_code, 404, what)
        self.login(self.chief_b)
        r = self.client.post(f"/s/alpha/roster/assignment/{a.pk}/remove/")
        self.assertEqual(r.status_code, 404)
        self.assertTrue(Assignment.objects.filter(pk=a.pk).exists())

    def test_it_adds_a_template_and_generates_with_errors_kept(self):
        open_weekdays(self.site_a)
        self.login(self.chief_a)
        url = "/s/alpha/roster/templates/"
        r = self.client.post(
            url,
            {
                "form": "template",
                "template-weekday": "0",
                "template-label": "Aften",
                "template-min_counsellors": "3",
                "template-max_counsellors": "2",
            },
        )
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'value="Aften"')
        self.assertFalse(ShiftTemplate.objects.filter(label="Aften").exists())
        r = self.client.post(
            url,
            {
                "form": "template",
                "template-weekday": "0",
                "template-label": "Aften",
                "template-min_counsellors": "2",
                "template-max_counsellors": "3",
                "template-required": [qualification("approved_counsellor").pk],
            },
        )
        self.assertRedirects(r, url, fetch_redirect_response=False)
        r = self.client.post(
            url,
            {
                "form": "generate",
                "generate-start": TODAY.isoformat(),
                "generate-end": (TODAY + dt.timedelta(days=13)).isoformat(),
            },
        )
        self.assertEqual(r.status_code, 302)
        template = ShiftTemplate.objects.get(label="Aften")
        self.assertEqual(template.shifts.count(), 2)
        r = self.client.post(
            url,
            {
                "form": "generate",
                "generate-start": TODAY.isoformat(),
                "generate-end": (TODAY + dt.timedelta(days=800)).isoformat(),
            },
        )
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "form-error-message")

    def test_it_fills_date_inputs_with_iso_dates_in_danish(self):
        # A browser shows <input type="date" value="29.11.2026"> as empty: the value is ISO.
        self.login(self.chief_a)
        r = self.client.get("/s/alpha/roster/templates/", HTTP_ACCEPT_LANGUAGE="da")
        self.assertContains(r, f'name="generate-start" value="{TODAY.isoformat()}"')
        end = TODAY + dt.timedelta(days=90)
        self.assertContains(r, f'name="generate-end" value="{end.isoformat()}"')
        self.assertNotContains(r, f'value="{TODAY:%d.%m.%Y}"')

    def test_it_ends_a_template_keeping_shifts_with_people(self):
        Assignment.objects.create(shift=self.shift, user=self.volunteer_a)
        empty = make_shift(
            self.site_a, NEXT_WEEK + dt.timedelta(days=7), template=self.shift.template
        )
        self.login(self.chief_a)
        self.client.post(f"/s/alpha/roster/templates/{self.shift.template.pk}/delete/")
        self.shift.template.refresh_from_db()
        self.assertEqual(self.shift.template.valid_to, TODAY - dt.timedelta(days=1))
        self.assertFalse(type(empty).objects.filter(pk=empty.pk).exists())
        self.assertTrue(type(empty).objects.filter(pk=self.shift.pk).exists())

    def test_it_shows_my_shifts_and_offers(self):
        Membership.objects.filter(user=self.volunteer_a).update(is_active=True)
        Assignment.objects.create(shift=self.shift, user=self.volunteer_a)
        self.login(self.volunteer_a)
        r = self.client.get("/roster/mine/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "headspace Alpha")
        self.assertEqual(Membership.objects.filter(role=Role.VOLUNTEER_COUNSELLOR).count(), 2)


@stays_on(TODAY)
class MonthQueriesTestCase(BaseTestCase):
    def test_it_renders_a_month_in_a_constant_number_of_queries(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from tests.base import make_user

        first = NEXT_WEEK.replace(day=1)
        url = f"/s/alpha/roster/{first.year}/{first.month}/"
        make_shift(self.site_a, first)
        self.login(self.chief_a)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        template = make_template_for_month(self.site_a)
        for day in range(2, 28):
            date = first.replace(day=day)
            shift = make_shift(self.site_a, date, template=template[date.weekday()])
            for i in range(2):
                user = make_user(f"m{day}-{i}@example.org", f"M {day} {i}")
                Assignment.objects.create(shift=shift, user=user)
        with CaptureQueriesContext(connection) as many:
            r = self.client.get(url)
        self.assertEqual(len(r.context["days"]), 27)
        self.assertEqual(len(many), len(few))


def make_template_for_month(site):
    from tests.rosters.helpers import make_template

    return {weekday: make_template(site, weekday=weekday) for weekday in range(7)}


@stays_on(TODAY)
class RosterSettingsTestCase(BaseTestCase):
    def test_it_saves_the_approval_setting_with_an_audit_entry(self):
        from frirum.audit.models import AuditEntry
        from frirum.rosters.models import RosterSettings

        self.login(self.chief_a)
        url = "/s/alpha/roster/templates/"
        self.client.post(url, {"form": "settings", "settings-release_needs_approval": "on"})
        self.assertTrue(RosterSettings.objects.get(site=self.site_a).release_needs_approval)
        self.client.post(url, {"form": "settings"})
        self.assertFalse(RosterSettings.objects.get(site=self.site_a).release_needs_approval)
        entry = AuditEntry.objects.filter(object_type="rosters.rostersettings").first()
        self.assertEqual(entry.changes["release_needs_approval"], [True, False])
        self.login(self.volunteer_a)
        r = self.client.post(url, {"form": "settings", "settings-release_needs_approval": "on"})
        self.assertEqual(r.status_code, 404)


@stays_on(TODAY)
class DashboardWarningTestCase(BaseTestCase):
    def test_it_warns_the_chief_of_understaffed_days_on_the_dashboard(self):
        make_shift(self.site_a, NEXT_WEEK)
        make_shift(self.site_a, TODAY + dt.timedelta(days=30))  # beyond the two weeks
        self.login(self.chief_a)
        r = self.client.get("/s/alpha/dashboard/")
        self.assertContains(r, "1 dag de næste to uger er underbemandet.")
        self.assertContains(r, "/s/alpha/roster/weeks/")
        self.login(self.volunteer_a)
        r = self.client.get("/s/alpha/dashboard/")
        self.assertNotContains(r, "underbemandet")

    def test_it_asks_nothing_more_for_a_counsellor(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.login(self.volunteer_a)
        self.client.get("/s/alpha/dashboard/")
        with CaptureQueriesContext(connection) as queries:
            self.client.get("/s/alpha/dashboard/")
        self.assertFalse(any("rosters_shift" in q["sql"] for q in queries.captured_queries))


@stays_on(TODAY)
class TemplateAccessTestCase(BaseTestCase):
    def test_it_404s_ending_a_template_from_the_wrong_site_or_role(self):
        from tests.rosters.helpers import make_template

        template = make_template(self.site_a)
        for user in (self.chief_b, self.volunteer_a, self.a_employed_counsellor):
            self.login(user)
            r = self.client.post(f"/s/alpha/roster/templates/{template.pk}/delete/")
            self.assertEqual(r.status_code, 404, user)
        self.login(self.chief_b)
        r = self.client.post(f"/s/beta/roster/templates/{template.pk}/delete/")
        self.assertEqual(r.status_code, 404)
        self.assertTrue(ShiftTemplate.objects.filter(pk=template.pk).exists())
        self.login(self.chief_a)
        self.client.post(f"/s/alpha/roster/templates/{template.pk}/delete/")
        self.assertFalse(ShiftTemplate.objects.filter(pk=template.pk).exists())
