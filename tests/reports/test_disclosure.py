"""Disclosure control proved per view: the recovery from issue 10, the marks, the solver."""

from django.test import SimpleTestCase

from frirum.reports.disclosure.audit import audit_ledgers, presentation_ledgers
from frirum.reports.disclosure.ledger import PRIMARY, SECONDARY, SHOWN, Ledger, Ratio
from frirum.reports.disclosure.protect import _propagate, column_ledger
from frirum.reports.disclosure.solve import bounds
from frirum.reports.render import _unprotected, build_presentation
from frirum.reports.render.model import plot_value
from frirum.reports.suppression import (
    DASH,
    share_cell,
    suppress_counts,
    value_cell,
)
from frirum.reports.suppression import (
    SECONDARY as CELL_SECONDARY,
)
from tests.reports.presentation_fixtures import RenderTestCase


def issue_figures(*, short_contacts: int = 60, year: int = 2024) -> dict:
    """A site like the one in issue 10: 3 chat users from the municipality (hidden), 20 young
    people in counselling with 62 conversations, and the counts around them consistent."""
    personal, chat = 20, 3
    return {
        "report": "annual",
        "year": year,
        "site": {"code": "alpha", "municipality_code": "151"},
        "youth": {
            "personal": personal,
            "short_contacts": short_contacts,
            "chat_resident": chat,
            "total": personal + short_contacts + chat,
            "residence": {"151": 14 / 20, "157": 6 / 20},
            "gender": {"female": 12 / 20, "male": 8 / 20},
        },
        "contacts": {
            "total": 62,
            "per_youth": 62 / 20,
            "by_channel": {"in_person": 50, "phone": 12},
            "by_kind": {"counselling": 62},
        },
    }


def attack(texts: dict) -> int | None:
    """The viewer's formula from the issue, on the presented texts (None when it cannot run):
    chat residents = youth.total - short_contacts - contacts.total / contacts.per_youth."""
    try:
        total, short = int(texts["total"]), int(texts["short_contacts"])
        contacts, per_youth = int(texts["contacts.total"]), float(texts["contacts.per_youth"])
    except ValueError:
        return None
    return total - short - round(contacts / per_youth)


def presented_texts(report) -> dict:
    rows = {row.key: row for table in report.tables for row in table.rows}
    rows.update({row.key: row for row in report.highlights})
    youth = report.sections[0].tables[0]
    return {
        "total": youth.total.current.text,
        "short_contacts": rows["short_contacts"].current.text,
        "contacts.total": rows["contacts.total"].current.text,
        "contacts.per_youth": rows["contacts.per_youth"].current.text,
        "chat_resident": rows["chat_resident"].current.text,
    }


