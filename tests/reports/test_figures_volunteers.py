"""The annual and national reports' volunteer figure against a hand-made dataset: one
definition (frirum.reports.figures.volunteers), read by JSON, the web, PDF, XLSX and CSV
alike, suppressed like every count in the presented forms, and seen by the report cache."""

import csv
import datetime as dt
import io
import json
from io import StringIO

from django.core.management import call_command

from frirum.reports.caching import data_version
from frirum.reports.figures import annual, national
from frirum.reports.render import build_presentation, render_report
from frirum.rosters.models import Assignment
from frirum.volunteers.models import PathStep, Step, VolunteerPath
from tests.base import BaseTestCase, make_contact, make_user
from tests.rosters.helpers import make_shift, make_template


def path_with(user, site, steps):
    path = VolunteerPath.objects.create(
        user=user, site=site, step=steps[-1][0], step_on=steps[-1][1]
    )
    for step, on in steps:
        PathStep.objects.create(path=path, step=step, on=on)
    return path


d = dt.date


class VolunteerFigureTests(BaseTestCase):
    """Site A in 2025, by hand:
    - active 7: volunteer_a (approved 2024), peer volunteer and five more approved in 2025;
    - new 6 (approved in 2025), left 1 (active since 2023, left May 2025); a trainee counts
      in neither;
    - rostered days 3: 3 March (full), 10 March (understaffed), 30 March (full, the night
      the clocks go forward: 01:00-05:00 local is 3 hours);
    - hours 4 + 3 = 7 by 2 people: volunteer_a confirmed on 3 March (4 h); the peer
      volunteer unconfirmed but with a conversation that day on 30 March (3 h);
      volunteer_a unconfirmed and without a conversation on 10 March (not attended; the
      day still lacks its minimum of 2); a chief's "absent" never counts.
    """

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a = cls.site_a
        path_with(
            cls.volunteer_a,
            a,
            [
                (Step.APPLICATION, d(2024, 1, 1)),
                (Step.APPROVED, d(2024, 6, 1)),
                (Step.ACTIVE, d(2024, 6, 1)),
            ],
        )
        path_with(
            cls.a_peer_volunteer,
            a,
            [(Step.APPLICATION, d(2025, 1, 1)), (Step.APPROVED, d(2025, 3, 1))],
        )
        for n in range(5):
            user = make_user(f"new{n}@example.org", f"Ny {n}")
            path_with(
                user, a, [(Step.INTERVIEW, d(2025, 1, 5)), (Step.APPROVED, d(2025, 4, 1 + n))]
            )
        cls.leaver = make_user("leaver@example.org", "Stoppet")
        path_with(cls.leaver, a, [(Step.ACTIVE, d(2023, 1, 1)), (Step.LEFT, d(2025, 5, 1))])
        path_with(make_user("t@example.org", "Elev"), a, [(Step.INTRO_COURSE, d(2025, 2, 1))])
        path_with(cls.volunteer_b, cls.site_b, [(Step.ACTIVE, d(2024, 1, 1))])

        template = make_template(a, weekday=0, min_counsellors=1)
        full = make_shift(a, d(2025, 3, 3), template=template)
        Assignment.objects.create(shift=full, user=cls.volunteer_a, attended=True)
        Assignment.objects.create(shift=full, user=cls.leaver, attended=False)
        short = make_shift(a, d(2025, 3, 10), template=template, min_counsellors=2)
        Assignment.objects.create(shift=short, user=cls.volunteer_a)
        night = make_shift(a, d(2025, 3, 30), template=template, starts=dt.time(1), ends=dt.time(5))
        Assignment.objects.create(shift=night, user=cls.a_peer_volunteer)
        make_contact(site=a, date=d(2025, 3, 30), counsellors=[cls.a_peer_volunteer])
        # Outside: another site, and the year before.
        other = make_shift(cls.site_b, d(2025, 3, 4))
        Assignment.objects.create(shift=other, user=cls.volunteer_b, attended=True)
        make_shift(a, d(2024, 3, 4), template=template)

    def test_it_counts_the_sites_year(self):
        self.assertEqual(
            annual(site=self.site_a, year=2025)["volunteers"],
            {
                "active": 7,
                "new": 6,
                "left": 1,
                "hours": 7.0,
                "attending": 2,
                "rostered_days": 3,
                "fully_staffed_days": 2,
                "fully_staffed_share": 2 / 3,
            },
        )

    def test_it_counts_up_to_until(self):
        figures = annual(site=self.site_a, year=2025, until=d(2025, 3, 15))["volunteers"]
        # The leaver was still counselling on 15 March.
        self.assertEqual((figures["active"], figures["new"], figures["left"]), (3, 1, 0))
        self.assertEqual((figures["hours"], figures["rostered_days"]), (4.0, 2))

    def test_it_counts_the_network_in_the_national_report(self):
        figures = national(year=2025)["volunteers"]
        self.assertEqual((figures["active"], figures["attending"]), (8, 3))
        self.assertEqual((figures["hours"], figures["rostered_days"]), (11.0, 4))

    def test_it_is_zeros_in_an_empty_year_and_absent_without_volunteers(self):
        self.assertEqual(
            annual(site=self.site_a, year=2022)["volunteers"],
            {
                "active": 0,
                "new": 0,
                "left": 0,
                "hours": 0,
                "attending": 0,
                "rostered_days": 0,
                "fully_staffed_days": 0,
                "fully_staffed_share": 0.0,
            },
        )
        figures = annual(site=self.satellite_a, year=2025)
        self.assertNotIn("volunteers", figures)
        report = build_presentation(kind="annual", figures=figures, previous=None, k=5)
        self.assertNotIn("volunteers", [s.slug for s in report.sections])
        self.assertFalse([n for _l, n, _t in report.definitions if n.startswith("volunteers.")])

    def test_it_is_in_the_json_of_the_command(self):
        out = StringIO()
        call_command(
            "report", "annual", "--site", "alpha", "--year", "2025", "--format", "json", stdout=out
        )
        self.assertEqual(json.loads(out.getvalue())["volunteers"]["active"], 7)

    def cells(self, k: int) -> dict:
        figures = annual(site=self.site_a, year=2025)
        report = build_presentation(kind="annual", figures=figures, previous=None, k=k)
        (section,) = [s for s in report.sections if s.slug == "volunteers"]
        (table,) = section.tables
        return {row.key: row.current for row in table.rows}, report

    def test_it_suppresses_small_numbers_in_the_presented_forms(self):
        cells, report = self.cells(k=5)
        self.assertEqual((cells["active"].shown, cells["new"].shown), (7, 6))
        # One left, two people behind the hours, three rostered days: all below 5.
        for key in ("left", "hours", "fully_staffed_share"):
            self.assertTrue(cells[key].is_suppressed, key)
        names = [name for _label, name, _text in report.definitions]
        self.assertIn("volunteers.hours", names)
        cells, _report = self.cells(k=2)
        self.assertEqual(cells["hours"].shown, 7.0)
        self.assertEqual(cells["fully_staffed_share"].shown, 0.67)
        self.assertTrue(cells["left"].is_suppressed)

    def test_it_is_in_every_format(self):
        figures = annual(site=self.site_a, year=2025)
        rendered = render_report(
            kind="annual", figures=figures, previous=None, fmt="csv", language="en", k=5
        ).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(rendered)))
        shown = {r["figure"]: r["value"] for r in rows if r["section"] == "volunteers"}
        self.assertEqual(shown["volunteers.active"], "7")
        self.assertNotEqual(shown["volunteers.left"], "1")
        self.assertNotIn("7", shown["volunteers.hours"])
        for fmt in ("pdf", "xlsx"):
            self.assertTrue(
                render_report(
                    kind="annual", figures=figures, previous=None, fmt=fmt, language="en", k=5
                )
            )
        html = render_report(
            kind="annual", figures=figures, previous=None, fmt="html", language="en", k=5
        ).decode()
        self.assertIn("Attended hours", html)
        national_html = render_report(
            kind="national",
            figures=national(year=2025),
            previous=None,
            fmt="html",
            language="en",
            k=5,
        ).decode()
        self.assertIn("Attended hours", national_html)

    def test_it_changes_the_cache_data_version_on_new_shifts_and_attendance(self):
        before = data_version()
        shift = make_shift(self.site_a, d(2025, 6, 2))
        after_shift = data_version()
        self.assertNotEqual(before, after_shift)
        Assignment.objects.create(shift=shift, user=self.volunteer_a)
        after_assignment = data_version()
        self.assertNotEqual(after_shift, after_assignment)
        path_with(make_user("x@example.org", "X"), self.site_a, [(Step.APPLICATION, d(2025, 6, 1))])
        self.assertNotEqual(after_assignment, data_version())
