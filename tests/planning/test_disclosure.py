"""The coverage table and the memo through the reports' disclosure control and audit."""

import datetime as dt
from dataclasses import replace

from django.test import override_settings
from django.utils import translation

from frirum.planning import figures
from frirum.planning.coverage import build_coverage
from frirum.planning.disclosure import audit_coverage, audit_memo
from frirum.planning.memo import build_memo
from frirum.planning.models import Scenario
from frirum.planning.plan import build_plan
from frirum.reports.suppression import suppress_counts
from tests.base import make_contact, make_youth
from tests.planning.scenario_fixtures import LAST, ScenarioTestCase, set_population
from tests.questionnaires.factories import answer


@override_settings(FRIRUM_SUPPRESSION_K=5)
class CoverageDisclosureTests(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.greve_young = cls.greve
        cls.solrod = set_population("269", 23_000, 3_500)
        day = dt.date(LAST, 9, 1)
        # Greve 3 and Solrød 1 young people (both small), Ishøj 6 (the fixture's) and Ballerup
        # 7: the cell-by-cell rule hides Greve and Solrød, whose sum (4) the total gives away,
        # so that Greve is 1..3: narrower than "<5" itself.
        for municipality, n in ((cls.greve, 3), (cls.solrod, 1), (cls.ballerup, 7)):
            for _n in range(n):
                youth = make_youth(cls.site_b, residence_municipality=municipality)
                make_contact(cls.site_b, youth, day)

    def table(self, k=5):
        return build_coverage(figures.coverage(year=LAST), k=k)

    def test_it_passes_the_audit(self):
        result = audit_coverage(self.table())
        self.assertTrue(result.passed, result.table())
        self.assertGreaterEqual(len(result.bounds), 2)

    def test_it_hides_more_than_the_cell_by_cell_rule_where_that_gives_a_count_away(self):
        table = self.table()
        rows = {row.code: row for row in table.rows}
        self.assertEqual(rows["253"].reached.text, "<5")
        self.assertTrue(rows["269"].reached.is_suppressed)
        hidden = [row.code for row in table.rows if row.reached.is_suppressed]
        cells = suppress_counts(
            {row.code: row.reached.value for row in table.rows}
            | {"unknown": table.reached_unknown.value},
            k=5,
        )
        old = [code for code, cell in cells.items() if cell.is_suppressed]
        self.assertEqual(sorted(old), ["253", "269"])
        self.assertGreater(len(hidden) + table.reached_unknown.is_suppressed, len(old))
        # The old decision fails the audit: Greve is 1..3.
        for row in table.rows:
            if row.code in cells:
                row.reached = cells[row.code]
                row.per_1000 = replace(row.per_1000, suppressed="base" if row.code in old else "")
        table.reached_unknown = cells["unknown"]
        result = audit_coverage(table)
        self.assertFalse(result.passed)
        failed = {bound.key[0]: (bound.low, bound.high) for bound in result.failures}
        self.assertEqual(failed["municipality:253"], (1, 3))
        # A rate resting on a hidden count is hidden with it.
        for row in table.rows:
            if row.reached.is_suppressed and row.per_1000.value is not None:
                self.assertTrue(row.per_1000.is_suppressed)

    def test_it_passes_with_nothing_reached(self):
        result = audit_coverage(build_coverage(figures.coverage(year=LAST - 5), k=5))
        self.assertTrue(result.passed)
        self.assertEqual(result.bounds, [])


@override_settings(FRIRUM_SUPPRESSION_K=5)
class MemoDisclosureTests(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        day = dt.date(LAST, 9, 1)
        # Greve: 3 young people reached (small); three answers to "has it helped" (small n).
        for _n in range(3):
            youth = make_youth(cls.site_b, residence_municipality=cls.greve)
            contact = make_contact(cls.satellite_a, youth, day)
            answer(contact, "helped", helped=5)
        cls.scenario = Scenario.objects.create(municipality=cls.greve, start_year=LAST + 2)

    def memo(self):
        plan = build_plan(self.scenario)
        with translation.override("da"):
            return plan, build_memo(plan, k=5)

    def test_it_passes_the_audit_of_memo_and_coverage_together(self):
        plan, memo = self.memo()
        result = audit_memo(plan, memo)
        self.assertTrue(result.passed, result.table())
        self.assertEqual(result.conflicts, [])

    def test_it_shows_the_municipalitys_count_as_the_coverage_table_does(self):
        plan, memo = self.memo()
        table = build_coverage(plan.coverage, k=5)
        greve = next(row for row in table.rows if row.code == "253")
        self.assertTrue(greve.reached.is_suppressed)
        self.assertEqual(memo.numbers["reached"], greve.reached.text)

    def test_it_hides_a_small_n_behind_an_evaluation_figure(self):
        _plan, memo = self.memo()
        evaluation = next(s for s in memo.sections if s.slug == "evaluation")
        rows = {row[0]: row[1:] for row in evaluation.tables[0].rows}
        self.assertEqual(rows["Har det hjulpet at komme her: 4 eller 5 af 5"][:2], ["\u2013", "<5"])
