"""The annual report's bookings figure against a hand-made dataset: one definition
(frirum.reports.figures.bookings), read by JSON, the web, PDF, XLSX and CSV alike, and
suppressed like every count in the presented forms."""

import csv
import datetime as dt
import io
import json
from io import StringIO

from django.core.management import call_command

from frirum.bookings import codes
from frirum.bookings.models import Booking
from frirum.reports.figures import annual
from frirum.reports.render import build_presentation, render_report
from frirum.sites.models import Site
from frirum.sites.schedule import ZONE
from tests.base import BaseTestCase, make_contact, make_youth


def booked(site, start: dt.datetime, **fields) -> Booking:
    return Booking.objects.create(
        site=site,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        cancel_hash=codes.cancel_hash(codes.new_code()),
        **fields,
    )


def local(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=ZONE)


class BookingFigureTests(BaseTestCase):
    """Site A in 2025, by hand: 14 made = 6 met + 2 not met + 3 cancelled + 3 unmarked."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        Site.objects.filter(pk=cls.site_a.pk).update(booking_enabled=True)
        cls.site_a.refresh_from_db()
        youth = make_youth(cls.site_a)
        for day in range(1, 7):  # six met, each with its conversation
            contact = make_contact(youth=youth, site=cls.site_a, date=dt.date(2025, 3, day))
            booked(cls.site_a, local(2025, 3, day, 14), contact=contact)
        for day in (10, 11):  # two not met
            booked(cls.site_a, local(2025, 3, day, 14), not_met_at=local(2025, 3, day, 18))
        for day in (12, 13):  # two cancelled by the young person or the staff
            booked(cls.site_a, local(2025, 3, day, 14), cancelled_at=local(2025, 3, 1, 9))
        # Cancelled after being marked not met: counts as cancelled only.
        booked(
            cls.site_a,
            local(2025, 3, 14, 14),
            cancelled_at=local(2025, 3, 1, 9),
            not_met_at=local(2025, 3, 14, 18),
        )
        # Unmarked: two in the year, one on the last evening (local time; in UTC the same
        # day), and one on the first morning of 2025 in local time (30 December 23:30 UTC
        # is not in the year; 1 January 00:30 local is).
        booked(cls.site_a, local(2025, 6, 1, 14))
        booked(cls.site_a, local(2025, 12, 31, 23, 0))
        booked(cls.site_a, local(2025, 1, 1, 0, 30))
        # Outside: the years before and after (by local date), and another site.
        booked(cls.site_a, local(2024, 12, 31, 23, 30))
        booked(cls.site_a, local(2026, 1, 1, 0, 30))
        booked(cls.site_b, local(2025, 3, 3, 14))

    def test_it_counts_made_met_not_met_cancelled_in_the_year(self):
        figures = annual(site=self.site_a, year=2025)
        self.assertEqual(
            figures["bookings"],
            {"made": 14, "met": 6, "not_met": 2, "cancelled": 3, "unmarked": 3},
        )
        parts = sum(figures["bookings"][k] for k in ("met", "not_met", "cancelled", "unmarked"))
        self.assertEqual(parts, figures["bookings"]["made"])

    def test_it_counts_up_to_until(self):
        figures = annual(site=self.site_a, year=2025, until=dt.date(2025, 3, 11))
        self.assertEqual(
            figures["bookings"],
            {"made": 9, "met": 6, "not_met": 2, "cancelled": 0, "unmarked": 1},
        )

    def test_it_has_no_bookings_figure_for_a_site_without_booking(self):
        self.assertNotIn("bookings", annual(site=self.site_b, year=2024))
        # A site that turned booking off still reports the year it had bookings.
        self.assertEqual(annual(site=self.site_b, year=2025)["bookings"]["made"], 1)
        empty = annual(site=self.site_a, year=2023)
        self.assertEqual(
            empty["bookings"], {"made": 0, "met": 0, "not_met": 0, "cancelled": 0, "unmarked": 0}
        )

    def test_it_is_in_the_json_of_the_command(self):
        out = StringIO()
        call_command(
            "report", "annual", "--site", "alpha", "--year", "2025", "--format", "json", stdout=out
        )
        self.assertEqual(json.loads(out.getvalue())["bookings"]["made"], 14)

    def test_it_suppresses_small_counts_in_the_presented_forms(self):
        figures = annual(site=self.site_a, year=2025)
        report = build_presentation(kind="annual", figures=figures, previous=None, k=5)
        (section,) = [s for s in report.sections if s.slug == "bookings"]
        (table,) = section.tables
        cells = {row.key: row.current for row in table.rows}
        self.assertEqual(cells["met"].shown, 6)
        for key in ("not_met", "cancelled", "unmarked"):
            self.assertTrue(cells[key].is_suppressed, key)
        self.assertEqual(table.total.current.shown, 14)
        names = [name for _label, name, _text in report.definitions]
        self.assertIn("bookings.not_met", names)
        rows = list(
            csv.DictReader(
                io.StringIO(
                    render_report(
                        kind="annual",
                        figures=figures,
                        previous=None,
                        fmt="csv",
                        language="en",
                        k=5,
                    ).decode("utf-8-sig")
                )
            )
        )
        shown = {(r["figure"], r["key"]): r["value"] for r in rows if r["figure"] == "bookings"}
        self.assertEqual(shown[("bookings", "met")], "6")
        self.assertEqual(shown[("bookings", "total")], "14")
        self.assertNotIn(shown[("bookings", "not_met")], ("2",))
        for fmt in ("pdf", "xlsx", "html"):
            content = render_report(
                kind="annual", figures=figures, previous=None, fmt=fmt, language="en", k=5
            )
            self.assertTrue(content)
        html = render_report(
            kind="annual", figures=figures, previous=None, fmt="html", language="en", k=5
        ).decode()
        self.assertIn("Anonymous bookings", html)

    def test_it_leaves_the_section_and_definitions_out_without_booking(self):
        figures = annual(site=self.site_b, year=2024)
        report = build_presentation(kind="annual", figures=figures, previous=None, k=5)
        self.assertNotIn("bookings", [s.slug for s in report.sections])
        self.assertFalse([n for _l, n, _t in report.definitions if n.startswith("bookings.")])