class IssueRecoveryTests(RenderTestCase):
    def test_it_recovered_the_hidden_count_under_the_old_rules(self):
        """The old behaviour, cell by cell: chat users 3 hidden ("<5"), the next smallest cell
        (20 young people in counselling) hidden too and labelled "<5" although it is 20, and
        conversations per young person shown (its base, 20, is not below 5): 83 - 60 - 62 /
        3.1 = 3, the hidden count exactly."""
        cells = suppress_counts({"personal": 20, "short_contacts": 60, "chat_resident": 3}, k=5)
        self.assertEqual(cells["personal"].suppressed, CELL_SECONDARY)
        per_youth = value_cell(62 / 20, base=20, k=5)
        self.assertFalse(per_youth.is_suppressed)
        old = {
            "total": "83",
            "short_contacts": "60",
            "contacts.total": "62",
            "contacts.per_youth": per_youth.text.replace(",", "."),
        }
        self.assertEqual(attack(old), 3)

    def test_it_shows_the_audit_failing_on_the_old_presentation(self):
        report = _unprotected("annual", issue_figures(), None, 5, None)
        ledger = column_ledger(report, "current", 2024)
        ledger.unknowns[("municipality:151", 2024, "youth.chat_resident")].state = PRIMARY
        ledger.unknowns[("alpha", 2024, "youth.personal")].state = SECONDARY
        chat = bounds(ledger, keys=[("municipality:151", 2024, "youth.chat_resident")])[0]
        self.assertEqual((chat.low, chat.high), (3, 3))
        self.assertFalse(chat.ok)

    def test_it_no_longer_lets_the_formula_recover_it(self):
        report = build_presentation(kind="annual", figures=issue_figures(), previous=None, k=5)
        texts = presented_texts(report)
        self.assertEqual(texts["chat_resident"], "<5")
        self.assertIsNone(attack(texts))
        # The protecting cell is one nothing rests on: short contacts, marked as hidden for
        # another's sake, not as small.
        self.assertEqual(texts["short_contacts"], DASH)
        self.assertEqual(texts["contacts.per_youth"], "3,1")
        audit = audit_ledgers(presentation_ledgers(report), k=5, reader="test", year=2024, views=[])
        self.assertTrue(audit.passed, audit.table())

    def test_it_hides_the_total_rather_than_a_count_others_rest_on(self):
        # No short contacts: the total protects the chat users (nothing rests on it), so the
        # young people in counselling, their mean and their shares stay.
        report = build_presentation(
            kind="annual", figures=issue_figures(short_contacts=0), previous=None, k=5
        )
        texts = presented_texts(report)
        self.assertEqual(texts["total"], DASH)
        self.assertEqual(texts["contacts.per_youth"], "3,1")
        self.assertIsNone(attack(texts))
        audit = audit_ledgers(presentation_ledgers(report), k=5, reader="test", year=2024, views=[])
        self.assertTrue(audit.passed, audit.table())

    def test_it_hides_every_mean_and_share_resting_on_a_hidden_count(self):
        report = _unprotected("annual", issue_figures(), None, 5, None)
        ledger = column_ledger(report, "current", 2024)
        personal = ("alpha", 2024, "youth.personal")
        ledger.unknowns[personal].state = SECONDARY
        _propagate(ledger)
        resting = [ratio for ratio in ledger.ratios if ratio.denominator == personal]
        # Every row of the tables of shares of them, the empty ones too.
        self.assertLessEqual(
            {
                "contacts.total",
                "youth.residence.151",
                "youth.residence.157",
                "youth.gender.female",
                "youth.gender.male",
                "youth.age_at_first.unknown",
            },
            {ratio.numerator[2] for ratio in resting},
        )
        self.assertTrue(all(ratio.hidden for ratio in resting))

    def test_it_hides_in_the_previous_column_what_last_years_report_hides(self):
        last_year = issue_figures(year=2023)
        this_year = issue_figures(short_contacts=40)
        report = build_presentation(kind="annual", figures=this_year, previous=last_year, k=5)
        alone = build_presentation(kind="annual", figures=last_year, previous=None, k=5)
        before = {
            (table.name, row.key): row.previous.text
            for table in report.tables
            for row in table.rows
            if row.previous
        }
        then = {(t.name, r.key): r.current.text for t in alone.tables for r in t.rows}
        for place, text in before.items():
            self.assertEqual(text, then.get(place, text), place)
        ledgers = presentation_ledgers(report) + presentation_ledgers(alone)
        audit = audit_ledgers(ledgers, k=5, reader="test", year=2023, views=[])
        self.assertTrue(audit.passed, audit.table())


