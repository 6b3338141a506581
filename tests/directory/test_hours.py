"""The owner keeps a service's places, weekly hours and days that differ in the workspace:
the chief, the named editor and (national entries) the secretariat; errors next to the
field; every change audited and verifying the entry; the search's "open now" follows."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frirum.audit.models import AuditAction, AuditEntry
from frirum.directory.models import (
    Location,
    Schedule,
    ScheduleException,
    ServiceAtLocation,
)
from frirum.directory.selectors import SearchQuery, search_services
from tests.base import BaseTestCase
from tests.directory.factories import make_service

# A Wednesday afternoon in Copenhagen.
NOW = dt.datetime(2026, 11, 25, 15, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
WEDNESDAY = 2


def open_now(service) -> bool:
    hits = search_services(SearchQuery(), now=NOW, limit=500)
    return next(h for h in hits if h.service == service).open_now


class HoursTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.entry = make_service("PPR Alpha", owner_site=cls.site_a, verified_on=None)
        cls.national = make_service("Børnetelefonen", owner_site=None, verified_on=None)

    def url(self, site="alpha", service=None):
        return reverse("directory:hours", args=[site, (service or self.entry).uid])

    def item_url(self, kind, item, name="directory:hours_item", service=None):
        return reverse(name, args=["alpha", (service or self.entry).uid, kind, item.uid])

    def schedule_data(self, **extra):
        data = {
            "kind": "schedule",
            "schedule-weekday": str(WEDNESDAY),
            "schedule-opens_at": "14:00",
            "schedule-closes_at": "17:00",
        }
        data.update(extra)
        return data

    def test_it_lets_the_chief_add_weekly_hours_which_open_the_service_in_the_search(self):
        self.assertFalse(open_now(self.entry))
        self.login(self.chief_a)
        self.assertEqual(self.client.get(self.url()).status_code, 200)
        response = self.client.post(self.url(), self.schedule_data())
        self.assertEqual(response.status_code, 302)
        schedule = Schedule.objects.get(service=self.entry)
        self.assertEqual((schedule.opens_at, schedule.closes_at), (dt.time(14), dt.time(17)))
        self.assertTrue(open_now(self.entry))
        self.entry.refresh_from_db()
        # The same rule as the service form: saving is verifying.
        self.assertEqual(self.entry.verified_on, timezone.localdate())
        self.assertEqual(self.entry.verified_by, self.chief_a)
        audit = AuditEntry.objects.get(object_type="directory.schedule")
        self.assertEqual(audit.action, AuditAction.CREATE)
        self.assertEqual(audit.actor, self.chief_a)
        self.assertEqual(audit.site, self.site_a)

    def test_it_closes_the_service_for_a_day_and_reopens_it_when_the_day_is_removed(self):
        Schedule.objects.create(
            service=self.entry, weekday=WEDNESDAY, opens_at=dt.time(9), closes_at=dt.time(18)
        )
        self.login(self.chief_a)
        response = self.client.post(
            self.url(), {"kind": "exception", "exception-date": "2026-11-25"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertFalse(open_now(self.entry))
        exception = ScheduleException.objects.get(service=self.entry)
        self.assertTrue(exception.is_closed)
        response = self.client.post(
            self.item_url("exception", exception),
            {
                "exception-date": "2026-11-25",
                "exception-opens_at": "14:30",
                "exception-closes_at": "16:00",
                "exception-note": "Kort dag",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(open_now(self.entry))
        self.client.post(self.item_url("exception", exception, name="directory:hours_remove"))
        self.assertFalse(ScheduleException.objects.exists())
        self.assertTrue(open_now(self.entry))
        actions = list(
            AuditEntry.objects.filter(object_type="directory.scheduleexception")
            .order_by("id")
            .values_list("action", flat=True)
        )
        self.assertEqual(actions, [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE])

    def test_it_changes_weekly_hours_so_the_service_is_no_longer_open_now(self):
        schedule = Schedule.objects.create(
            service=self.entry, weekday=WEDNESDAY, opens_at=dt.time(9), closes_at=dt.time(18)
        )
        self.assertTrue(open_now(self.entry))
        self.login(self.chief_a)
        self.assertEqual(self.client.get(self.item_url("schedule", schedule)).status_code, 200)
        data = {k: v for k, v in self.schedule_data(**{"schedule-closes_at": "12:00"}).items()}
        data["schedule-opens_at"] = "09:00"
        response = self.client.post(self.item_url("schedule", schedule), data)
        self.assertEqual(response.status_code, 302)
        self.assertFalse(open_now(self.entry))

    def test_it_adds_changes_and_removes_a_place(self):
        self.login(self.chief_a)
        response = self.client.post(
            self.url(),
            {
                "kind": "location",
                "location-name": "Rådhuset",
                "location-address": "Hold-An Vej 7",
                "location-postal_code": "2750",
                "location-city": "Ballerup",
                "location-municipality": str(self.ballerup.pk),
            },
        )
        self.assertEqual(response.status_code, 302)
        location = Location.objects.get(services__service=self.entry)
        self.assertEqual(location.organization, self.entry.organization)
        self.assertEqual(location.municipality, self.ballerup)
        self.assertContains(self.client.get(self.url()), "Hold-An Vej 7")
        response = self.client.post(
            self.item_url("location", location),
            {"location-name": "Rådhuset, 1. sal", "location-postal_code": "2750"},
        )
        self.assertEqual(response.status_code, 302)
        location.refresh_from_db()
        self.assertEqual((location.name, location.address), ("Rådhuset, 1. sal", ""))
        self.client.post(self.item_url("location", location, name="directory:hours_remove"))
        self.assertFalse(Location.objects.filter(pk=location.pk).exists())

    def test_it_keeps_a_place_another_service_is_held_at(self):
        other = make_service("SSP Alpha", owner_site=self.site_a)
        location = Location.objects.create(organization=self.entry.organization, name="Huset")
        ServiceAtLocation.objects.create(service=self.entry, location=location)
        ServiceAtLocation.objects.create(service=other, location=location)
        self.login(self.chief_a)
        self.client.post(self.item_url("location", location, name="directory:hours_remove"))
        self.assertTrue(Location.objects.filter(pk=location.pk).exists())
        self.assertEqual(
            list(ServiceAtLocation.objects.values_list("service", flat=True)), [other.pk]
        )

    def test_it_keeps_bad_input_next_to_the_field(self):
        self.login(self.chief_a)
        response = self.client.post(
            self.url(), self.schedule_data(**{"schedule-closes_at": "13:00"})
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("closes_at", response.context["schedule_form"].errors)
        self.assertContains(response, 'value="13:00"', status_code=400)
        response = self.client.post(
            self.url(),
            {"kind": "exception", "exception-date": "25-11-2026x", "exception-opens_at": "10:00"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("date", response.context["exception_form"].errors)
        self.assertContains(response, 'value="25-11-2026x"', status_code=400)
        response = self.client.post(self.url(), {"kind": "location", "location-postal_code": "abc"})
        errors = response.context["location_form"].errors
        self.assertEqual(set(errors), {"name", "postal_code"})
        response = self.client.post(self.url(), {"kind": "nonsense"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Schedule.objects.exists() or ScheduleException.objects.exists())
        self.assertFalse(Location.objects.exists())
        self.entry.refresh_from_db()
        self.assertIsNone(self.entry.verified_on)

    def test_it_refuses_a_second_exception_on_the_same_day(self):
        ScheduleException.objects.create(service=self.entry, date=dt.date(2026, 12, 24))
        self.login(self.chief_a)
        response = self.client.post(
            self.url(), {"kind": "exception", "exception-date": "2026-12-24"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("date", response.context["exception_form"].errors)

    def test_it_lets_the_named_editor_but_not_a_volunteer_or_another_site(self):
        self.login(self.volunteer_a)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.post(self.url(), self.schedule_data()).status_code, 404)
        self.login(self.chief_b)
        self.assertEqual(self.client.get(self.url(site="beta")).status_code, 404)
        self.login(self.viewer_ballerup)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertFalse(Schedule.objects.exists())
        self.entry.editor = self.volunteer_a
        self.entry.save(update_fields=["editor"])
        self.login(self.volunteer_a)
        self.assertEqual(self.client.post(self.url(), self.schedule_data()).status_code, 302)

    def test_it_lets_only_the_secretariat_keep_a_national_entry(self):
        self.login(self.chief_a)
        self.assertEqual(self.client.get(self.url(service=self.national)).status_code, 404)
        self.login(self.secretariat)
        response = self.client.post(self.url(service=self.national), self.schedule_data())
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.national.schedules.count(), 1)
        self.assertIsNone(AuditEntry.objects.get(object_type="directory.schedule").site)

    def test_it_refuses_another_services_item_and_an_unknown_kind(self):
        other = make_service("SSP Alpha", owner_site=self.site_a)
        schedule = Schedule.objects.create(
            service=other, weekday=0, opens_at=dt.time(9), closes_at=dt.time(10)
        )
        self.login(self.chief_a)
        self.assertEqual(self.client.get(self.item_url("schedule", schedule)).status_code, 404)
        remove = self.item_url("schedule", schedule, name="directory:hours_remove")
        self.assertEqual(self.client.post(remove).status_code, 404)
        self.assertEqual(self.client.get(self.item_url("gizmo", schedule)).status_code, 404)
        self.assertTrue(Schedule.objects.filter(pk=schedule.pk).exists())

    def test_it_shows_an_empty_service_and_a_full_week_in_as_many_queries(self):
        self.login(self.chief_a)
        self.client.get(self.url())  # warm the session and the site's caches
        with CaptureQueriesContext(connection) as empty:
            response = self.client.get(self.url())
        self.assertEqual(response.context["schedules"], [])
        Schedule.objects.bulk_create(
            Schedule(
                service=self.entry,
                weekday=day % 7,
                opens_at=dt.time(8 + day // 7),
                closes_at=dt.time(9 + day // 7),
            )
            for day in range(70)
        )
        with self.assertNumQueries(len(empty)):
            response = self.client.get(self.url())
        self.assertEqual(len(response.context["schedules"]), 70)
