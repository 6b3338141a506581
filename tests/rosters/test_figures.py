import datetime as dt

from frirum.rosters.figures import volunteer_figures
from frirum.rosters.models import Assignment
from frirum.volunteers.models import PathStep, Step, VolunteerPath
from tests.base import BaseTestCase, make_user
from tests.rosters.helpers import make_shift, make_template


def path_with(user, site, steps):
    path = VolunteerPath.objects.create(
        user=user, site=site, step=steps[-1][0], step_on=steps[-1][1]
    )
    for step, on in steps:
        PathStep.objects.create(path=path, step=step, on=on)
    return path


class FiguresTestCase(BaseTestCase):
    def test_it_counts_active_new_and_left(self):
        d = dt.date
        path_with(
            self.volunteer_a,
            self.site_a,
            [
                (Step.APPLICATION, d(2024, 1, 1)),
                (Step.APPROVED, d(2024, 6, 1)),
                (Step.ACTIVE, d(2024, 6, 1)),
            ],
        )
        path_with(
            self.a_peer_volunteer,
            self.site_a,
            [(Step.APPLICATION, d(2025, 1, 1)), (Step.APPROVED, d(2025, 3, 1))],
        )
        path_with(
            make_user("l@example.org", "L"),
            self.site_a,
            [(Step.ACTIVE, d(2023, 1, 1)), (Step.LEFT, d(2025, 5, 1))],
        )
        path_with(
            make_user("t@example.org", "T"), self.site_a, [(Step.INTRO_COURSE, d(2025, 2, 1))]
        )
        path_with(self.volunteer_b, self.site_b, [(Step.ACTIVE, d(2024, 1, 1))])
        figures = volunteer_figures([self.site_a], 2025)
        self.assertEqual((figures["active"], figures["new"], figures["left"]), (2, 1, 1))
        # At the end of 2023 only the one who later left was counselling.
        self.assertEqual(volunteer_figures([self.site_a], 2023)["active"], 1)

    def test_it_shares_fully_staffed_days(self):
        template = make_template(self.site_a, weekday=0, min_counsellors=1)
        full = make_shift(self.site_a, dt.date(2025, 3, 3), template=template)
        make_shift(self.site_a, dt.date(2025, 3, 10), template=template)
        Assignment.objects.create(shift=full, user=self.volunteer_a, attended=True)
        figures = volunteer_figures([self.site_a], 2025)
        self.assertEqual((figures["rostered_days"], figures["fully_staffed_days"]), (2, 1))
        self.assertEqual(figures["fully_staffed_share"], 0.5)
        self.assertEqual(figures["hours"], 4.0)

    def test_it_is_empty_without_data(self):
        figures = volunteer_figures([self.site_b], 2025)
        self.assertEqual(figures["active"], 0)
        self.assertIsNone(figures["fully_staffed_share"])
