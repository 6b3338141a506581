import datetime as dt

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from frirum.accounts.models import Membership, Role
from frirum.rosters.actions import decide_take_over, release, sign_up, take_over, withdraw_release
from frirum.rosters.models import Notification, RosterProfile, RosterSettings
from frirum.rosters.selectors import candidates, released_shifts_for
from tests.base import BaseTestCase, make_user
from tests.rosters.helpers import make_shift, make_template
from tests.volunteers.helpers import grant

NEXT_WEEK = timezone.localdate() + dt.timedelta(days=7)


class SwapTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.shift = make_shift(cls.site_a, NEXT_WEEK)

        def member(name, qualified=True):
            user = make_user(f"{name}@example.org", name.title())
            Membership.objects.create(user=user, site=cls.site_a, role=Role.VOLUNTEER_COUNSELLOR)
            if qualified:
                grant(user, "approved_counsellor")
            return user

        cls.owner = member("ejer")
        cls.free = member("ledig")
        cls.busy = member("optaget")
        cls.unqualified = member("ny", qualified=False)
        grant(cls.volunteer_b, "approved_counsellor")
        other = make_shift(
            cls.site_a,
            NEXT_WEEK,
            template=make_template(
                cls.site_a, weekday=NEXT_WEEK.weekday(), label="Chat", required=()
            ),
        )
        sign_up(actor=cls.busy, shift=other)

    def setUp(self):
        self.assignment = sign_up(actor=self.owner, shift=self.shift)

    def test_it_offers_a_released_shift_only_to_the_qualified_and_free(self):
        release(actor=self.owner, assignment=self.assignment)
        self.assertEqual(candidates(self.shift), [self.free])
        self.assertEqual(len(released_shifts_for(self.free, timezone.localdate())), 1)
        for user in (self.busy, self.unqualified, self.volunteer_b, self.owner):
            self.assertEqual(released_shifts_for(user, timezone.localdate()), [], user)
            if user != self.owner:
                with self.assertRaises(ValidationError, msg=user):
                    take_over(actor=user, assignment=self.assignment)
        # The offer reaches the free colleague and the chief, nobody else.
        told = set(Notification.objects.filter(kind="released").values_list("user_id", flat=True))
        self.assertEqual(told, {self.free.pk, self.chief_a.pk})

    def test_it_stays_the_owners_until_taken(self):
        release(actor=self.owner, assignment=self.assignment)
        self.assignment.refresh_from_db()
        self.assertEqual(self.assignment.user, self.owner)
        take_over(actor=self.free, assignment=self.assignment)
        self.assignment.refresh_from_db()
        self.assertEqual(self.assignment.user, self.free)
        self.assertIsNone(self.assignment.released_at)
        self.assertTrue(Notification.objects.filter(user=self.owner, kind="taken").exists())
        self.assertTrue(Notification.objects.filter(user=self.free, kind="took").exists())

    def test_it_refuses_taking_an_unreleased_shift_or_releasing_someone_elses(self):
        with self.assertRaises(ValidationError):
            take_over(actor=self.free, assignment=self.assignment)
        with self.assertRaises(ValidationError):
            release(actor=self.free, assignment=self.assignment)

    def test_it_waits_for_the_chiefs_approval_where_required(self):
        RosterSettings.objects.create(site=self.site_a, release_needs_approval=True)
        release(actor=self.owner, assignment=self.assignment)
        take_over(actor=self.free, assignment=self.assignment)
        self.assignment.refresh_from_db()
        self.assertEqual((self.assignment.user, self.assignment.taker), (self.owner, self.free))
        self.assertTrue(
            Notification.objects.filter(user=self.chief_a, kind="take_requested").exists()
        )
        decide_take_over(actor=self.chief_a, assignment=self.assignment, approve=True)
        self.assignment.refresh_from_db()
        self.assertEqual((self.assignment.user, self.assignment.taker), (self.free, None))

    def test_it_tells_both_when_the_chief_refuses(self):
        RosterSettings.objects.create(site=self.site_a, release_needs_approval=True)
        release(actor=self.owner, assignment=self.assignment)
        take_over(actor=self.free, assignment=self.assignment)
        decide_take_over(actor=self.chief_a, assignment=self.assignment, approve=False)
        self.assignment.refresh_from_db()
        self.assertEqual((self.assignment.user, self.assignment.taker), (self.owner, None))
        told = set(
            Notification.objects.filter(kind="take_refused").values_list("user_id", flat=True)
        )
        self.assertEqual(told, {self.owner.pk, self.free.pk})

    def test_it_withdraws_a_release(self):
        release(actor=self.owner, assignment=self.assignment)
        withdraw_release(actor=self.owner, assignment=self.assignment)
        self.assertEqual(candidates(self.shift), [self.free])
        with self.assertRaises(ValidationError):
            take_over(actor=self.free, assignment=self.assignment)

    def test_it_emails_those_who_opted_in(self):
        RosterProfile.objects.create(user=self.owner, email_changes=True)
        release(actor=self.owner, assignment=self.assignment)
        self.assertEqual(mail.outbox, [])  # the owner released it themself
        take_over(actor=self.free, assignment=self.assignment)
        self.assertEqual([m.to for m in mail.outbox], [[self.owner.email]])
        self.assertIn(self.free.full_name, mail.outbox[0].body)
