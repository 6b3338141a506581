import datetime as dt

from frirum.volunteers.actions import grant_qualification
from frirum.volunteers.models import Qualification
from frirum.volunteers.qualifications import (
    including_ids,
    qualifications_of,
    qualified,
    qualified_user_ids,
)
from tests.base import BaseTestCase, make_user
from tests.volunteers.helpers import grant, qualification

JAN = dt.date(2025, 1, 1)


class QualifiedTestCase(BaseTestCase):
    def test_it_seeds_the_default_set(self):
        codes = set(Qualification.objects.values_list("code", flat=True))
        self.assertLessEqual(
            {
                "intro_course",
                "side_by_side_done",
                "approved_counsellor",
                "family_peer_volunteer",
                "chat_counsellor",
                "supervisor_on_duty",
            },
            codes,
        )

    def test_it_is_false_without_a_grant(self):
        self.assertFalse(qualified(self.volunteer_a, "approved_counsellor", on=JAN))

    def test_it_is_false_for_an_unknown_code(self):
        self.assertFalse(qualified(self.volunteer_a, "no-such-thing", on=JAN))

    def test_it_holds_from_the_grant_date(self):
        grant(self.volunteer_a, "chat_counsellor", on=JAN)
        self.assertFalse(qualified(self.volunteer_a, "chat_counsellor", on=JAN - dt.timedelta(1)))
        self.assertTrue(qualified(self.volunteer_a, "chat_counsellor", on=JAN))

    def test_it_follows_inclusion_transitively(self):
        # Supervisor on duty includes approved counsellor, which includes side-by-side done,
        # which includes the intro course.
        grant(self.volunteer_a, "supervisor_on_duty", on=JAN, expires_on=dt.date(2025, 12, 31))
        for code in ("approved_counsellor", "side_by_side_done", "intro_course"):
            self.assertTrue(qualified(self.volunteer_a, code, on=JAN), code)
        self.assertFalse(qualified(self.volunteer_a, "chat_counsellor", on=JAN))

    def test_it_does_not_follow_inclusion_upwards(self):
        grant(self.volunteer_a, "intro_course", on=JAN)
        self.assertFalse(qualified(self.volunteer_a, "approved_counsellor", on=JAN))

    def test_it_expires_after_the_last_valid_day(self):
        grant(self.volunteer_a, "supervisor_on_duty", on=JAN, expires_on=dt.date(2025, 3, 31))
        self.assertTrue(qualified(self.volunteer_a, "supervisor_on_duty", on=dt.date(2025, 3, 31)))
        self.assertFalse(qualified(self.volunteer_a, "supervisor_on_duty", on=dt.date(2025, 4, 1)))
        # What it included expires with it.
        self.assertFalse(qualified(self.volunteer_a, "approved_counsellor", on=dt.date(2025, 4, 1)))

    def test_it_is_renewed_by_a_new_grant(self):
        grant(self.volunteer_a, "supervisor_on_duty", on=JAN, expires_on=dt.date(2025, 3, 31))
        grant(
            self.volunteer_a,
            "supervisor_on_duty",
            on=dt.date(2025, 3, 15),
            expires_on=dt.date(2026, 3, 15),
        )
        self.assertTrue(qualified(self.volunteer_a, "supervisor_on_duty", on=dt.date(2025, 6, 1)))
        rows = qualifications_of(self.volunteer_a, on=dt.date(2025, 6, 1))
        self.assertEqual([r.expires_on for r in rows], [dt.date(2026, 3, 15)])

    def test_it_survives_an_inclusion_cycle(self):
        a, b = qualification("chat_counsellor"), qualification("family_peer_volunteer")
        a.includes.add(b)
        b.includes.add(a)
        self.assertEqual(including_ids(a), {a.pk, b.pk})
        grant(self.volunteer_a, "chat_counsellor")
        self.assertTrue(qualified(self.volunteer_a, b, on=JAN))

    def test_it_computes_the_expiry_from_the_validity(self):
        g = grant_qualification(
            actor=self.chief_a,
            user=self.volunteer_a,
            qualification=qualification("supervisor_on_duty"),
            on=JAN,
        )
        self.assertEqual(g.expires_on, JAN + dt.timedelta(days=365))

    def test_it_warns_of_expiry_within_a_month(self):
        grant(self.volunteer_a, "supervisor_on_duty", on=JAN, expires_on=dt.date(2025, 2, 10))
        grant(self.volunteer_a, "chat_counsellor", on=JAN, expires_on=dt.date(2025, 1, 20))
        rows = {
            r.qualification.code: r
            for r in qualifications_of(self.volunteer_a, on=dt.date(2025, 1, 25))
        }
        self.assertTrue(rows["supervisor_on_duty"].expires_soon)
        self.assertTrue(rows["chat_counsellor"].expired)
        self.assertFalse(rows["chat_counsellor"].expires_soon)

    def test_it_selects_many_users_in_a_constant_number_of_queries(self):
        users = [make_user(f"q{i}@example.org", f"Q {i}") for i in range(40)]
        for user in users[::2]:
            grant(user, "approved_counsellor")
        required = [qualification("intro_course")]
        with self.assertNumQueries(2):
            ids = qualified_user_ids([u.pk for u in users], required, JAN)
        self.assertEqual(ids, {u.pk for u in users[::2]})
