"""The presented forms read the same suppressed, rounded figures: CSV, XLSX, standalone HTML."""

import csv
import io

from openpyxl import load_workbook

from frirum.reports.render import render_report
from tests.reports.presentation_fixtures import (
    RenderTestCase,
    annual_figures,
    family_figures,
    national_figures,
    previous_annual,
)


def render(fmt, kind="annual", language="da", k=5, figures=None, previous="default"):
    figures = (
        figures
        or {
            "annual": annual_figures,
            "national": national_figures,
            "family": family_figures,
        }[kind]()
    )
    if previous == "default":
        previous = previous_annual() if kind == "annual" else None
    return render_report(
        kind=kind, figures=figures, previous=previous, fmt=fmt, language=language, k=k
    )


class CsvTests(RenderTestCase):
    def rows(self, **options):
        text = render("csv", **options).decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text)))

    def find(self, rows, figure, key=""):
        return next(r for r in rows if r["figure"] == figure and r["key"] == key)

    def test_it_writes_one_long_table_with_suppression_applied(self):
        rows = self.rows()
        self.assertEqual(
            list(rows[0]), ["section", "figure", "key", "label", "unit", "value", "previous"]
        )
        # Short contacts 4 (primary) and chat users 17 (secondary); the total stays.
        self.assertEqual(self.find(rows, "youth", "short_contacts")["value"], "<5")
        self.assertEqual(self.find(rows, "youth", "chat_resident")["value"], "\u2013")
        self.assertEqual(self.find(rows, "youth", "personal")["value"], "84")
        self.assertEqual(self.find(rows, "youth", "total")["value"], "105")
        # The previous year: 109 short contacts, 0 chat users are shown.
        self.assertEqual(self.find(rows, "youth", "short_contacts")["previous"], "109")
        self.assertEqual(self.find(rows, "youth", "chat_resident")["previous"], "0")
        # Channels: mail 3 is hidden, and video 15 with it.
        self.assertEqual(self.find(rows, "contacts.by_channel", "mail")["value"], "<5")
        self.assertEqual(self.find(rows, "contacts.by_channel", "video")["value"], "\u2013")
        self.assertEqual(self.find(rows, "contacts.by_channel", "phone")["value"], "40")
        # Shares in whole percent; means with one decimal.
        residence = self.find(rows, "youth.residence", "151")
        self.assertEqual((residence["unit"], residence["value"]), ("percent", "79"))
        self.assertEqual(self.find(rows, "contacts.per_youth")["value"], "3.1")
        self.assertEqual(self.find(rows, "feedback.session_rating_mean", "overall")["value"], "9.2")
        # 2 of 258 contacts named grief: hidden.
        self.assertEqual(self.find(rows, "themes", "grief")["value"], "\u2013")

    def test_it_follows_the_k_of_the_report(self):
        rows = self.rows(k=20)
        self.assertEqual(self.find(rows, "youth", "chat_resident")["value"], "<20")
        self.assertEqual(self.find(rows, "contacts.by_channel", "video")["value"], "<20")

    def test_it_never_writes_a_hidden_number(self):
        rows = self.rows()
        chat = [
            r for r in rows if r["figure"].endswith("chat_resident") or r["key"] == "chat_resident"
        ]
        self.assertEqual(len(chat), 2)
        self.assertTrue(all(r["value"] == "\u2013" for r in chat))

    def test_it_renders_the_national_and_family_reports(self):
        rows = self.rows(kind="national")
        self.assertEqual(self.find(rows, "youth", "chat")["value"], "3000")
        rows = self.rows(kind="family")
        self.assertEqual(self.find(rows, "relatives.by_relation", "parent")["value"], "146")
        # Grandparents 3: hidden, and siblings (6) with them.
        self.assertEqual(self.find(rows, "relatives.by_relation", "grandparent")["value"], "<5")
        self.assertEqual(self.find(rows, "relatives.by_relation", "sibling")["value"], "\u2013")
        self.assertEqual(self.find(rows, "conversations.by_kind", "relative")["value"], "190")

    def test_it_renders_empty_figures(self):
        figures = {"report": "annual", "year": 2024, "site": {"code": "alpha"}}
        text = render("csv", figures=figures, previous=None).decode("utf-8-sig")
        self.assertIn("section,figure", text)


