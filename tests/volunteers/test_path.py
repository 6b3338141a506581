import datetime as dt

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TransactionTestCase
from django.utils import timezone

from frirum.accounts.models import Membership, Role
from frirum.audit.models import AuditEntry
from frirum.volunteers.actions import record_step, register_application
from frirum.volunteers.models import QualificationGrant, Step, VolunteerPath
from frirum.volunteers.qualifications import qualified
from frirum.volunteers.selectors import pipeline, side_by_side_count
from tests.base import BaseTestCase, make_contact
from tests.clock import stays_on
from tests.volunteers.helpers import grant

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


@stays_on(TODAY)
class PathTestCase(BaseTestCase):
    def apply(self, email="ny@example.org", on=None):
        return register_application(
            actor=self.chief_a,
            site=self.site_a,
            full_name="Ny Frivillig",
            email=email,
            on=on or TODAY - 30 * DAY,
            note="Studerer psykologi",
        )

    def test_it_registers_an_application_without_record_access(self):
        path = self.apply()
        self.assertEqual(path.step, Step.APPLICATION)
        membership = Membership.objects.get(user=path.user, site=self.site_a)
        self.assertEqual(membership.role, Role.VOLUNTEER_COUNSELLOR)
        self.assertFalse(membership.is_active)
        self.assertFalse(path.user.has_usable_password())
        self.assertTrue(
            AuditEntry.objects.filter(
                object_type="volunteers.volunteerpath", action="create"
            ).exists()
        )

    def test_it_refuses_identifying_text_about_others(self):
        with self.assertRaises(ValidationError):
            register_application(
                actor=self.chief_a,
                site=self.site_a,
                full_name="X",
                email="x@example.org",
                on=TODAY,
                note="Kender en ung med CPR 010101-1234",
            )

    def test_it_records_each_step_dated_by_whom_and_audited(self):
        path = self.apply()
        record_step(actor=self.chief_a, path=path, step=Step.INTERVIEW, on=TODAY - 20 * DAY)
        record_step(actor=self.chief_a, path=path, step=Step.INTRO_COURSE, on=TODAY - 10 * DAY)
        path.refresh_from_db()
        self.assertEqual((path.step, path.step_on), (Step.INTRO_COURSE, TODAY - 10 * DAY))
        self.assertEqual(
            [s.step for s in path.steps.all()],
            [Step.APPLICATION, Step.INTERVIEW, Step.INTRO_COURSE],
        )
        self.assertTrue(all(s.by == self.chief_a for s in path.steps.all()))
        entry = AuditEntry.objects.filter(
            object_type="volunteers.volunteerpath", action="update"
        ).first()
        self.assertEqual(entry.changes["step"], ["interview", "intro_course"])
        # The intro course opens the site's records and grants its qualification.
        self.assertTrue(Membership.objects.get(user=path.user, site=self.site_a).is_active)
        self.assertTrue(qualified(path.user, "intro_course", on=TODAY - 10 * DAY))

    def test_it_grants_the_approved_qualification_on_approval(self):
        path = self.apply()
        record_step(actor=self.chief_a, path=path, step=Step.APPROVED, on=TODAY)
        grant_ = QualificationGrant.objects.get(
            user=path.user, qualification__code="approved_counsellor"
        )
        self.assertEqual(grant_.via_step.step, Step.APPROVED)
        self.assertTrue(qualified(path.user, "intro_course", on=TODAY))

    def test_it_refuses_going_back_a_future_date_or_an_earlier_date(self):
        path = self.apply()
        record_step(actor=self.chief_a, path=path, step=Step.INTRO_COURSE, on=TODAY - 5 * DAY)
        for step, on in (
            (Step.INTERVIEW, TODAY),
            (Step.APPROVED, TODAY + DAY),
            (Step.APPROVED, TODAY - 6 * DAY),
            (Step.INTRO_COURSE, TODAY),
        ):
            with self.assertRaises(ValidationError, msg=(step, on)):
                record_step(actor=self.chief_a, path=path, step=step, on=on)
        path.refresh_from_db()
        self.assertEqual(path.step, Step.INTRO_COURSE)

    def test_it_closes_access_when_the_volunteer_leaves_and_allows_rejoining(self):
        path = self.apply()
        record_step(actor=self.chief_a, path=path, step=Step.ACTIVE, on=TODAY - 2 * DAY)
        record_step(actor=self.chief_a, path=path, step=Step.LEFT, on=TODAY - DAY)
        membership = Membership.objects.get(user=path.user, site=self.site_a)
        self.assertFalse(membership.is_active)
        self.assertEqual(membership.ended_on, TODAY - DAY)
        with self.assertRaises(ValidationError):
            record_step(actor=self.chief_a, path=path, step=Step.INTRO_COURSE, on=TODAY)
        record_step(actor=self.chief_a, path=path, step=Step.APPLICATION, on=TODAY)

    def test_it_refuses_a_second_path_at_the_same_site(self):
        self.apply()
        with self.assertRaises(ValidationError):
            self.apply()
        self.assertEqual(VolunteerPath.objects.count(), 1)


