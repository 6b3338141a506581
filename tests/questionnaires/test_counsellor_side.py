import datetime as dt
import re

from django.urls import reverse

from frirum.questionnaires.models import FeedbackCode, Instrument
from tests.base import BaseTestCase, make_contact, make_youth
from tests.questionnaires.factories import answer, session_rating


class IssueCodeTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.contact = make_contact(cls.site_a)

    def url(self):
        return reverse("questionnaires:issue_code", args=[self.contact.code])

    def test_it_issues_a_code_with_a_qr_code(self):
        self.login(self.volunteer_a)
        response = self.client.post(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "<svg")
        record = FeedbackCode.objects.get(contact=self.contact)
        self.assertEqual(record.created_by, self.volunteer_a)
        code = response.context["code"].replace("-", "")
        # The QR code's link carries the code after "#", which browsers never send.
        self.assertEqual(response.context["url"], f"http://testserver/q/#{code}")
        youth = self.client_class()
        self.assertRedirects(
            youth.post(reverse("questionnaires:start"), {"code": code}),
            reverse("questionnaires:answer"),
        )

    def test_it_refuses_get(self):
        self.login(self.volunteer_a)
        self.assertEqual(self.client.get(self.url()).status_code, 405)

    def test_it_hides_other_sites_contacts(self):
        for user in (self.volunteer_b, self.chief_b, self.viewer_ballerup, self.outsider):
            self.login(user)
            self.assertEqual(self.client.post(self.url()).status_code, 404, user)
        self.assertFalse(FeedbackCode.objects.exists())

    def test_it_requires_login(self):
        response = self.client.post(self.url())
        self.assertEqual(response.status_code, 302)
        self.assertFalse(FeedbackCode.objects.exists())

    def test_it_refuses_a_code_for_an_answered_contact(self):
        answer(self.contact, "helped", helped=3)
        self.login(self.volunteer_a)
        response = self.client.post(self.url(), follow=True)
        self.assertContains(response, "allerede besvaret")
        self.assertFalse(FeedbackCode.objects.exists())


class ContactPanelTestCase(BaseTestCase):
    def test_it_offers_a_code_before_answers(self):
        contact = make_contact(self.site_a)
        self.login(self.volunteer_a)
        response = self.client.get(reverse("contacts:contact_detail", args=[contact.code]))
        self.assertContains(response, reverse("questionnaires:issue_code", args=[contact.code]))

    def test_it_shows_the_answers(self):
        contact = make_contact(self.site_a)
        session_rating(contact, 9, 8, 7, 6)
        answer(contact, "self_efficacy", self_efficacy=2)
        self.login(self.volunteer_a)
        response = self.client.get(reverse("contacts:contact_detail", args=[contact.code]))
        self.assertContains(response, "Om samtalen: 30 / 40")
        self.assertContains(response, "Tro på egne evner: 2 / 5 (Høj)")
        self.assertNotContains(response, reverse("questionnaires:issue_code", args=[contact.code]))


class CourseFeedbackTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.youth = make_youth(cls.site_a)
        ratings = [(10, 10, 9, 10), (9, 9, 9, 9), None, (10, 10, 10, 10), (8, 8, 8, 8)]
        for day, rating in enumerate(ratings, start=1):
            contact = make_contact(cls.site_a, cls.youth, dt.date(2025, 3, day))
            if rating:
                session_rating(contact, *rating)
                answer(contact, "self_efficacy", self_efficacy=5 - day // 2)

    def url(self, site=None):
        site = site or self.site_a
        return reverse("contacts:youth_course", args=[site.code, self.youth.code])

    def test_it_flags_drops_and_totals_below_the_cutoff(self):
        from frirum.questionnaires.selectors import course_feedback

        feedback = course_feedback(youth=self.youth, site=self.site_a)
        flags = [(f["kind"], f["contact"].date.day, f["score"]) for f in feedback["flags"]]
        # Totals 39, 36, -, 40, 32: drop on day 2 (36 is not below 36), day 5 drops and is low.
        self.assertEqual(flags, [("drop", 2, 36), ("below_cutoff", 5, 32), ("drop", 5, 32)])

    def test_it_draws_a_trend_per_instrument(self):
        self.login(self.volunteer_a)
        response = self.client.get(self.url())
        self.assertContains(response, "<polyline", count=2)
        self.assertContains(response, "faldt fra 40 til 32")
        self.assertContains(response, "er under 36")

    def test_it_draws_every_chart_with_its_good_end_at_the_top(self):
        from frirum.questionnaires.selectors import course_feedback

        feedback = course_feedback(youth=self.youth, site=self.site_a)
        charts = {chart["instrument"].code: chart for chart in feedback["charts"]}
        session, efficacy = charts["session_rating"], charts["self_efficacy"]
        # SVG y grows downwards: the better end has the smaller y on both charts.
        self.assertLess(session["high_y"], session["low_y"])  # 40 (best) up
        self.assertLess(efficacy["low_y"], efficacy["high_y"])  # 1 = very well, up
        self.assertEqual(feedback["lower_is_better"], {"self_efficacy"})
        self.login(self.volunteer_a)
        response = self.client.get(self.url())
        self.assertContains(response, "lavere er bedre: bedst øverst")
        self.assertContains(
            response, 'Tro på egne evner <span class="weight-normal">(lavere er bedre)</span>'
        )

    def test_it_writes_the_charts_numbers_with_a_decimal_point_in_danish(self):
        # SVG reads "40.9"; Danish number formatting would write "40,9", an invalid
        # coordinate that puts the dot at the chart's edge.
        self.login(self.volunteer_a)
        content = self.client.get(self.url()).content.decode()
        svg = "".join(re.findall(r"<svg class=\"q-chart\".*?</svg>", content, flags=re.S))
        numbers = re.findall(r' (?:cx|cy|x|y|x1|y1|x2|y2)="([^"]*)"', svg)
        self.assertGreater(len(numbers), 10)
        for number in numbers:
            self.assertRegex(number, r"^\d+(\.\d+)?$")

    def test_it_has_nothing_to_show_without_answers(self):
        from frirum.questionnaires.selectors import course_feedback

        feedback = course_feedback(youth=make_youth(self.site_a), site=self.site_a)
        self.assertEqual((feedback["rows"], feedback["flags"], feedback["charts"]), ([], [], []))

    def test_it_keeps_the_course_from_other_sites(self):
        self.login(self.volunteer_b)
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_it_reads_a_long_course_in_few_queries(self):
        from frirum.questionnaires.selectors import course_feedback

        youth = make_youth(self.site_a)
        for day in range(1, 29):
            session_rating(make_contact(self.site_a, youth, dt.date(2025, 2, day)), 9, 9, 9, 9)
        with self.assertNumQueries(4):
            feedback = course_feedback(youth=youth, site=self.site_a)
        self.assertEqual(len(feedback["rows"]), 28)


class SiteInstrumentsTestCase(BaseTestCase):
    def url(self, site=None):
        return reverse("questionnaires:site_instruments", args=[(site or self.site_a).code])

    def test_it_lets_the_centre_chief_choose(self):
        self.login(self.chief_a)
        chosen = Instrument.objects.filter(code__in=["who5", "session_rating"])
        response = self.client.post(self.url(), {"instruments": [i.pk for i in chosen]})
        self.assertRedirects(response, self.url())
        self.assertEqual(set(self.site_a.instruments.all()), set(chosen))

    def test_it_falls_back_to_the_defaults_when_none_chosen(self):
        self.site_a.instruments.set(Instrument.objects.filter(code="who5"))
        self.login(self.chief_a)
        self.client.post(self.url(), {})
        self.assertFalse(self.site_a.instruments.exists())
        response = self.client.get(self.url())
        self.assertContains(response, "netværkets standard")

    def test_it_refuses_bad_input(self):
        self.login(self.chief_a)
        response = self.client.post(self.url(), {"instruments": ["999999"]})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "form-error")

    def test_it_is_only_for_the_sites_chief_and_the_secretariat(self):
        for user in (
            self.volunteer_a,
            self.a_employed_counsellor,
            self.chief_b,
            self.viewer_ballerup,
        ):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 404, user)
        self.login(self.secretariat)
        self.assertEqual(self.client.get(self.url()).status_code, 200)
