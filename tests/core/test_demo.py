import datetime as dt
import io
import re

from django.core.management import CommandError, call_command
from django.db.models import Count, F
from django.utils import timezone

from frirum.accounts.models import Membership, MunicipalityViewer, Role, User
from frirum.contacts.models import Contact, GroupSession, Outreach
from frirum.core.demo.base import DEMO_PASSWORD
from frirum.core.demo.network import SITE_CODES
from frirum.family.models import FamilyConversation, Relative, RelativeInquiry
from frirum.lib.anonymity import identifying_patterns
from frirum.people.models import Youth
from frirum.questionnaires.models import Response
from frirum.sites.models import ClosedDay, OpeningHours, Site, SiteKind
from tests.base import BaseTestCase, make_contact

SCALE = 0.05


def run_demo(*args) -> str:
    out = io.StringIO()
    call_command("demo", "--scale", str(SCALE), *args, stdout=out)
    return out.getvalue()


class DemoTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A record outside the demo, which --reset must leave alone.
        cls.own_contact = make_contact(cls.site_a)
        cls.output = run_demo()

    def test_it_creates_the_network(self):
        sites = {s.code: s for s in Site.objects.filter(code__in=SITE_CODES)}
        self.assertEqual(set(sites), set(SITE_CODES))
        kinds = {s.kind for s in sites.values()}
        self.assertEqual(kinds, set(SiteKind.values))
        self.assertEqual(sites["hs-fureso"].hub, sites["hs-ballerup"])
        self.assertEqual(sites["hs-ballerup"].municipality.code, "151")
        self.assertEqual(
            {s.code for s in sites["hs-rodovre"].satellites.all()},
            {"hs-glostrup", "hs-albertslund"},
        )
        self.assertIsNone(sites["hs-chat"].municipality)
        # A satellite opens two days a week.
        days = OpeningHours.objects.filter(site=sites["hs-fureso"]).values("weekday").distinct()
        self.assertEqual(days.count(), 2)

    def test_it_has_people_in_every_role(self):
        roles = set(
            Membership.objects.filter(site__code__in=SITE_CODES).values_list("role", flat=True)
        )
        self.assertEqual(roles, set(Role.values))
        peer_sites = Membership.objects.filter(role=Role.PEER_VOLUNTEER, site__code__in=SITE_CODES)
        self.assertEqual({m.site.kind for m in peer_sites}, {SiteKind.FAMILY})
        secretariat = User.objects.get(email="sekretariat@demo.frirum.example")
        self.assertTrue(secretariat.is_secretariat and secretariat.is_superuser)
        viewer = MunicipalityViewer.objects.get(user__email="kommune.ballerup@demo.frirum.example")
        self.assertEqual(viewer.municipality.code, "151")
        self.assertFalse(viewer.user.memberships.exists())

    def test_it_records_volunteer_training(self):
        from frirum.volunteers.models import QualificationGrant, Step, VolunteerPath

        paths = VolunteerPath.objects.filter(site__code__in=SITE_CODES)
        self.assertTrue(paths.filter(step=Step.ACTIVE, side_by_side_before__gte=4))
        self.assertTrue(paths.exclude(step=Step.ACTIVE))
        # Somebody at every step, so the chief's pipeline shows each of them.
        self.assertEqual(set(paths.values_list("step", flat=True)), set(Step.values))
        self.assertEqual(
            paths.count(),
            Membership.objects.filter(
                site__code__in=SITE_CODES,
                role__in=(Role.VOLUNTEER_COUNSELLOR, Role.PEER_VOLUNTEER),
            ).count(),
        )
        # Someone's qualification is about to expire, for the warnings.
        today = timezone.localdate()
        self.assertTrue(
            QualificationGrant.objects.filter(
                qualification__code="supervisor_on_duty",
                expires_on__range=(today, today + dt.timedelta(days=30)),
            )
        )

    def test_it_builds_a_year_of_rosters_with_gaps(self):
        from frirum.rosters.models import Assignment, Shift
        from frirum.rosters.selectors import understaffed_days

        today = timezone.localdate()
        shifts = Shift.objects.filter(site__code__in=SITE_CODES)
        self.assertTrue(shifts.filter(date__lt=today).exists())
        self.assertTrue(shifts.filter(date__gt=today + dt.timedelta(days=150)).exists())
        self.assertTrue(Assignment.objects.filter(shift__in=shifts, attended=True).exists())
        sites = Site.objects.filter(code__in=SITE_CODES)
        self.assertTrue(understaffed_days(sites, today, today + dt.timedelta(days=60)))

    def test_it_has_volunteers_who_left_and_stand_on_no_shift_after(self):
        from frirum.accounts.models import Membership
        from frirum.rosters.models import Assignment
        from frirum.volunteers.models import PathStep, Step

        left = PathStep.objects.filter(step=Step.LEFT, path__site__code__in=SITE_CODES)
        self.assertTrue(left.exists())
        for step in left.select_related("path"):
            self.assertEqual(step.path.step, Step.LEFT)
            self.assertFalse(
                Assignment.objects.filter(user=step.path.user_id, shift__date__gte=step.on)
            )
            membership = Membership.objects.get(user=step.path.user_id, site=step.path.site_id)
            self.assertFalse(membership.is_active)
            self.assertEqual(membership.ended_on, step.on)

    def test_it_rosters_all_of_last_year_for_its_annual_report(self):
        from frirum.reports.figures import annual
        from frirum.rosters.models import Assignment, Shift
        from frirum.volunteers.models import QualificationGrant

        today = timezone.localdate()
        last_year = today.year - 1
        shifts = Shift.objects.filter(site__code__in=SITE_CODES, date__year=last_year)
        self.assertEqual(shifts.order_by("date").first().date.month, 1)
        self.assertEqual(shifts.order_by("date").last().date.month, 12)
        # Attendance mostly confirmed, some absences, and days short of their minimum.
        attended = Assignment.objects.filter(shift__in=shifts)
        self.assertGreater(attended.filter(attended=True).count(), attended.count() / 2)
        self.assertTrue(attended.filter(attended=False).exists())
        short = shifts.annotate(people=Count("assignments")).filter(people__lt=F("min_counsellors"))
        self.assertTrue(short.exists())
        # Nobody stands on a shift before they were approved to counsel.
        approved_on = dict(
            QualificationGrant.objects.filter(
                qualification__code="approved_counsellor"
            ).values_list("user_id", "granted_on")
        )
        for user_id, date in attended.values_list("user_id", "shift__date"):
            self.assertLessEqual(approved_on[user_id], date)
        figures = annual(site=Site.objects.get(code="hs-kobenhavn"), year=last_year)
        self.assertGreater(figures["volunteers"]["hours"], 0)
        self.assertGreater(figures["volunteers"]["rostered_days"], 100)

    def test_it_prints_logins_that_work(self):
        self.assertIn(DEMO_PASSWORD, self.output)
        emails = re.findall(r"\S+@demo\.frirum\.example", self.output)
        self.assertIn("chef.ballerup@demo.frirum.example", emails)
        self.assertIn("peer1.family-aarhus@demo.frirum.example", emails)
        for email in emails:
            self.assertTrue(User.objects.get(email=email).check_password(DEMO_PASSWORD), email)

    def test_it_registers_conversations_in_two_years(self):
        today = timezone.localdate()
        contacts = Contact.objects.filter(site__code__in=SITE_CODES)
        years = set(contacts.values_list("date__year", flat=True))
        self.assertEqual(years, {today.year - 1, today.year})
        self.assertFalse(contacts.filter(date__gt=today).exists())
        self.assertFalse(contacts.filter(date__lt=dt.date(today.year - 1, 1, 1)).exists())
        for code in SITE_CODES:
            if code != "hs-family-aarhus":
                self.assertTrue(contacts.filter(site__code=code).exists(), code)
        self.assertEqual(
            set(contacts.filter(site__code="hs-chat").values_list("channel", flat=True)), {"chat"}
        )

    def test_it_puts_no_conversation_on_a_day_the_site_is_closed(self):
        closed = ClosedDay.objects.filter(site__code__in=SITE_CODES, opens__isnull=True)
        self.assertTrue(closed.exists())
        on_closed_days = Contact.objects.filter(
            group_session__isnull=True,
            site__closed_days__date=F("date"),
            site__closed_days__opens__isnull=True,
        )
        self.assertFalse(on_closed_days.exists())

    def test_it_fills_in_what_the_reports_count(self):
        contacts = Contact.objects.filter(site__code__in=SITE_CODES)
        themed = contacts.annotate(n=Count("themes")).filter(n__gte=1).count()
        self.assertEqual(themed, contacts.count())
        bridged = contacts.filter(bridged=True)
        self.assertTrue(0.08 < bridged.count() / contacts.count() < 0.3)
        self.assertFalse(bridged.annotate(n=Count("bridging_methods")).filter(n=0).exists())
        self.assertTrue(contacts.filter(kind="group", group_session__isnull=False).exists())
        self.assertTrue(GroupSession.objects.filter(site__code__in=SITE_CODES).exists())
        self.assertTrue(Outreach.objects.filter(site__code__in=SITE_CODES).exists())
        self.assertFalse(contacts.filter(age__isnull=True).exists())
        youth = Youth.objects.filter(registered_at_site__code__in=SITE_CODES)
        self.assertGreater(youth.filter(gender="female").count(), youth.count() / 2)

    def test_it_answers_questionnaires_on_most_contacts(self):
        answers = Response.objects.filter(contact__site__code__in=SITE_CODES)
        instruments = set(answers.values_list("instrument__code", flat=True))
        self.assertEqual(instruments, {"session_rating", "helped", "self_efficacy"})
        for answer in answers.select_related("item__version")[:200]:
            self.assertEqual(answer.item.code, answer.item_code)
            self.assertTrue(answer.item.version.is_current)
            version = answer.item.version
            self.assertTrue(version.scale_min <= answer.value <= version.scale_max)

    def test_it_runs_headspace_family(self):
        conversations = FamilyConversation.objects.filter(site__code="hs-family-aarhus")
        self.assertTrue(conversations.exists())
        self.assertFalse(conversations.annotate(n=Count("relatives")).filter(n=0).exists())
        self.assertTrue(conversations.filter(peer_volunteer_present=True).exists())
        self.assertTrue(Relative.objects.filter(registered_at_site__code="hs-family-aarhus"))
        self.assertTrue(RelativeInquiry.objects.filter(site__code="hs-family-aarhus").exists())

    def test_it_keeps_free_text_anonymous(self):
        texts = [
            *Youth.objects.filter(registered_at_site__code__in=SITE_CODES).values_list(
                "nickname", flat=True
            ),
            *Outreach.objects.filter(site__code__in=SITE_CODES).values_list("note", flat=True),
            *Relative.objects.filter(registered_at_site__code__in=SITE_CODES).values_list(
                "label", flat=True
            ),
        ]
        self.assertEqual([t for t in texts if identifying_patterns(t)], [])
        codes = Youth.objects.filter(registered_at_site__code__in=SITE_CODES).values_list(
            "code", flat=True
        )
        self.assertTrue(all(re.fullmatch(r"U-[2-9A-Z]{4}-[2-9A-Z]{4}", c) for c in codes))

    def test_it_has_a_directory_for_the_demo_municipalities(self):
        from frirum.directory.models import Service, ServiceBridging

        services = Service.objects.filter(owner_site__code__in=SITE_CODES)
        served = set(services.values_list("municipalities__code", flat=True))
        self.assertEqual(served, {"101", "751", "151", "190", "175", "161", "165"})
        self.assertTrue(Service.objects.filter(owner_site=None, municipalities=None).exists())
        self.assertTrue(services.filter(schedules__isnull=False).exists())
        self.assertTrue(services.filter(anonymous_possible=True).exists())
        self.assertTrue(ServiceBridging.objects.filter(contact__site__code__in=SITE_CODES).exists())
        # A bridging links only to a service of one of its destination categories.
        for bridging in ServiceBridging.objects.select_related("contact", "service")[:50]:
            self.assertIn(
                bridging.service.destination_id,
                {t.pk for t in bridging.contact.bridging_destinations.all()},
            )

    def test_it_does_nothing_when_run_again(self):
        before = (Contact.objects.count(), User.objects.count(), Site.objects.count())
        output = run_demo()
        self.assertIn("already loaded", output)
        self.assertIn("chef.ballerup@demo.frirum.example", output)
        self.assertEqual(
            (Contact.objects.count(), User.objects.count(), Site.objects.count()), before
        )

    def test_it_reloads_the_same_data_on_reset(self):
        codes = set(
            Contact.objects.filter(site__code__in=SITE_CODES).values_list("code", flat=True)
        )
        users = User.objects.count()
        output = run_demo("--reset")
        self.assertIn("Removed the earlier demo data", output)
        self.assertEqual(
            set(Contact.objects.filter(site__code__in=SITE_CODES).values_list("code", flat=True)),
            codes,
        )
        self.assertEqual(User.objects.count(), users)
        # What was not the demo's stays.
        self.assertTrue(Contact.objects.filter(pk=self.own_contact.pk).exists())
        self.assertTrue(User.objects.filter(pk=self.volunteer_a.pk).exists())

    def test_it_refuses_a_scale_of_zero(self):
        with self.assertRaises(CommandError):
            call_command("demo", "--scale", "0", stdout=io.StringIO())


