"""Feedback and self-efficacy outcome figures, counted by hand."""

import datetime as dt

from frirum.contacts.models import Contact
from frirum.questionnaires.outcomes import first_latest_pairs
from frirum.reports import figures
from tests.base import BaseTestCase
from tests.reports.factories import answer, contact, session_rating, youth

D = dt.date


class FeedbackFiguresTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        a, b = cls.site_a, cls.site_b
        cls.y1, cls.y2, cls.y3 = youth(), youth(), youth()

        # y1 at A: three answered contacts; two on the first day ("C-X10" < "C-X2").
        c = contact(a, cls.y1, D(2025, 1, 10), code="C-X2")
        answer(c, "self_efficacy", "self_efficacy", 5)
        session_rating(c, 8, 9, 7, 10)
        answer(c, "helped", "helped", 4)
        c = contact(a, cls.y1, D(2025, 1, 10), code="C-X10")
        answer(c, "self_efficacy", "self_efficacy", 1)
        c = contact(a, cls.y1, D(2025, 6, 1), code="C-X3")
        answer(c, "self_efficacy", "self_efficacy", 3)
        answer(c, "helped", "helped", 5)
        # Last year's answer is outside the year's course.
        c = contact(a, cls.y1, D(2024, 6, 1), code="C-X0")
        answer(c, "self_efficacy", "self_efficacy", 5)
        # A contact without any answer.
        contact(a, cls.y1, D(2025, 7, 1), code="C-X4")

        # y2: one answered contact at A and one at B: two courses of one answer each.
        c = contact(a, cls.y2, D(2025, 2, 1), code="C-Y1")
        answer(c, "self_efficacy", "self_efficacy", 2)
        answer(c, "helped", "helped", 1)
        c = contact(b, cls.y2, D(2025, 3, 1), code="C-Y2")
        answer(c, "self_efficacy", "self_efficacy", 4)
        session_rating(c, 1, 1, 1, 1)

        # y3 at A: latest day tie, the largest code wins ("C-Z9" > "C-Z10").
        c = contact(a, cls.y3, D(2025, 3, 1), code="C-Z1")
        answer(c, "self_efficacy", "self_efficacy", 4)
        session_rating(c, 6, 6, 6, 5)
        c = contact(a, cls.y3, D(2025, 9, 1), code="C-Z10")
        answer(c, "self_efficacy", "self_efficacy", 5)
        c = contact(a, cls.y3, D(2025, 9, 1), code="C-Z9")
        answer(c, "self_efficacy", "self_efficacy", 2)

    def test_it_counts_contacts_with_an_answer(self):
        feedback = figures.annual(site=self.site_a, year=2025)["feedback"]
        # All of A's contacts in 2025 except C-X4.
        self.assertEqual(feedback["responses"], 7)

    def test_it_means_each_session_rating_item(self):
        means = figures.annual(site=self.site_a, year=2025)["feedback"]["session_rating_mean"]
        self.assertEqual(
            means,
            {"relationship": 7.0, "goals_topics": 7.5, "approach_method": 6.5, "overall": 7.5},
        )

    def test_it_shares_the_helped_answers_unrounded(self):
        helped = figures.annual(site=self.site_a, year=2025)["feedback"]["helped"]
        self.assertEqual(helped, {"1": 1 / 3, "2": 0.0, "3": 0.0, "4": 1 / 3, "5": 1 / 3})

    def test_it_compares_first_and_latest_self_efficacy_of_each_course(self):
        outcome = figures.annual(site=self.site_a, year=2025)["outcomes"]["self_efficacy"]
        self.assertEqual(outcome["courses"], 2)
        # y1: first C-X10 = 1 (high), latest C-X3 = 3 (middle);
        # y3: first C-Z1 = 4 (low), latest C-Z9 = 2 (high).
        self.assertEqual(outcome["first"], {"high": 0.5, "middle": 0.0, "low": 0.5})
        self.assertEqual(outcome["latest"], {"high": 0.5, "middle": 0.5, "low": 0.0})

    def test_it_keeps_courses_apart_by_site_nationally(self):
        result = figures.national(year=2025)
        outcome = result["outcomes"]["self_efficacy"]
        self.assertEqual(outcome["courses"], 2)
        self.assertEqual(result["feedback"]["responses"], 8)
        means = result["feedback"]["session_rating_mean"]
        self.assertEqual(means["relationship"], 5.0)
        self.assertEqual(means["overall"], (10 + 1 + 5) / 3)

    def test_it_names_the_questionnaire_versions_covered(self):
        versions = figures.annual(site=self.site_a, year=2025)["meta"]["instrument_versions"]
        self.assertEqual(versions, ["helped v1", "self_efficacy v1", "session_rating v1"])

    def test_it_has_no_courses_without_two_answers(self):
        outcome = figures.annual(site=self.site_b, year=2025)["outcomes"]["self_efficacy"]
        self.assertEqual(outcome["courses"], 0)
        self.assertEqual(outcome["first"], {"high": 0.0, "middle": 0.0, "low": 0.0})

    def test_it_agrees_with_the_questionnaires_first_latest_pairs(self):
        contacts = Contact.objects.filter(site=self.site_a, date__year=2025)
        pairs = first_latest_pairs(contacts=contacts, instrument_code="self_efficacy")
        outcome = figures.annual(site=self.site_a, year=2025)["outcomes"]["self_efficacy"]
        self.assertEqual(outcome["courses"], len(pairs))
        band = {1: "high", 2: "high", 3: "middle", 4: "low", 5: "low"}
        for moment in ("first", "latest"):
            counts = {"high": 0, "middle": 0, "low": 0}
            for pair in pairs:
                counts[band[pair[moment]]] += 1
            self.assertEqual(outcome[moment], {key: n / len(pairs) for key, n in counts.items()})
