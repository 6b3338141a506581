"""The memo's evaluation figures (frirum.reports.figures.evaluation), counted by hand."""

import datetime as dt

from frirum.reports.figures.common import Scope
from frirum.reports.figures.evaluation import evaluation, score_change
from tests.base import BaseTestCase, make_contact, make_youth
from tests.questionnaires.factories import answer, who5

D = dt.date


def loneliness(contact, *values: int) -> None:
    codes = ["lack_companionship", "left_out", "isolated"]
    answer(contact, "loneliness3", **dict(zip(codes, values, strict=True)))


class EvaluationFiguresTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a, b = cls.site_a, cls.site_b
        # y1 at A: life satisfaction 4 -> 6 -> 8 (first 4, latest 8); WHO-5 raw 10 -> 15
        # (x4: 40 -> 60); loneliness 7 -> 5; bridged once.
        y1 = make_youth(a)
        c = make_contact(a, y1, D(2025, 1, 5))
        answer(c, "life_satisfaction", life_satisfaction=4)
        who5(c, 2, 2, 2, 2, 2)
        loneliness(c, 3, 2, 2)
        c = make_contact(a, y1, D(2025, 3, 5), bridged=True)
        answer(c, "life_satisfaction", life_satisfaction=6)
        c = make_contact(a, y1, D(2025, 6, 5))
        answer(c, "life_satisfaction", life_satisfaction=8)
        who5(c, 3, 3, 3, 3, 3)
        loneliness(c, 2, 2, 1)
        # y2 at B: life satisfaction 7 -> 6; a single WHO-5 answer (no course).
        y2 = make_youth(b)
        c = make_contact(b, y2, D(2025, 2, 1))
        answer(c, "life_satisfaction", life_satisfaction=7)
        who5(c, 5, 5, 5, 5, 5)
        c = make_contact(b, y2, D(2025, 4, 1))
        answer(c, "life_satisfaction", life_satisfaction=6)
        # y2 at A as well: another course, bridged, without answers.
        make_contact(a, y2, D(2025, 5, 1), bridged=True)
        # y3 at B: no answers, not bridged.
        make_contact(b, make_youth(b), D(2025, 5, 1))
        # Outside the scope: an answer of the year before, and the chat.
        c = make_contact(a, y1, D(2024, 12, 1), bridged=True)
        answer(c, "life_satisfaction", life_satisfaction=0)
        y4 = make_youth(cls.chat)
        for day in (D(2025, 1, 1), D(2025, 2, 1)):
            c = make_contact(cls.chat, y4, day, bridged=True)
            answer(c, "life_satisfaction", life_satisfaction=10)

    def test_it_gives_first_latest_and_change_of_life_satisfaction(self):
        figure = evaluation(year=2025)["outcomes"]["life_satisfaction"]
        # Courses y1@A (4 -> 8) and y2@B (7 -> 6).
        self.assertEqual(figure["courses"], 2)
        self.assertAlmostEqual(figure["first"], (4 + 7) / 2)
        self.assertAlmostEqual(figure["latest"], (8 + 6) / 2)
        self.assertAlmostEqual(figure["change"], ((8 - 4) + (6 - 7)) / 2)
        self.assertEqual(figure["direction"], "higher")

    def test_it_scores_wellbeing_and_loneliness_as_the_instruments_do(self):
        outcomes = evaluation(year=2025)["outcomes"]
        self.assertEqual(outcomes["who5"]["courses"], 1)
        self.assertEqual(outcomes["who5"]["first"], 40)
        self.assertEqual(outcomes["who5"]["latest"], 60)
        self.assertEqual(outcomes["who5"]["change"], 20)
        self.assertEqual(outcomes["loneliness3"]["courses"], 1)
        self.assertEqual(outcomes["loneliness3"]["change"], -2)
        self.assertEqual(outcomes["loneliness3"]["direction"], "lower")

    def test_it_shares_courses_with_bridging(self):
        bridging = evaluation(year=2025)["bridging_courses"]
        # Courses: y1@A, y2@B, y2@A, y3@B; bridged: y1@A, y2@A.
        self.assertEqual(bridging, {"courses": 4, "bridged": 2, "share": 0.5})

    def test_it_is_empty_for_a_year_without_contacts(self):
        figures = evaluation(year=2020)
        self.assertEqual(figures["bridging_courses"], {"courses": 0, "bridged": 0, "share": 0.0})
        for figure in figures["outcomes"].values():
            self.assertEqual(figure["courses"], 0)

            self.assertIsNone(figure["change"])

    def test_it_says_when_an_instrument_is_missing(self):
        # An instrument the register does not hold (an item the memos quote but no one asks).
        figure = score_change(Scope(site_id=self.site_a.id), "comfortable", direction=None)
        self.assertFalse(figure["available"])
        self.assertEqual(figure["courses"], 0)

    def test_it_uses_a_fixed_number_of_queries(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            evaluation(year=2025)
        # Sites, instruments, three first-vs-latest passes of six, two course counts.
        self.assertLessEqual(len(queries), 22)
