import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

from frirum.accounts.models import Membership, Role
from frirum.audit.models import AuditEntry
from frirum.rosters.actions import remove, sign_up
from frirum.rosters.models import Assignment, Notification
from frirum.rosters.selectors import candidates, month_days, understaffed_days, week_overview
from tests.base import BaseTestCase, make_user
from tests.rosters.helpers import make_shift, make_template
from tests.volunteers.helpers import grant

NEXT_WEEK = timezone.localdate() + dt.timedelta(days=7)


class SignUpTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.shift = make_shift(cls.site_a, NEXT_WEEK, max_counsellors=2, min_counsellors=2)
        cls.approved = []
        for i in range(3):
            user = make_user(f"godkendt{i}@example.org", f"Godkendt {i}")
            Membership.objects.create(user=user, site=cls.site_a, role=Role.VOLUNTEER_COUNSELLOR)
            grant(user, "approved_counsellor")
            cls.approved.append(user)
        grant(cls.volunteer_b, "approved_counsellor")

    def test_it_signs_up_a_qualified_member_with_an_audit_entry(self):
        assignment = sign_up(actor=self.approved[0], shift=self.shift)
        self.assertEqual(assignment.user, self.approved[0])
        self.assertTrue(AuditEntry.objects.filter(object_type="rosters.assignment").exists())
        # Nobody is told of their own sign-up.
        self.assertFalse(Notification.objects.exists())

    def test_it_refuses_the_unqualified(self):
        with self.assertRaises(ValidationError):
            sign_up(actor=self.volunteer_a, shift=self.shift)

    def test_it_refuses_an_expired_qualification(self):
        grant(
            self.volunteer_a,
            "approved_counsellor",
            on=dt.date(2024, 1, 1),
            expires_on=NEXT_WEEK - dt.timedelta(days=1),
        )
        with self.assertRaises(ValidationError):
            sign_up(actor=self.volunteer_a, shift=self.shift)

    def test_it_refuses_another_sites_volunteer(self):
        with self.assertRaises(ValidationError):
            sign_up(actor=self.volunteer_b, shift=self.shift)

    def test_it_refuses_over_the_maximum(self):
        sign_up(actor=self.approved[0], shift=self.shift)
        sign_up(actor=self.approved[1], shift=self.shift)
        with self.assertRaises(ValidationError):
            sign_up(actor=self.approved[2], shift=self.shift)
        self.assertEqual(self.shift.assignments.count(), 2)

    def test_it_refuses_twice_and_double_booking(self):
        sign_up(actor=self.approved[0], shift=self.shift)
        with self.assertRaises(ValidationError):
            sign_up(actor=self.approved[0], shift=self.shift)
        overlapping = make_shift(self.satellite_a, NEXT_WEEK, starts=dt.time(17), ends=dt.time(19))
        Membership.objects.create(
            user=self.approved[0], site=self.satellite_a, role=Role.VOLUNTEER_COUNSELLOR
        )
        with self.assertRaises(ValidationError):
            sign_up(actor=self.approved[0], shift=overlapping)
        later = make_shift(self.satellite_a, NEXT_WEEK, starts=dt.time(18), ends=dt.time(20))
        sign_up(actor=self.approved[0], shift=later)

    def test_it_refuses_a_past_shift(self):
        past = make_shift(self.site_a, timezone.localdate() - dt.timedelta(days=1))
        with self.assertRaises(ValidationError):
            sign_up(actor=self.approved[0], shift=past)

    def test_it_lets_the_chief_assign_and_tells_the_volunteer(self):
        sign_up(actor=self.chief_a, shift=self.shift, user=self.approved[0])
        notice = Notification.objects.get()
        self.assertEqual(
            (notice.user, notice.kind, notice.actor), (self.approved[0], "assigned", self.chief_a)
        )
        remove(actor=self.chief_a, assignment=Assignment.objects.get())
        self.assertEqual(Notification.objects.filter(kind="unassigned").count(), 1)

    def test_it_lists_candidates_who_qualify_and_are_free(self):
        busy = self.approved[2]
        other = make_shift(
            self.site_a,
            NEXT_WEEK,
            template=make_template(
                self.site_a, weekday=NEXT_WEEK.weekday(), label="Chat", required=()
            ),
            starts=dt.time(15),
            ends=dt.time(16),
        )
        sign_up(actor=busy, shift=other)
        sign_up(actor=self.approved[0], shift=self.shift)
        self.assertEqual(candidates(self.shift), [self.approved[1]])

    def test_it_shows_understaffed_days_ahead(self):
        sign_up(actor=self.approved[0], shift=self.shift)
        days = understaffed_days(
            [self.site_a, self.site_b],
            timezone.localdate(),
            timezone.localdate() + dt.timedelta(days=28),
        )
        self.assertEqual([(site.code, day.date) for site, day in days], [("alpha", NEXT_WEEK)])
        sign_up(actor=self.approved[1], shift=self.shift)
        self.assertEqual(
            understaffed_days([self.site_a], timezone.localdate(), NEXT_WEEK + dt.timedelta(1)), []
        )
        month = month_days(self.site_a, NEXT_WEEK.year, NEXT_WEEK.month)
        self.assertFalse(month[0].understaffed)
        self.assertEqual(month[0].shifts[0].staffed, 2)

    def test_it_summarises_weeks(self):
        monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
        rows = week_overview([self.site_a], monday, 3)
        self.assertEqual([r["understaffed"] for r in rows], [0, 1, 0])
        self.assertEqual(rows[1]["understaffed_days"], 1)

    def test_it_reads_an_empty_month(self):
        self.assertEqual(month_days(self.site_b, 2030, 12), [])