class XlsxTests(RenderTestCase):
    def test_it_writes_a_sheet_per_section_with_numbers_as_numbers(self):
        workbook = load_workbook(io.BytesIO(render("xlsx", language="en")))
        self.assertEqual(workbook.sheetnames[0], "Overview")
        self.assertIn("Conversations", workbook.sheetnames)
        self.assertIn("Definitions", workbook.sheetnames)
        sheet = workbook["Conversations"]
        values = {
            row[0].value: row[1]
            for row in sheet.iter_rows(min_row=1)
            if row[0].value and len(row) > 1
        }
        self.assertEqual(values["Phone"].value, 40)
        # One mark for every hidden cell, whatever the web page shows ("<5" or the dash).
        self.assertEqual(values["Mail"].value, "\u2013")
        self.assertEqual(values["Video"].value, "\u2013")
        profile = workbook["Who the young people are"]
        cells = [row for row in profile.iter_rows() if row[0].value == "Ballerup (151)"]
        self.assertEqual(cells[0][1].value, 0.79)
        self.assertEqual(cells[0][1].number_format, "0%")


class StandaloneHtmlTests(RenderTestCase):
    def test_it_is_one_self_contained_document_in_the_chosen_language(self):
        html = render("html", language="en").decode("utf-8")
        self.assertTrue(html.startswith("<!DOCTYPE html>"))
        self.assertIn('<html lang="en">', html)
        self.assertIn("Annual report 2024", html)
        self.assertIn("headspace Alpha", html)
        self.assertIn("<svg", html)
        self.assertIn("@page", html)
        self.assertNotIn("<script", html)
        self.assertNotIn('href="/static', html)

    def test_it_defaults_to_danish(self):
        html = render("html").decode("utf-8")
        self.assertIn('<html lang="da">', html)
        self.assertIn("Årsrapport 2024", html)


class NumbersInTheSpreadsheetTests(RenderTestCase):
    def test_it_writes_the_change_as_a_number_with_a_signed_format(self):
        workbook = load_workbook(io.BytesIO(render("xlsx", language="en")))
        sheet = workbook["Overview"]
        rows = {row[0].value: row for row in sheet.iter_rows() if row[0].value}
        conversations = rows["Conversations"]
        self.assertEqual(conversations[1].value, 258)
        self.assertEqual(conversations[2].value, 332)
        self.assertEqual(conversations[3].value, -74)
        self.assertEqual(conversations[3].number_format, "+#,##0;-#,##0;0")
        per_youth = rows["Conversations per young person"]
        self.assertEqual(per_youth[3].value, -0.9)
        self.assertEqual(per_youth[3].number_format, "+0.0;-0.0;0.0")
        bridged = rows["Share of conversations with bridging"]
        self.assertEqual(bridged[3].value, 0)
        self.assertIn("pp", bridged[3].number_format)
        # A hidden cell and a change resting on it: the one mark.
        self.assertEqual(rows["Short contacts at outreach"][1].value, "\u2013")
        self.assertEqual(rows["Short contacts at outreach"][3].value, "\u2013")


class YearWithoutDataTests(RenderTestCase):
    EMPTY_2023 = {"report": "annual", "year": 2023, "site": {"code": "alpha"}, "youth": {}}

    def test_it_says_no_data_for_the_previous_year_and_shows_no_change(self):
        html = render("html", previous=self.EMPTY_2023).decode("utf-8")
        self.assertIn("2023: ingen data", html)
        self.assertNotIn("2023: 0", html)
        self.assertNotIn("Ændring", html)
        self.assertNotIn("sammenlignet med", html)
        workbook = load_workbook(io.BytesIO(render("xlsx", previous=self.EMPTY_2023)))
        headers = [cell.value for row in workbook.worksheets[0].iter_rows() for cell in row]
        self.assertNotIn("2023", headers)

    def test_it_says_no_data_for_a_year_without_any(self):
        empty = {
            "report": "annual",
            "year": 2024,
            "site": {"code": "alpha"},
            "contacts": {"total": 0},
        }
        html = render("html", figures=empty, previous=None).decode("utf-8")
        self.assertIn("2024: ingen data", html)
        self.assertNotIn("Nøgletal", html)
        # No legend for hidden figures when nothing was hidden.
        self.assertNotIn("skjult for at beskytte", html)
        workbook = load_workbook(io.BytesIO(render("xlsx", figures=empty, previous=None)))
        self.assertEqual(workbook.sheetnames, ["Overblik"])
        texts = [cell.value for row in workbook["Overblik"].iter_rows() for cell in row]
        self.assertIn("2024: ingen data", texts)

    def test_it_counts_any_activity_as_data(self):
        from frirum.reports.render.model import has_data

        self.assertFalse(has_data(self.EMPTY_2023))
        self.assertFalse(has_data({"year": 2024, "contacts": {"total": 0, "by_channel": {}}}))
        self.assertTrue(has_data({"year": 2024, "youth": {"short_contacts": 3}}))
        self.assertTrue(has_data(annual_figures()))
