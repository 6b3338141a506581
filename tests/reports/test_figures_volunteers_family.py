"""The Family report's volunteer section: the same figure as the annual report's
(frirum.reports.figures.volunteers), for a Family site with peer volunteers or a roster,
suppressed like every other count, and absent where there never were any."""

import csv
import datetime as dt
import io

from frirum.reports.figures import family
from frirum.reports.render import build_presentation, render_report
from frirum.rosters.models import Assignment
from frirum.sites.models import Site, SiteKind
from frirum.volunteers.models import Step
from tests.base import BaseTestCase, make_user
from tests.reports.test_figures_volunteers import path_with
from tests.rosters.helpers import make_shift, make_template

d = dt.date


class FamilyVolunteerFigureTests(BaseTestCase):
    """The Family site in 2025: six peer volunteers approved in 2025 (all counselling at the
    year's end, so active 6 and new 6), one who left; two rostered days, 3 March full (the
    peer confirmed, 4 h) and 10 March understaffed (nobody on it)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        fam = cls.family_site
        path_with(
            cls.peer, fam, [(Step.APPLICATION, d(2025, 1, 1)), (Step.APPROVED, d(2025, 2, 1))]
        )
        for n in range(5):
            user = make_user(f"peer{n}@example.org", f"Peer {n}")
            path_with(user, fam, [(Step.INTERVIEW, d(2025, 1, 5)), (Step.APPROVED, d(2025, 4, 1))])
        leaver = make_user("peer.left@example.org", "Peer Stoppet")
        path_with(leaver, fam, [(Step.ACTIVE, d(2023, 1, 1)), (Step.LEFT, d(2025, 5, 1))])
        template = make_template(fam, weekday=0, required=(), min_counsellors=1)
        full = make_shift(fam, d(2025, 3, 3), template=template)
        Assignment.objects.create(shift=full, user=cls.peer, attended=True)
        make_shift(fam, d(2025, 3, 10), template=template)
        cls.quiet = Site.objects.create(
            code="fam2",
            name="headspace Family Odense",
            kind=SiteKind.FAMILY,
            municipality=cls.copenhagen,
        )

    def test_it_counts_the_family_sites_year(self):
        self.assertEqual(
            family(site=self.family_site, year=2025)["volunteers"],
            {
                "active": 6,
                "new": 6,
                "left": 1,
                "hours": 4.0,
                "attending": 1,
                "rostered_days": 2,
                "fully_staffed_days": 1,
                "fully_staffed_share": 0.5,
            },
        )
        # Every Family site together: the same people, the quiet site adds nothing.
        self.assertEqual(family(year=2025)["volunteers"]["active"], 6)

    def test_it_is_absent_without_volunteers(self):
        figures = family(site=self.quiet, year=2025)
        self.assertNotIn("volunteers", figures)
        report = build_presentation(kind="family", figures=figures, previous=None, k=5)
        self.assertNotIn("volunteers", [s.slug for s in report.sections])
        self.assertFalse([n for _l, n, _t in report.definitions if n.startswith("volunteers.")])

    def test_it_suppresses_small_numbers_in_every_format(self):
        figures = family(site=self.family_site, year=2025)
        report = build_presentation(kind="family", figures=figures, previous=None, k=5)
        (section,) = [s for s in report.sections if s.slug == "volunteers"]
        cells = {row.key: row.current for row in section.tables[0].rows}
        self.assertEqual((cells["active"].shown, cells["new"].shown), (6, 6))
        # One left, one person behind the hours, two rostered days: all below 5.
        for key in ("left", "hours", "fully_staffed_share"):
            self.assertTrue(cells[key].is_suppressed, key)
        self.assertIn("volunteers.hours", [n for _l, n, _t in report.definitions])
        rendered = render_report(
            kind="family", figures=figures, previous=None, fmt="csv", language="en", k=5
        ).decode("utf-8-sig")
        shown = {
            r["figure"]: r["value"]
            for r in csv.DictReader(io.StringIO(rendered))
            if r["section"] == "volunteers"
        }
        self.assertEqual(shown["volunteers.active"], "6")
        self.assertNotEqual(shown["volunteers.left"], "1")
        self.assertNotIn("4", shown["volunteers.hours"])
        html = render_report(
            kind="family", figures=figures, previous=None, fmt="html", language="da", k=5
        ).decode()
        self.assertIn("Frivillige", html)
        for fmt in ("pdf", "xlsx"):
            self.assertTrue(
                render_report(
                    kind="family", figures=figures, previous=None, fmt=fmt, language="en", k=5
                )
            )

    def test_it_shows_the_section_on_the_family_report_page(self):
        self.login(self.secretariat)
        r = self.client.get("/reports/family/fam/?year=2025", HTTP_ACCEPT_LANGUAGE="da")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "Fremmødte timer")
        r = self.client.get("/reports/family/fam2/?year=2025", HTTP_ACCEPT_LANGUAGE="da")
        self.assertEqual(r.status_code, 200)
        self.assertNotContains(r, "Fremmødte timer")
