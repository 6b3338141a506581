import datetime as dt

from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from frirum.questionnaires import codes, ratelimit
from frirum.questionnaires.actions import issue_feedback_code
from frirum.questionnaires.models import FeedbackCode, Item, Response
from tests.base import BaseTestCase, make_contact


def item(instrument, code):
    return Item.objects.get(
        version__instrument__code=instrument, version__is_current=True, code=code
    )


class YouthPageTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()
        self.contact = make_contact(self.site_a, note="Talte om skolen")
        self.record, self.code = issue_feedback_code(contact=self.contact, actor=self.volunteer_a)
        self.url = reverse("questionnaires:answer")
        # The code comes once, in a POST; the session says which questionnaire is open.
        opened = self.client.post(reverse("questionnaires:start"), {"code": self.code})
        self.assertRedirects(opened, self.url)

    def answers(self, **overrides):
        data = {
            f"item_{item('session_rating', 'relationship').pk}": "9",
            f"item_{item('session_rating', 'goals_topics').pk}": "8",
            f"item_{item('session_rating', 'approach_method').pk}": "10",
            f"item_{item('session_rating', 'overall').pk}": "9",
            f"item_{item('helped', 'helped').pk}": "4",
            f"item_{item('self_efficacy', 'self_efficacy').pk}": "2",
        }
        data.update(overrides)
        return data

    def test_it_shows_the_questions_without_login(self):
        response = self.client.get(self.url)
        self.assertContains(response, "Følte du dig hørt")
        self.assertContains(response, "Har det hjulpet dig at komme her?")
        self.assertIn("no-store", response["Cache-Control"])

    def test_it_shows_nothing_about_the_conversation(self):
        content = self.client.get(self.url).content.decode()
        for secret in (
            self.contact.code,
            self.contact.youth.code,
            "Talte om skolen",
            self.site_a.name,
        ):
            self.assertNotIn(secret, content)

    def test_it_speaks_english_when_chosen(self):
        self.client.cookies["django_language"] = "en"
        response = self.client.get(self.url)
        self.assertContains(response, "Has it helped you to come here?")

    def test_it_stores_the_answers_on_the_contact(self):
        response = self.client.post(self.url, self.answers())
        self.assertRedirects(response, reverse("questionnaires:thanks"))
        values = dict(
            Response.objects.filter(contact=self.contact).values_list("item_code", "value")
        )
        self.assertEqual(values["overall"], 9)
        self.assertEqual(values["self_efficacy"], 2)
        self.assertEqual(len(values), 6)
        self.record.refresh_from_db()
        self.assertIsNotNone(self.record.used_at)

    def test_it_accepts_a_code_once(self):
        self.client.post(self.url, self.answers())
        again = self.client.post(
            self.url, self.answers(**{f"item_{item('helped', 'helped').pk}": "1"})
        )
        # The session no longer holds the questionnaire: back to the start.
        self.assertRedirects(again, reverse("questionnaires:start"))
        self.assertEqual(Response.objects.get(contact=self.contact, item_code="helped").value, 4)
        typed_again = self.client.post(reverse("questionnaires:start"), {"code": self.code})
        self.assertContains(typed_again, "allerede svaret", status_code=410)

    def test_it_accepts_a_code_once_from_two_tabs(self):
        other = self.client_class()
        other.post(reverse("questionnaires:start"), {"code": self.code})
        self.client.post(self.url, self.answers())
        late = other.post(self.url, self.answers())
        self.assertContains(late, "allerede svaret", status_code=410)
        self.assertEqual(Response.objects.filter(contact=self.contact).count(), 6)

    def test_it_sends_a_browser_without_an_open_questionnaire_to_the_start(self):
        fresh = self.client_class()
        self.assertRedirects(fresh.get(self.url), reverse("questionnaires:start"))
        self.assertRedirects(fresh.post(self.url, self.answers()), reverse("questionnaires:start"))
        self.assertFalse(Response.objects.exists())

    def test_it_refuses_an_expired_code(self):
        FeedbackCode.objects.filter(pk=self.record.pk).update(expires_at=timezone.now())
        response = self.client.post(self.url, self.answers())
        self.assertContains(response, "udløbet", status_code=410)
        self.assertFalse(Response.objects.exists())

    @override_settings(FRIRUM_QUESTIONNAIRE_CODE_HOURS=2)
    def test_it_expires_after_the_configured_hours(self):
        now = timezone.now()
        record, _code = issue_feedback_code(contact=make_contact(self.site_a), actor=None, now=now)
        self.assertEqual(record.expires_at, now + dt.timedelta(hours=2))

    def test_it_expires_after_24_hours_by_default(self):
        self.assertAlmostEqual(
            (self.record.expires_at - self.record.created_at).total_seconds(), 24 * 3600, delta=5
        )

    def test_it_keeps_what_was_typed_and_explains_a_bad_value(self):
        relationship = f"item_{item('session_rating', 'relationship').pk}"
        response = self.client.post(self.url, self.answers(**{relationship: "11"}))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'id="id_{relationship}_error"')
        self.assertContains(
            response, 'value="4" id="id_item_{}_3" checked'.format(item("helped", "helped").pk)
        )
        self.assertFalse(Response.objects.exists())

    def test_it_asks_for_at_least_one_answer(self):
        response = self.client.post(self.url, {})
        self.assertContains(response, "mindst ét spørgsmål")
        self.assertFalse(Response.objects.exists())

    def test_it_stores_partial_answers(self):
        response = self.client.post(self.url, {f"item_{item('helped', 'helped').pk}": "5"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Response.objects.get(contact=self.contact).value, 5)

    def test_it_only_accepts_questions_the_site_asks(self):
        who5 = item("who5", "cheerful")
        self.client.post(self.url, self.answers(**{f"item_{who5.pk}": "5"}))
        self.assertFalse(Response.objects.filter(item=who5).exists())

    def test_it_asks_the_sites_own_choice(self):
        from frirum.questionnaires.models import Instrument

        self.site_a.instruments.set(Instrument.objects.filter(code__in=["who5", "helped"]))
        response = self.client.get(self.url)
        self.assertContains(response, "glad og i godt humør")
        self.assertNotContains(response, "Følte du dig hørt")

    def test_it_stores_nothing_about_the_device(self):
        self.client.post(
            self.url, self.answers(), HTTP_USER_AGENT="Secret-Phone/1.0", REMOTE_ADDR="203.0.113.9"
        )
        from django.db import connection

        with connection.cursor() as cursor:
            for table in connection.introspection.table_names():
                cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
                dump = repr(cursor.fetchall())
                self.assertNotIn("Secret-Phone", dump, table)
                self.assertNotIn("203.0.113.9", dump, table)
                self.assertNotIn(self.code, dump, table)


class CodeEntryTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()
        self.contact = make_contact(self.site_a)
        self.record, self.code = issue_feedback_code(contact=self.contact, actor=self.volunteer_a)
        self.start = reverse("questionnaires:start")

    def test_it_opens_the_form_for_a_typed_code(self):
        typed = f" {codes.display(self.code).lower()} "
        response = self.client.post(self.start, {"code": typed})
        self.assertRedirects(response, reverse("questionnaires:answer"))
        self.assertNotIn(self.code, response["Location"])

    def test_it_explains_a_wrong_code_and_keeps_it(self):
        wrong = codes.display(codes.new_code())
        response = self.client.post(self.start, {"code": wrong})
        self.assertContains(response, "Vi kunne ikke finde den kode")
        self.assertContains(response, f'value="{wrong}"')

    def test_it_explains_a_typo_without_counting_it(self):
        typo = ("2" if self.code[3] != "2" else "3").join((self.code[:3], self.code[4:]))
        for _attempt in range(ratelimit.limit() + 5):
            response = self.client.post(self.start, {"code": typo})
            self.assertContains(response, "tastefejl")
        self.assertRedirects(
            self.client.post(self.start, {"code": self.code}), reverse("questionnaires:answer")
        )

    def test_it_explains_that_an_old_8_character_code_no_longer_works(self):
        for _attempt in range(ratelimit.limit() + 1):
            response = self.client.post(self.start, {"code": "7KQ4-M2XP"})
            self.assertContains(response, "gammel slags kode")
        self.assertRedirects(
            self.client.post(self.start, {"code": self.code}), reverse("questionnaires:answer")
        )

    def test_it_slows_down_guessing(self):
        for _guess in range(ratelimit.limit()):
            self.client.post(self.start, {"code": codes.new_code()})
        # The address has used its free guesses for the hour: even the right code is not
        # looked up without proof of work, so a guesser learns nothing from the answer (the
        # phone's side of it: test_code_throttle.py).
        response = self.client.post(self.start, {"code": self.code})
        self.assertContains(response, "mange forsøg med koder fra dit netværk")
        self.assertContains(response, 'name="pow_challenge"')
        # Another client is not slowed down.
        other = self.client_class(REMOTE_ADDR="198.51.100.7")
        self.assertRedirects(
            other.post(self.start, {"code": self.code}), reverse("questionnaires:answer")
        )

    def test_it_answers_an_old_link_with_the_start_page_without_looking_at_the_code(self):
        response = self.client.get(f"/q/{self.code}/")
        self.assertRedirects(response, self.start)

    def test_it_stores_only_a_hash_of_the_code(self):
        self.assertNotIn(self.code, self.record.code_hash)
        self.assertEqual(len(self.record.code_hash), 64)

    def test_it_withdraws_the_previous_code_when_a_new_one_is_made(self):
        _record, new_code = issue_feedback_code(contact=self.contact, actor=self.volunteer_a)
        old = self.client.post(self.start, {"code": self.code})
        self.assertEqual(old.status_code, 410)
        self.assertRedirects(
            self.client.post(self.start, {"code": new_code}), reverse("questionnaires:answer")
        )
