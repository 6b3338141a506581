"""The young person's chat page (open and closed from the schedule, the pre-chat questions)
and the counsellor's desk (access by site and role, take the next, risk, end into the
prefilled registration, the chief's capacity)."""

import datetime as dt
from unittest import mock

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frirum.audit.models import AuditEntry
from frirum.chat import actions, selectors
from frirum.chat.models import (
    CannedReply,
    Chat,
    ChatBan,
    ChatSettings,
    ChatStatus,
    DeskPresence,
)
from frirum.chat.tokens import hash_token
from frirum.sites.models import ClosedDay, OpeningHours
from frirum.sites.schedule import local_datetime
from frirum.taxonomies.models import Term
from tests.base import term
from tests.chat.base import ChatTestCase, start

# A Wednesday; the chat is open 13-18 on weekdays.
WEDNESDAY = dt.date(2026, 3, 4)


def at(date: dt.date, hour: int, minute: int = 0):
    return mock.patch(
        "frirum.chat.views.timezone.now",
        return_value=local_datetime(date, dt.time(hour, minute)),
    )


class YouthPageTests(ChatTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for weekday in range(5):
            OpeningHours.objects.create(
                site=cls.chat, weekday=weekday, opens=dt.time(13), closes=dt.time(18)
            )

    def url(self, lang="da", site="chat"):
        return reverse("chat:youth", args=[lang, site])

    def test_it_shows_the_questions_when_open(self):
        with at(WEDNESDAY, 14):
            response = self.client.get(self.url())
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        page = response.content.decode()
        assert "Hvor gammel er du?" in page
        assert "Chatten er åben til kl. 18:00." in page
        assert "data-chat-token" not in page

    def test_it_says_when_it_opens_when_closed(self):
        with at(WEDNESDAY, 19):
            response = self.client.get(self.url())
        page = response.content.decode()
        assert response.status_code == 200
        assert "Chatten er lukket lige nu" in page
        assert "torsdag 5. marts kl. 13:00" in page
        assert 'href="tel:112"' in page
        assert "Hvor gammel er du?" not in page

    def test_it_follows_a_closed_day(self):
        ClosedDay.objects.create(site=self.chat, date=WEDNESDAY, reason="Helligdag")
        with at(WEDNESDAY, 14):
            response = self.client.get(self.url("en"))
        page = response.content.decode()
        assert "The chat is closed right now" in page
        assert "It opens again Thursday 5 March at 13:00" in page

    def test_it_starts_a_chat_with_the_answers(self):
        theme = term("youth_theme", "loneliness")
        with at(WEDNESDAY, 14):
            response = self.client.post(
                self.url(),
                {
                    "age": "16",
                    "gender": "female",
                    "municipality": self.ballerup.pk,
                    "topic": theme.pk,
                },
            )
        assert response.status_code == 200
        chat = Chat.objects.get()
        assert (chat.site, chat.age, chat.gender, chat.municipality, chat.topic) == (
            self.chat,
            16,
            "female",
            self.ballerup,
            theme,
        )
        token = response.content.decode().split('data-chat-token="')[1].split('"')[0]
        assert chat.token_hash == hash_token(token)
        assert chat.status == ChatStatus.WAITING

    def test_it_starts_a_chat_without_answers(self):
        with at(WEDNESDAY, 14):
            response = self.client.post(self.url(), {})
        assert response.status_code == 200
        assert Chat.objects.get().age is None

    def test_it_keeps_bad_input_next_to_the_field(self):
        with at(WEDNESDAY, 14):
            response = self.client.post(self.url(), {"age": "200", "gender": "robot"})
        assert response.status_code == 400
        page = response.content.decode()
        assert 'value="200"' in page
        assert "form-error-message" in page
        assert not Chat.objects.exists()

    def test_it_starts_no_chat_when_closed(self):
        with at(WEDNESDAY, 20):
            response = self.client.post(self.url(), {"age": "16"})
        assert response.status_code == 409
        assert not Chat.objects.exists()

    def test_it_offers_family_themes_at_a_family_site(self):
        with at(WEDNESDAY, 14):
            OpeningHours.objects.create(
                site=self.family_site, weekday=2, opens=dt.time(9), closes=dt.time(20)
            )
            response = self.client.get(self.url(site="fam"))
        assert response.status_code == 200
        assert "Chat med headspace Family" in response.content.decode()

    def test_it_is_not_found_at_a_centre(self):
        assert self.client.get(self.url(site="alpha")).status_code == 404
        assert self.client.get(self.url(site="nowhere")).status_code == 404


class DeskAccessTests(ChatTestCase):
    def desk(self):
        return reverse("chat:desk", args=["chat"])

    def test_it_opens_for_the_sites_members(self):
        for user in (self.chat_volunteer, self.chat_chief, self.chat_employed):
            self.login(user)
            assert self.client.get(self.desk()).status_code == 200

    def test_it_is_not_found_for_other_sites_and_roles(self):
        for user in (self.volunteer_a, self.chief_b, self.viewer_ballerup, self.outsider):
            self.login(user)
            assert self.client.get(self.desk()).status_code == 404, user
            assert self.client.post(reverse("chat:take", args=["chat"])).status_code == 404
            assert self.client.get(reverse("chat:queue", args=["chat"])).status_code == 404

    def test_it_has_no_desk_at_a_centre(self):
        self.login(self.volunteer_a)
        assert self.client.get(reverse("chat:desk", args=["alpha"])).status_code == 404

    def test_it_sends_the_anonymous_to_the_login(self):
        response = Client().get(self.desk())
        assert response.status_code == 302 and "/login/" in response["Location"]

    def test_it_lets_only_the_chief_set_the_capacity(self):
        url = reverse("chat:capacity", args=["chat"])
        self.login(self.chat_volunteer)
        assert self.client.post(url, {"capacity": "2"}).status_code == 404
        self.login(self.chat_chief)
        self.client.post(url, {"capacity": "7"})
        assert not ChatSettings.objects.exists()
        self.client.post(url, {"capacity": "2"})
        assert ChatSettings.objects.get(site=self.chat).capacity == 2

    def test_it_keeps_a_chat_from_a_colleague_and_another_site(self):
        chat, _ = start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        for user in (self.chat_volunteer2, self.volunteer_a, self.chat_employed):
            self.login(user)
            assert self.client.post(reverse("chat:end", args=[chat.pk])).status_code == 404
            assert self.client.post(reverse("chat:risk", args=[chat.pk])).status_code == 404
        self.login(self.chat_volunteer2)
        assert self.client.get(self.desk(), {"chat": chat.pk}).status_code == 404
        chat.refresh_from_db()
        assert chat.status == ChatStatus.ACTIVE


class DeskTests(ChatTestCase):
    def test_it_shows_the_queue_in_order(self):
        start(self.chat, age=15)
        flagged, _ = start(self.chat, age=22)
        actions.set_risk(chat=flagged, user=self.chat_chief, risk=True)
        self.login(self.chat_volunteer)
        page = self.client.get(reverse("chat:queue", args=["chat"])).content.decode()
        assert page.index("22 år") < page.index("15 år")
        assert "2 venter" in page

    def test_it_shows_an_empty_queue(self):
        self.login(self.chat_volunteer)
        page = self.client.get(reverse("chat:desk", args=["chat"])).content.decode()
        assert "0 venter" in page
        assert "Du har ingen åben chat" in page

    def test_it_takes_the_next_within_capacity(self):
        first, _ = start(self.chat)
        start(self.chat)
        self.login(self.chat_volunteer)
        response = self.client.post(reverse("chat:take", args=["chat"]))
        assert response["Location"] == f"{reverse('chat:desk', args=['chat'])}?chat={first.pk}"
        page = self.client.get(response["Location"]).content.decode()
        assert f'data-desk-chat="{first.pk}"' in page
        self.client.post(reverse("chat:take", args=["chat"]))
        assert Chat.objects.filter(status=ChatStatus.ACTIVE).count() == 1

    def test_it_marks_risk_and_ends_into_the_registration(self):
        theme = term("youth_theme", "loneliness")
        chat, _ = start(self.chat, age=17, gender="male", municipality=self.ballerup, topic=theme)
        self.login(self.chat_volunteer)
        self.client.post(reverse("chat:take", args=["chat"]))
        self.client.post(reverse("chat:risk", args=[chat.pk]), {"risk": "1"})
        chat.refresh_from_db()
        assert chat.risk
        response = self.client.post(reverse("chat:end", args=[chat.pk]))
        registration = reverse("contacts:contact_create", args=["chat"]) + f"?chat={chat.pk}"
        assert response["Location"] == registration
        chat.refresh_from_db()
        assert chat.status == ChatStatus.ENDED
        form = self.client.get(registration).context["form"]
        assert form.initial["channel"] == "chat"
        assert form.initial["age"] == 17
        assert form.initial["new_gender"] == "male"
        assert form.initial["new_residence_municipality"] == self.ballerup.pk
        assert form.initial["themes"] == [theme.pk]
        assert form.initial["duration_minutes"] == 1
        assert form.initial["youth_mode"] == "new"

    def test_it_prefills_no_registration_from_another_counsellors_chat(self):
        chat, _ = start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        self.login(self.chat_volunteer2)
        url = reverse("contacts:contact_create", args=["chat"])
        assert self.client.get(url, {"chat": chat.pk}).status_code == 404
        assert self.client.get(url, {"chat": "x"}).status_code == 404


class BanTests(ChatTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for weekday in range(7):
            OpeningHours.objects.create(
                site=cls.chat, weekday=weekday, opens=dt.time(0), closes=dt.time(23, 59)
            )

    def start_from(self, address: str, day: dt.date = WEDNESDAY):
        # `at` stands still the clock everywhere (chat.views and chat.ban read the same one).
        with at(day, 14):
            return Client(REMOTE_ADDR=address).post(reverse("chat:youth", args=["da", "chat"]), {})

    def test_it_keeps_a_banned_visitor_out_until_midnight(self):
        assert self.start_from("192.0.2.7").status_code == 200
        chat = Chat.objects.get()
        assert len(chat.ban_key) == 64 and "192.0.2.7" not in chat.ban_key
        self.login(self.chat_volunteer)
        with at(WEDNESDAY, 14, 1):
            self.client.post(reverse("chat:take", args=["chat"]))
            response = self.client.post(reverse("chat:ban", args=[chat.pk]))
        assert response.status_code == 302
        chat.refresh_from_db()
        assert chat.status == ChatStatus.ENDED
        refused = self.start_from("192.0.2.7")
        assert refused.status_code == 429
        assert "Der kan ikke startes en ny chat herfra" in refused.content.decode()
        assert self.start_from("192.0.2.8").status_code == 200
        # Tomorrow the visitor's key is another one: the ban matches no one.
        assert self.start_from("192.0.2.7", WEDNESDAY + dt.timedelta(days=1)).status_code == 200

    def test_it_lets_only_the_chats_counsellor_ban(self):
        chat, _ = start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        for user in (self.chat_volunteer2, self.volunteer_a):
            self.login(user)
            assert self.client.post(reverse("chat:ban", args=[chat.pk])).status_code == 404
        chat.refresh_from_db()
        assert chat.status == ChatStatus.ACTIVE

    def test_it_limits_the_chats_one_visitor_starts_in_an_hour(self):
        with self.settings(FRIRUM_CHAT_STARTS_PER_HOUR=3):
            statuses = [self.start_from("192.0.2.9").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        assert Chat.objects.count() == 3

    def test_it_forgets_the_keys_after_the_day(self):
        chat, _ = actions.start_chat(site=self.chat, ban_key="k" * 64)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        actions.ban_until_midnight(chat=chat, user=self.chat_volunteer)
        Chat.objects.filter(pk=chat.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
        ChatBan.objects.update(day=WEDNESDAY)
        actions.purge_transcripts()
        chat.refresh_from_db()
        assert chat.ban_key == ""
        assert not ChatBan.objects.exists()


class SupervisorTests(ChatTestCase):
    def test_it_shows_every_live_chat_to_the_supervisor_only(self):
        chat, _ = start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        actions.set_risk(chat=chat, user=self.chat_volunteer, risk=True)
        self.login(self.chat_employed)
        page = self.client.get(reverse("chat:desk", args=["chat"])).content.decode()
        assert "Alle igangværende chats" in page and f"?chat={chat.pk}" in page
        page = self.client.get(
            reverse("chat:desk", args=["chat"]), {"chat": chat.pk}
        ).content.decode()
        assert 'data-chat-kind="whisper"' in page
        assert reverse("chat:end", args=[chat.pk]) not in page
        self.login(self.chat_volunteer2)
        page = self.client.get(reverse("chat:desk", args=["chat"])).content.decode()
        assert "Alle igangværende chats" not in page

    def test_it_transfers_from_the_desk(self):
        chat, _ = start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        DeskPresence.objects.create(
            site=self.chat, user=self.chat_volunteer2, connections=1, seen_at=timezone.now()
        )
        self.login(self.chat_volunteer)
        page = self.client.get(reverse("chat:desk", args=["chat"])).content.decode()
        assert "Giv chatten videre til" in page
        url = reverse("chat:transfer", args=[chat.pk])
        self.client.post(url, {"to": self.volunteer_a.pk})
        chat.refresh_from_db()
        assert chat.counsellor == self.chat_volunteer
        self.client.post(url, {"to": self.chat_volunteer2.pk})
        chat.refresh_from_db()
        assert chat.counsellor == self.chat_volunteer2
        assert self.client.post(url, {"to": self.chat_volunteer.pk}).status_code == 404


class SurgeAndCannedTests(ChatTestCase):
    def test_it_lets_the_supervisor_switch_surge_mode(self):
        url = reverse("chat:surge", args=["chat"])
        for user in (self.chat_volunteer, self.chief_a):
            self.login(user)
            assert self.client.post(url, {"surge": "1"}).status_code == 404
        self.login(self.chat_employed)
        self.client.post(url, {"surge": "1"})
        assert selectors.capacity(self.chat) == 2
        assert AuditEntry.objects.filter(object_type="chat settings").count() == 1
        page = self.client.get(reverse("chat:desk", args=["chat"])).content.decode()
        assert "Travl tilstand er slået til" in page
        self.client.post(url, {"surge": "0"})
        assert selectors.capacity(self.chat) == 1

    def test_it_lets_the_chief_keep_canned_replies(self):
        add = reverse("chat:canned_add", args=["chat"])
        self.login(self.chat_volunteer)
        assert (
            self.client.post(add, {"title": "Hej", "text": "Hej, godt du skriver."}).status_code
            == 404
        )
        self.login(self.chat_chief)
        response = self.client.post(add, {"title": "", "text": "x" * 2001})
        assert response.status_code == 400
        assert "form-error-message" in response.content.decode()
        self.client.post(add, {"title": "Hej", "text": "Hej, godt du skriver."})
        reply = CannedReply.objects.get(site=self.chat)
        start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        self.login(self.chat_volunteer)
        page = self.client.get(reverse("chat:desk", args=["chat"])).content.decode()
        assert 'data-canned="Hej, godt du skriver."' in page
        delete = reverse("chat:canned_delete", args=["chat", reply.pk])
        assert self.client.post(delete).status_code == 404
        self.login(self.chief_b)
        assert self.client.post(delete).status_code == 404
        self.login(self.chat_chief)
        self.client.post(delete)
        assert not CannedReply.objects.exists()


class FamilyChatTests(ChatTestCase):
    def test_it_ends_a_family_chat_in_the_family_registration(self):
        theme = Term.objects.filter(vocabulary="family_theme").first()
        chat, _ = start(self.family_site, topic=theme)
        self.login(self.family_staff)
        self.client.post(reverse("chat:take", args=["fam"]))
        response = self.client.post(reverse("chat:end", args=[chat.pk]))
        registration = reverse("family:conversation_create", args=["fam"]) + f"?chat={chat.pk}"
        assert response["Location"] == registration
        form = self.client.get(registration).context["form"]
        assert form.initial["channel"] == "chat"
        assert form.initial["themes"] == [theme]
        self.login(self.peer)
        assert self.client.get(registration).status_code == 404


class TakeOverTests(ChatTestCase):
    def test_it_lets_the_supervisor_take_a_chat_over(self):
        chat, _ = start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        url = reverse("chat:take_over", args=[chat.pk])
        for user in (self.chat_volunteer2, self.chief_a):
            self.login(user)
            assert self.client.post(url).status_code == 404
        self.login(self.chat_employed)
        page = self.client.get(reverse("chat:desk", args=["chat"]), {"chat": chat.pk})
        assert "Overtag chatten" in page.content.decode()
        self.client.post(url)
        chat.refresh_from_db()
        assert chat.counsellor == self.chat_employed
        assert AuditEntry.objects.filter(object_type="chat", object_id=str(chat.pk)).count() == 2