class DemoChatTests(BaseTestCase):
    def test_it_opens_the_chats_all_day_from_today_for_a_trial(self):
        from frirum.chat.access import desk_site
        from frirum.core.demo.people import demo_email
        from frirum.sites.schedule import current_opening, local_datetime

        output = run_demo("--chat-all-day")
        assert "open all day from today" in output
        today = timezone.localdate()
        for code in ("hs-chat", "hs-family-aarhus"):
            site = Site.objects.get(code=code)
            early = local_datetime(today, dt.time(6, 30))
            assert (
                current_opening(site, early) is not None
                or ClosedDay.objects.filter(site=site, date=today).exists()
            )
            # The past keeps the realistic hours.
            last_year = today - dt.timedelta(days=365)
            assert current_opening(site, local_datetime(last_year, dt.time(6, 30))) is None
        # Counsellors who can take chats at both desks.
        chat_user = User.objects.get(email=demo_email("frivillig1.chat"))
        peer = User.objects.get(email=demo_email("peer1.family-aarhus"))
        assert desk_site(chat_user, "hs-chat") is not None
        assert desk_site(peer, "hs-family-aarhus") is not None
        rows = OpeningHours.objects.count()
        assert "open all day" not in run_demo("--chat-all-day")
        assert OpeningHours.objects.count() == rows
        # A chat tried in the demo does not stop a reset.
        from frirum.chat.actions import start_chat
        from frirum.chat.models import Chat

        start_chat(site=Site.objects.get(code="hs-chat"))
        run_demo("--reset")
        assert not Chat.objects.exists()
