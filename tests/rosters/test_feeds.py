import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from frirum.rosters.models import Assignment, RosterProfile
from frirum.rosters.profile import new_feed_token, revoke_feed_token
from frirum.sites.schedule import ZONE
from tests.base import BaseTestCase
from tests.clock import stays_on
from tests.rosters.helpers import make_shift

TODAY = timezone.localdate()
TOMORROW = TODAY + dt.timedelta(days=1)


def events(body: bytes):
    return [c for c in Calendar.from_ical(body).walk() if c.name == "VEVENT"]


@stays_on(TODAY)
class FeedTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.shift = make_shift(cls.site_a, TOMORROW, starts=dt.time(15), ends=dt.time(18))
        cls.assignment = Assignment.objects.create(shift=cls.shift, user=cls.volunteer_a)
        # A summer shift: the feed keeps its wall-clock time with the zone.
        cls.summer = make_shift(
            cls.site_a, dt.date(TODAY.year + 1, 7, 6), starts=dt.time(15), ends=dt.time(18)
        )
        Assignment.objects.create(shift=cls.summer, user=cls.volunteer_a)
        Assignment.objects.create(shift=cls.shift, user=cls.a_employed_counsellor)

    def test_it_serves_my_shifts_with_a_secret_token(self):
        token = new_feed_token(user=self.volunteer_a)
        r = self.client.get(f"/roster/feed/{token}.ics")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Content-Type"], "text/calendar; charset=utf-8")
        found = sorted(events(r.content), key=lambda e: e.decoded("dtstart"))
        self.assertEqual(len(found), 2)
        start = found[0].decoded("dtstart")
        self.assertEqual((start.date(), start.time()), (TOMORROW, dt.time(15)))
        self.assertEqual(str(found[0]["dtstart"].params["TZID"]), "Europe/Copenhagen")
        summer = found[1].decoded("dtstart")
        self.assertEqual(summer.astimezone(ZONE).hour, 15)
        self.assertEqual(summer.utcoffset(), dt.timedelta(hours=2))
        self.assertIn("headspace Alpha", str(found[0]["summary"]))

    def test_it_stops_a_revoked_or_replaced_token(self):
        old = new_feed_token(user=self.volunteer_a)
        new = new_feed_token(user=self.volunteer_a)
        self.assertEqual(self.client.get(f"/roster/feed/{old}.ics").status_code, 404)
        self.assertEqual(self.client.get(f"/roster/feed/{new}.ics").status_code, 200)
        revoke_feed_token(user=self.volunteer_a)
        self.assertEqual(self.client.get(f"/roster/feed/{new}.ics").status_code, 404)
        self.assertEqual(self.client.get("/roster/feed/guess.ics").status_code, 404)

    def test_it_serves_the_site_feed_to_its_chief_only(self):
        token = new_feed_token(user=self.chief_a)
        r = self.client.get(f"/roster/feed/{token}/alpha.ics")
        self.assertEqual(r.status_code, 200)
        found = events(r.content)
        self.assertEqual(len(found), 2)
        self.assertIn(self.volunteer_a.full_name, str(found[0]["description"]))
        self.assertEqual(self.client.get(f"/roster/feed/{token}/beta.ics").status_code, 404)
        volunteer_token = new_feed_token(user=self.volunteer_a)
        self.assertEqual(
            self.client.get(f"/roster/feed/{volunteer_token}/alpha.ics").status_code, 404
        )

    def test_it_makes_and_revokes_the_address_on_my_page(self):
        self.login(self.volunteer_a)
        self.client.post("/roster/mine/", {"form": "new_feed"})
        token = RosterProfile.objects.get(user=self.volunteer_a).feed_token
        self.assertTrue(token)
        self.assertContains(self.client.get("/roster/mine/"), token)
        self.client.post("/roster/mine/", {"form": "revoke_feed"})
        self.assertIsNone(RosterProfile.objects.get(user=self.volunteer_a).feed_token)


@stays_on(TODAY)
class ReminderTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        shift = make_shift(cls.site_a, TOMORROW)
        later = make_shift(cls.site_a, TOMORROW + dt.timedelta(days=1), template=shift.template)
        for user in (cls.volunteer_a, cls.a_employed_counsellor):
            Assignment.objects.create(shift=shift, user=user)
            Assignment.objects.create(shift=later, user=user)
        RosterProfile.objects.create(user=cls.volunteer_a, email_reminders=True)

    def test_it_reminds_those_who_opted_in_once(self):
        call_command("roster-reminders", stdout=open("/dev/null", "w"))
        self.assertEqual([m.to for m in mail.outbox], [[self.volunteer_a.email]])
        self.assertIn("headspace Alpha", mail.outbox[0].body)
        self.assertIn("Frirum", mail.outbox[0].subject)
        call_command("roster-reminders", stdout=open("/dev/null", "w"))
        self.assertEqual(len(mail.outbox), 1)

    def test_it_sends_nothing_without_shifts(self):
        call_command("roster-reminders", "--date", "2030-01-01", stdout=open("/dev/null", "w"))
        self.assertEqual(mail.outbox, [])