class TinyTableTests(RenderTestCase):
    def test_it_marks_a_small_total_with_the_dash_when_its_bound_would_narrow_the_rows(self):
        # 4 inquiries, 1 + 3 by relation: three "<5" would tell a reader that the total is at
        # least 2 and each row at most 3. The total reads "-" (it may be any size), so the
        # rows keep all of 1-4.
        figures = {
            "report": "family",
            "year": 2024,
            "site": None,
            "inquiries": {
                "total": 4,
                "by_relation": {"other_adult": 1, "parent": 3},
                "by_reason": {"worry_mental_health": 0.75, "family_matters": 0.25},
            },
        }
        report = build_presentation(kind="family", figures=figures, previous=None, k=5)
        table = next(t for t in report.tables if t.name == "inquiries.by_relation")
        texts = {row.key: row.current.text for row in table.rows}
        self.assertEqual(texts, {"other_adult": "<5", "parent": "<5"})
        self.assertEqual(table.total.current.text, DASH)
        audit = audit_ledgers(presentation_ledgers(report), k=5, reader="test", year=2024, views=[])
        self.assertTrue(audit.passed, audit.table())

    def test_it_sorts_hidden_rows_last_so_the_order_tells_nothing(self):
        figures = issue_figures()
        # Grief (3) is above anxiety (2) by value; hidden, they stand in code order.
        figures["themes"] = {"anxiety": 2 / 62, "stress": 30 / 62, "grief": 3 / 62}
        report = build_presentation(kind="annual", figures=figures, previous=None, k=5)
        themes = next(t for t in report.tables if t.name == "themes")
        self.assertEqual([row.key for row in themes.rows], ["stress", "anxiety", "grief"])
        self.assertEqual([row.current.text for row in themes.rows], ["48 %", DASH, DASH])


class MarkTests(RenderTestCase):
    def test_it_marks_small_counts_and_protecting_cells_apart_with_their_own_legend(self):
        report = build_presentation(kind="annual", figures=issue_figures(), previous=None, k=5)
        youth = report.sections[0].tables[0]
        self.assertEqual(
            youth.legend,
            [
                "<5: færre end 5, ikke vist.",
                "\u2013: skjult for at beskytte et andet tal, eller en andel eller et "
                "gennemsnit, der hviler på et lille eller skjult tal; det kan have enhver "
                "størrelse.",
            ],
        )
        channels = report.sections[1].tables[0]
        self.assertEqual(channels.legend, [])
        self.assertIn("<5: færre end 5", report.suppression_note)

    def test_it_marks_only_counts_below_k_with_less_than(self):
        report = build_presentation(kind="annual", figures=issue_figures(), previous=None, k=5)
        for table in report.tables:
            for row in [*table.rows, *([table.total] if table.total else [])]:
                cell = row.current
                if cell.text.startswith("<"):
                    self.assertEqual(cell.kind, "count")
                    self.assertLess(cell.value, 5)
                    self.assertGreater(cell.value, 0)

    def test_it_writes_one_mark_for_every_hidden_cell_in_the_spreadsheet(self):
        import io

        from openpyxl import load_workbook

        from frirum.reports.render import render_report

        report = build_presentation(kind="annual", figures=issue_figures(), previous=None, k=5)
        web_marks = {cell.text for table in report.tables for cell in table.hidden_cells()}
        self.assertEqual(web_marks, {"<5", DASH})  # the web page keeps its two
        content = render_report(
            kind="annual", figures=issue_figures(), previous=None, fmt="xlsx", language="en", k=5
        )
        workbook = load_workbook(io.BytesIO(content))
        cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
        texts = [cell.value for cell in cells if isinstance(cell.value, str)]
        self.assertNotIn("<5", texts)
        self.assertFalse(any(text.startswith("<5:") for text in texts))
        self.assertFalse(any(text.startswith(f"{DASH}: hidden to protect") for text in texts))
        legend = [text for text in texts if text.startswith(f"{DASH}: not shown: a count below 5")]
        self.assertTrue(legend)
        # Every sheet with a hidden cell explains the mark on the sheet itself.
        for sheet in workbook.worksheets:
            values = [cell.value for row in sheet.iter_rows() for cell in row]
            if DASH in values:
                self.assertTrue(
                    any(isinstance(v, str) and v.startswith(f"{DASH}: not shown") for v in values),
                    sheet.title,
                )
        # Figures beside the marks stay numbers with their formats.
        numbers = [cell for cell in cells if isinstance(cell.value, (int, float))]
        self.assertTrue(numbers)
        self.assertTrue(all(cell.number_format != "General" for cell in numbers if cell.row > 3))

    def test_it_writes_the_danish_legend_of_the_spreadsheet_mark(self):
        import io

        from openpyxl import load_workbook

        from frirum.reports.render import render_report

        content = render_report(
            kind="annual", figures=issue_figures(), previous=None, fmt="xlsx", language="da", k=5
        )
        workbook = load_workbook(io.BytesIO(content))
        texts = [c.value for s in workbook.worksheets for r in s.iter_rows() for c in r]
        self.assertTrue(
            any(
                isinstance(t, str) and t.startswith(f"{DASH}: ikke vist: et antal under 5")
                for t in texts
            )
        )

    def test_it_draws_charts_from_the_rounded_value(self):
        self.assertEqual(plot_value(share_cell(0.123456, denominator=500, k=5)), 0.12)
        self.assertEqual(plot_value(value_cell(3.14159, base=50, k=5)), 3.1)
        self.assertIsNone(plot_value(share_cell(0.004, denominator=500, k=5)))
        report = build_presentation(kind="annual", figures=issue_figures(), previous=None, k=5)
        chart = str(report.sections[2].tables[0].chart)
        self.assertNotIn("0.7000000", chart)


