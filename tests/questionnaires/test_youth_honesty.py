"""The questionnaire tells the young person the truth: no name is asked, and the counsellor
sees the answers to use in the next conversation. Every scale has its good end last."""

import re

from django.core.cache import cache
from django.urls import reverse

from frirum.questionnaires.actions import issue_feedback_code
from frirum.questionnaires.models import Item, Response
from tests.base import BaseTestCase, make_contact


def option_labels(content: str, item: Item) -> list[tuple[str, str]]:
    """(value, label text) of one question's radio buttons, in page order."""
    pattern = rf'name="item_{item.pk}" value="(\d+)"[^>]*>\s*<label[^>]*>(.*?)</label>'
    return [
        (value, re.sub(r"<[^>]+>", " ", label).split())
        for value, label in re.findall(pattern, content, flags=re.S)
    ]


class HonestyTests(BaseTestCase):
    def setUp(self):
        cache.clear()
        contact = make_contact(self.site_a)
        _record, code = issue_feedback_code(contact=contact, actor=self.volunteer_a)
        self.client.post(reverse("questionnaires:start"), {"code": code})

    def page(self) -> str:
        return self.client.get(reverse("questionnaires:answer")).content.decode()

    def test_it_says_no_name_is_asked_and_the_counsellor_sees_the_answers(self):
        content = self.page()
        self.assertIn("Du skriver ikke dit navn", content)
        self.assertIn("Din rådgiver kan se dine svar og bruge dem i jeres næste samtale", content)
        self.assertNotIn("anonyme", content)

    def test_it_says_the_same_on_the_start_page_and_the_code_screen(self):
        self.client.logout()
        start = self.client.get(reverse("questionnaires:start")).content.decode()
        self.assertIn("din rådgiver kan se dine svar", start)
        self.assertNotIn("anonyme", start)

    def test_it_shows_every_scale_with_its_good_end_last(self):
        content = self.page()
        helped = Item.objects.get(version__is_current=True, code="helped")
        efficacy = Item.objects.get(version__is_current=True, code="self_efficacy")
        self.assertEqual([v for v, _ in option_labels(content, helped)], ["1", "2", "3", "4", "5"])
        # Stored 1 = very well (interchange v1); shown from "very poorly" to "very well".
        shown = option_labels(content, efficacy)
        self.assertEqual([v for v, _ in shown], ["5", "4", "3", "2", "1"])
        self.assertEqual(" ".join(shown[0][1]), "Meget dårligt (dårligst) Dårligst")
        self.assertEqual(" ".join(shown[-1][1]), "Meget godt (bedst) Bedst")
        self.assertEqual(" ".join(shown[2][1]), "Nogenlunde")

    def test_it_names_the_good_end_of_every_scale_in_danish_and_english(self):
        from frirum.questionnaires.models import Instrument

        self.site_a.instruments.set(Instrument.objects.all())
        best_da = {
            "session_rating": "Helt og aldeles",
            "helped": "Rigtig meget",
            "self_efficacy": "Meget godt",
            "who5": "Hele tiden",
            "loneliness3": "Næsten aldrig",
            "life_satisfaction": "Bedst mulige liv",
        }
        best_en = {
            "session_rating": "Completely",
            "helped": "Very much",
            "self_efficacy": "Very well",
            "who5": "All of the time",
            "loneliness3": "Hardly ever",
            "life_satisfaction": "Best possible life",
        }
        for language, best, words in (
            ("da", best_da, ("bedst", "dårligst")),
            ("en", best_en, ("best", "worst")),
        ):
            self.client.cookies["django_language"] = language
            content = self.page()
            items = Item.objects.filter(version__is_current=True).select_related(
                "version__instrument"
            )
            self.assertEqual(
                {item.version.instrument.code for item in items}, set(best), "every instrument"
            )
            for item in items:
                shown = option_labels(content, item)
                last, first = " ".join(shown[-1][1]), " ".join(shown[0][1])
                self.assertIn(f"({words[0]})", last, (language, item.code))
                self.assertIn(f"({words[1]})", first, (language, item.code))
                self.assertIn(best[item.version.instrument.code], last, (language, item.code))
                # No answer between the ends claims to be one.
                for _value, label in shown[1:-1]:
                    self.assertNotIn(f"({words[0]})", " ".join(label))
                    self.assertNotIn(f"({words[1]})", " ".join(label))

    def test_it_stores_the_value_the_young_person_chose(self):
        efficacy = Item.objects.get(version__is_current=True, code="self_efficacy")
        response = self.client.post(reverse("questionnaires:answer"), {f"item_{efficacy.pk}": "1"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Response.objects.get(item=efficacy).value, 1)
