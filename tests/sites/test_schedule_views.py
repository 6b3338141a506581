"""The chief's page for opening hours and closed days."""

import datetime as dt

from django.urls import reverse

from frirum.audit.models import AuditEntry
from frirum.sites.models import ClosedDay, OpeningHours
from tests.base import BaseTestCase


class ScheduleViewTests(BaseTestCase):
    def url(self, site=None):
        return reverse("sites:schedule", args=[(site or self.site_a).code])

    def weekly(self, **fields):
        data = {
            "form": "weekly",
            "weekly-weekday": "1",
            "weekly-opens": "13:00",
            "weekly-closes": "18:00",
        }
        data.update({f"weekly-{k}": v for k, v in fields.items()})
        return data

    def closed(self, **fields):
        data = {"form": "closed", "closed-date": "2026-12-24", "closed-reason": "Jul"}
        data.update({f"closed-{k}": v for k, v in fields.items()})
        return data

    def test_it_lets_the_chief_add_weekly_hours(self):
        self.login(self.chief_a)
        response = self.client.post(self.url(), self.weekly(valid_from="2026-01-01"))
        self.assertRedirects(response, self.url())
        row = OpeningHours.objects.get(site=self.site_a)
        self.assertEqual(
            (row.weekday, row.opens, row.valid_from), (1, dt.time(13), dt.date(2026, 1, 1))
        )
        self.assertTrue(AuditEntry.objects.filter(object_type="sites.openinghours").exists())

    def test_it_lets_the_hubs_chief_edit_the_satellite(self):
        self.login(self.chief_a)
        response = self.client.post(self.url(self.satellite_a), self.closed())
        self.assertRedirects(response, self.url(self.satellite_a))
        self.assertTrue(ClosedDay.objects.filter(site=self.satellite_a).exists())

    def test_it_lets_the_secretariat_edit_any_site(self):
        self.login(self.secretariat)
        self.assertEqual(self.client.get(self.url(self.chat)).status_code, 200)

    def test_it_refuses_the_wrong_site(self):
        self.login(self.chief_b)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.post(self.url(), self.weekly()).status_code, 404)
        self.assertFalse(OpeningHours.objects.exists())

    def test_it_refuses_counsellors_and_viewers(self):
        for user in (self.a_employed_counsellor, self.volunteer_a, self.viewer_ballerup):
            self.login(user)
            self.assertEqual(self.client.post(self.url(), self.weekly()).status_code, 404)
        self.assertFalse(OpeningHours.objects.exists())

    def test_it_sends_anonymous_visitors_to_sign_in(self):
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("accounts:login"), response["Location"])

    def test_it_shows_errors_next_to_the_fields_and_keeps_the_input(self):
        self.login(self.chief_a)
        response = self.client.post(self.url(), self.weekly(closes="12:00", valid_to="zz"))
        self.assertEqual(response.status_code, 400)
        self.assertFormError(
            response.context["weekly_form"],
            "closes",
            "Lukketiden skal være efter åbningstiden.",
        )
        self.assertIn("valid_to", response.context["weekly_form"].errors)
        self.assertContains(response, 'value="12:00"', status_code=400)

    def test_it_refuses_overlapping_hours(self):
        self.login(self.chief_a)
        self.client.post(self.url(), self.weekly())
        response = self.client.post(self.url(), self.weekly(opens="17:00", closes="19:00"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("opens", response.context["weekly_form"].errors)
        # Next season's hours may follow on without overlapping.
        self.client.post(self.url(), self.weekly())  # same again: refused
        OpeningHours.objects.filter(site=self.site_a).update(valid_to=dt.date(2026, 5, 31))
        response = self.client.post(self.url(), self.weekly(valid_from="2026-06-01"))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(OpeningHours.objects.filter(site=self.site_a).count(), 2)

    def test_it_refuses_a_half_given_short_day_and_a_second_entry_for_a_date(self):
        self.login(self.chief_a)
        response = self.client.post(self.url(), self.closed(opens="10:00"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("closes", response.context["closed_form"].errors)
        self.client.post(self.url(), self.closed())
        response = self.client.post(self.url(), self.closed())
        self.assertIn("date", response.context["closed_form"].errors)

    def test_it_refuses_a_phone_number_in_the_reason(self):
        self.login(self.chief_a)
        response = self.client.post(self.url(), self.closed(reason="Ring 20 30 40 50"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("reason", response.context["closed_form"].errors)

    def test_it_removes_rows_of_its_own_site_only(self):
        row = OpeningHours.objects.create(
            site=self.site_b, weekday=0, opens=dt.time(9), closes=dt.time(12)
        )
        closed = ClosedDay.objects.create(site=self.site_b, date=dt.date(2026, 12, 24))
        self.login(self.chief_a)
        for name, pk in (("sites:delete_hours", row.pk), ("sites:delete_closed_day", closed.pk)):
            # Named through the chief's own site, the other site's rows are still not found.
            self.assertEqual(self.client.post(reverse(name, args=["alpha", pk])).status_code, 404)
            self.assertEqual(self.client.post(reverse(name, args=["beta", pk])).status_code, 404)
        self.login(self.chief_b)
        self.client.post(reverse("sites:delete_hours", args=["beta", row.pk]))
        self.client.post(reverse("sites:delete_closed_day", args=["beta", closed.pk]))
        self.assertFalse(OpeningHours.objects.exists() or ClosedDay.objects.exists())

    def test_it_lists_many_rows_in_few_queries(self):
        for weekday in range(7):
            for hour in (8, 12, 16):
                OpeningHours.objects.create(
                    site=self.site_a, weekday=weekday, opens=dt.time(hour), closes=dt.time(hour + 2)
                )
        for day in range(1, 29):
            ClosedDay.objects.create(
                site=self.site_a, date=dt.date(2026, 12, 1) + dt.timedelta(day)
            )
        self.login(self.chief_a)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(response.context["weekly"]), 21)


class PublicSettingsTests(BaseTestCase):
    def post(self, site, **fields):
        data = {
            "form": "public",
            "public-drop_in": "on",
            "public-booking_slot_minutes": "45",
            "public-public_link": "",
        }
        data.update({f"public-{k}": v for k, v in fields.items()})
        return self.client.post(reverse("sites:schedule", args=[site.code]), data)

    def test_it_lets_the_chief_turn_on_booking(self):
        self.login(self.chief_a)
        response = self.post(self.satellite_a, booking_enabled="on", booking_slot_minutes="60")
        self.assertEqual(response.status_code, 302)
        self.satellite_a.refresh_from_db()
        self.assertTrue(self.satellite_a.booking_enabled)
        self.assertEqual(self.satellite_a.booking_slot_minutes, 60)
        self.assertTrue(AuditEntry.objects.filter(object_type="sites.site").exists())

    def test_it_refuses_a_bad_length_or_link_next_to_the_field(self):
        self.login(self.chief_a)
        response = self.post(self.site_a, booking_slot_minutes="7", public_link="http://x.example")
        self.assertEqual(response.status_code, 400)
        self.assertIn("booking_slot_minutes", response.context["public_form"].errors)
        response = self.post(self.site_a, public_link="http://x.example")
        self.assertIn("public_link", response.context["public_form"].errors)
        self.site_a.refresh_from_db()
        self.assertEqual(self.site_a.public_link, "")

    def test_it_refuses_the_wrong_site_and_role(self):
        for user in (self.chief_b, self.volunteer_a):
            self.login(user)
            self.assertEqual(self.post(self.site_a, booking_enabled="on").status_code, 404)
        self.site_a.refresh_from_db()
        self.assertFalse(self.site_a.booking_enabled)


class ClosedPeriodTests(BaseTestCase):
    def post(self, **fields):
        data = {"form": "closed", "closed-reason": "Sommerferie"}
        data.update({f"closed-{k}": v for k, v in fields.items()})
        self.login(self.chief_a)
        return self.client.post(reverse("sites:schedule", args=["alpha"]), data)

    def test_it_adds_a_holiday_of_several_days_at_once(self):
        response = self.post(date="2026-07-06", last_date="2026-07-26")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ClosedDay.objects.filter(site=self.site_a).count(), 21)

    def test_it_refuses_a_backwards_too_long_or_overlapping_period(self):
        ClosedDay.objects.create(site=self.site_a, date=dt.date(2026, 7, 10))
        for fields, field in (
            ({"date": "2026-07-06", "last_date": "2026-07-01"}, "last_date"),
            ({"date": "2026-01-01", "last_date": "2026-12-31"}, "last_date"),
            ({"date": "2026-07-06", "last_date": "2026-07-12"}, "date"),
        ):
            response = self.post(**fields)
            self.assertEqual(response.status_code, 400)
            self.assertIn(field, response.context["closed_form"].errors)
        self.assertEqual(ClosedDay.objects.count(), 1)