@stays_on(TODAY)
class SideBySideTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.trainee_path = VolunteerPath.objects.create(
            user=cls.volunteer_a,
            site=cls.site_a,
            step=Step.INTRO_COURSE,
            step_on=dt.date(2025, 1, 1),
            side_by_side_before=2,
        )
        cls.approved = cls.a_seconded_municipal  # not employed: counts only when approved
        grant(cls.approved, "approved_counsellor", on=dt.date(2025, 3, 1))

    def test_it_counts_conversations_with_an_approved_or_employed_partner(self):
        make_contact(
            self.site_a, date=dt.date(2025, 3, 4), counsellors=[self.volunteer_a, self.approved]
        )
        make_contact(
            self.site_a,
            date=dt.date(2025, 3, 5),
            counsellors=[self.volunteer_a, self.a_employed_counsellor],
        )
        # Alone, with a not yet approved partner, at another site: not side by side.
        make_contact(self.site_a, date=dt.date(2025, 3, 6), counsellors=[self.volunteer_a])
        make_contact(
            self.site_a, date=dt.date(2025, 2, 1), counsellors=[self.volunteer_a, self.approved]
        )
        make_contact(
            self.site_b,
            date=dt.date(2025, 3, 7),
            counsellors=[self.volunteer_a, self.b_employed_counsellor],
        )
        self.assertEqual(side_by_side_count(self.trainee_path), 2 + 2)

    def test_it_shows_the_pipeline_with_counts_and_waiting_times(self):
        make_contact(
            self.site_a,
            date=dt.date(2025, 3, 5),
            counsellors=[self.volunteer_a, self.a_employed_counsellor],
        )
        VolunteerPath.objects.create(
            user=self.a_peer_volunteer,
            site=self.site_a,
            step=Step.APPLICATION,
            step_on=dt.date(2025, 3, 1),
        )
        stages = {s.step: s for s in pipeline(self.site_a, today=dt.date(2025, 3, 11))}
        self.assertEqual(stages[Step.APPLICATION].count, 1)
        self.assertEqual(stages[Step.APPLICATION].longest_wait, 10)
        self.assertEqual(stages[Step.INTRO_COURSE].paths[0].side_by_side, 3)
        self.assertEqual(stages[Step.ACTIVE].count, 0)
        self.assertIsNone(stages[Step.ACTIVE].median_wait)

    def test_it_reads_the_pipeline_in_a_constant_number_of_queries(self):
        with self.assertNumQueries(4):
            pipeline(self.site_a, today=dt.date(2025, 3, 11))


@stays_on(TODAY)
class CarryOverTestCase(TransactionTestCase):
    """The team page's training fields, carried into paths by the migrations (a real
    migration back and forth, since the fields no longer exist on the model)."""

    serialized_rollback = True
    before = [("volunteers", "0001_initial"), ("accounts", "0003_drop_account_lockout")]
    after = [("volunteers", "0002_defaults_and_training")]

    def test_it_carries_the_team_page_training_into_paths(self):
        executor = MigrationExecutor(connection)
        executor.migrate(self.before)
        try:
            old = executor.loader.project_state(self.before).apps
            site = old.get_model("sites", "Site").objects.create(
                code="old",
                name="Old",
                kind="centre",
                municipality=old.get_model("sites", "Municipality").objects.get(code="151"),
            )
            User = old.get_model("accounts", "User")
            Membership = old.get_model("accounts", "Membership")
            trained = User.objects.create(
                email="t@example.org",
                full_name="T",
                intro_course_on=dt.date(2024, 5, 1),
                side_by_side_count=6,
                counselling_active=True,
            )
            new = User.objects.create(
                email="n@example.org", full_name="N", counselling_active=False
            )
            chief = User.objects.create(email="c@example.org", full_name="C")
            for user, role in (
                (trained, "volunteer_counsellor"),
                (new, "volunteer_counsellor"),
                (chief, "centre_chief"),
            ):
                Membership.objects.create(user=user, site=site, role=role)
            executor.loader.build_graph()
            executor.migrate(self.after)
            apps = executor.loader.project_state(self.after).apps
            Path = apps.get_model("volunteers", "VolunteerPath")
            path = Path.objects.get(user_id=trained.pk)
            self.assertEqual((path.step, path.side_by_side_before), ("active", 6))
            self.assertEqual(
                list(path.steps.order_by("on").values_list("step", flat=True)),
                ["intro_course", "active"],
            )
            Grant = apps.get_model("volunteers", "QualificationGrant")
            self.assertEqual(
                set(
                    Grant.objects.filter(user_id=trained.pk).values_list(
                        "qualification__code", flat=True
                    )
                ),
                {"intro_course", "approved_counsellor"},
            )
            self.assertEqual(Path.objects.get(user_id=new.pk).step, "application")
            self.assertFalse(Path.objects.filter(user_id=chief.pk).exists())
        finally:
            executor.loader.build_graph()
            executor.migrate(executor.loader.graph.leaf_nodes())