class SolverTests(SimpleTestCase):
    def ledger(self, cells: dict, k: int = 5) -> Ledger:
        ledger = Ledger(k=k)
        for name, (value, state) in cells.items():
            ledger.unknown(("s", 2024, name), value).state = state
        return ledger

    def test_it_finds_a_count_given_away_by_a_total(self):
        ledger = self.ledger({"t": (20, SHOWN), "a": (3, PRIMARY), "b": (17, SHOWN)})
        ledger.sums.append((("s", 2024, "t"), [("s", 2024, "a"), ("s", 2024, "b")]))
        (bound,) = bounds(ledger)
        self.assertEqual((bound.low, bound.high, bound.ok), (3, 3, False))

    def test_it_leaves_two_hidden_cells_of_a_table_their_doubt(self):
        ledger = self.ledger({"t": (20, SHOWN), "a": (3, PRIMARY), "b": (17, SECONDARY)})
        ledger.sums.append((("s", 2024, "t"), [("s", 2024, "a"), ("s", 2024, "b")]))
        found = {bound.key[2]: (bound.low, bound.high) for bound in bounds(ledger)}
        self.assertEqual(found, {"a": (1, 4), "b": (16, 19)})

    def test_it_narrows_a_denominator_by_a_rounded_share_and_integers(self):
        # 1 of 3 shows as 33 %: with the numerator shown, the hidden denominator is 3.
        ledger = self.ledger({"n": (1, SHOWN), "d": (3, SECONDARY)})
        ledger.ratios.append(Ratio(("s", 2024, "n"), ("s", 2024, "d"), 1 / 3, 0.01))
        (bound,) = bounds(ledger)
        self.assertEqual((bound.low, bound.high), (3, 3))

    def test_it_bounds_a_count_by_a_rounded_mean(self):
        # 62 conversations at 3.1 per young person: 20 young people, whatever is hidden.
        ledger = self.ledger({"c": (62, SHOWN), "p": (20, SECONDARY)})
        ledger.ratios.append(Ratio(("s", 2024, "c"), ("s", 2024, "p"), 3.1, 0.1))
        (bound,) = bounds(ledger)
        self.assertEqual((bound.low, bound.high), (20, 20))

    def test_it_does_not_count_a_pinned_zero_as_a_disclosure(self):
        ledger = self.ledger({"t": (20, SHOWN), "a": (0, SECONDARY), "b": (20, SHOWN)})
        ledger.unknowns[("s", 2024, "a")].floor = 0
        ledger.sums.append((("s", 2024, "t"), [("s", 2024, "a"), ("s", 2024, "b")]))
        (bound,) = bounds(ledger)
        self.assertEqual((bound.low, bound.high), (0, 0))
        self.assertTrue(bound.ok)
