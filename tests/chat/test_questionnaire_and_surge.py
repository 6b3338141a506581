"""The questionnaire offered in the chat at its end (the chat's token in a POST exchanged for
the questionnaire in the session: no code typed, none in an address) and surge mode's short
first answer (sent by itself when a chat is taken in surge mode; setting it is audited)."""

from django.test import Client
from django.urls import reverse

from frirum.audit.models import AuditEntry
from frirum.chat import actions
from frirum.chat.models import AuthorKind, Chat, ChatMessage, ChatSettings
from frirum.questionnaires.access import SESSION_KEY
from frirum.questionnaires.models import FeedbackCode, Item, Response
from tests.chat.base import ChatTestCase, start
from tests.contacts.factories import contact_post


def item(instrument: str, code: str) -> Item:
    return Item.objects.get(
        version__is_current=True, version__instrument__code=instrument, code=code
    )


class ChatQuestionnaireTests(ChatTestCase):
    def setUp(self):
        self.chat_, self.token = start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        self.youth = Client()
        self.url = reverse("chat:youth_questionnaire", args=["da", "chat"])

    def end_and_register(self):
        self.login(self.chat_volunteer)
        self.client.post(reverse("chat:end", args=[self.chat_.pk]))
        create = reverse("contacts:contact_create", args=["chat"]) + f"?chat={self.chat_.pk}"
        page = self.client.get(create).content.decode()
        # The form posts back with the chat, so the registration is linked to it.
        assert f'?chat={self.chat_.pk}"' in page
        response = self.client.post(
            create,
            contact_post(self.chat, channel="chat", counsellors=[str(self.chat_volunteer.pk)]),
        )
        assert response.status_code == 302
        self.chat_.refresh_from_db()
        return self.chat_.contact

    def test_it_offers_the_questionnaire_on_the_chat_page(self):
        page = self.youth.get(reverse("chat:youth", args=["da", "chat"])).content.decode()
        assert "data-chat-questionnaire" in page
        assert "Svar på spørgsmålene" in page

    def test_it_links_the_registration_and_opens_the_questionnaire_without_a_code(self):
        contact = self.end_and_register()
        assert contact is not None
        response = self.youth.post(self.url, {"token": self.token})
        assert response["Location"] == reverse("questionnaires:answer")
        # No code in any address: the session holds the questionnaire.
        record = FeedbackCode.objects.get(contact=contact)
        assert self.youth.session[SESSION_KEY] == record.pk
        answer = self.youth.post(
            reverse("questionnaires:answer"), {f"item_{item('helped', 'helped').pk}": "4"}
        )
        assert answer["Location"] == reverse("questionnaires:thanks")
        assert Response.objects.get(contact=contact).value == 4
        # The registration shows the answer like any other conversation's.
        detail = self.client.get(reverse("contacts:contact_detail", args=[contact.code]))
        assert detail.status_code == 200
        again = self.youth.post(self.url, {"token": self.token})
        assert again.status_code == 410
        assert "allerede svaret" in again.content.decode()

    def test_it_tells_the_young_person_when_the_registration_is_saved(self):
        self.end_and_register()
        last = ChatMessage.objects.filter(chat=self.chat_).order_by("-seq").first()
        assert (last.client_key, last.author_kind) == ("system:registered", AuthorKind.SYSTEM)
        # Saved again (a second post of the form) it is said once.
        actions.link_registration(chat=self.chat_, contact=self.chat_.contact, actor=None)
        assert ChatMessage.objects.filter(client_key="system:registered").count() == 1

    def test_it_asks_to_wait_until_the_registration_is_saved(self):
        self.login(self.chat_volunteer)
        self.client.post(reverse("chat:end", args=[self.chat_.pk]))
        response = self.youth.post(self.url, {"token": self.token})
        assert response.status_code == 409
        assert "Prøv igen" in response.content.decode()
        assert not FeedbackCode.objects.exists()

    def test_it_refuses_an_open_chat_a_wrong_token_and_a_get(self):
        assert self.youth.post(self.url, {"token": self.token}).status_code == 404
        assert self.youth.post(self.url, {"token": "x" * 43}).status_code == 404
        assert self.youth.post(self.url, {}).status_code == 404
        assert self.youth.get(self.url).status_code == 405

    def test_it_refuses_the_token_at_another_site(self):
        self.end_and_register()
        other = reverse("chat:youth_questionnaire", args=["da", "fam"])
        assert self.youth.post(other, {"token": self.token}).status_code == 404

    def test_it_does_not_link_another_counsellors_chat(self):
        self.login(self.chat_volunteer2)
        create = reverse("contacts:contact_create", args=["chat"]) + f"?chat={self.chat_.pk}"
        data = contact_post(self.chat, counsellors=[str(self.chat_volunteer2.pk)])
        assert self.client.post(create, data).status_code == 404
        self.chat_.refresh_from_db()
        assert self.chat_.contact is None
        from frirum.contacts.models import Contact

        # All or nothing: the registration is not saved without its chat.
        assert not Contact.objects.filter(site=self.chat).exists()


class SurgeGreetingTests(ChatTestCase):
    def test_it_sends_the_surge_greeting_when_a_chat_is_taken_in_surge(self):
        url = reverse("chat:surge_greeting", args=["chat"])
        for user in (self.chat_volunteer, self.chief_a):
            self.login(user)
            assert self.client.post(url, {"greeting": "Hej"}).status_code == 404
        self.login(self.chat_employed)
        bad = self.client.post(url, {"greeting": "x" * 501})
        assert bad.status_code == 400
        assert "form-error-message" in bad.content.decode()
        self.client.post(url, {"greeting": "Hej, jeg er her. Der er travlt, så svar kan tage tid."})
        assert AuditEntry.objects.filter(object_type="chat settings").count() == 1
        first, _ = start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        assert not first.messages.filter(author_kind=AuthorKind.COUNSELLOR).exists()
        actions.set_surge(site=self.chat, user=self.chat_employed, on=True)
        chat, _ = start(self.chat)
        taken = actions.take_next(site=self.chat, user=self.chat_volunteer2)
        assert taken.pk == chat.pk
        greeting = ChatMessage.objects.get(chat=chat, author_kind=AuthorKind.COUNSELLOR)
        assert greeting.text.startswith("Hej, jeg er her.")
        assert greeting.author == self.chat_volunteer2
        assert greeting.seq == Chat.objects.get(pk=chat.pk).last_seq

    def test_it_sends_nothing_in_surge_without_a_greeting(self):
        ChatSettings.objects.create(site=self.chat, surge=True)
        chat, _ = start(self.chat)
        actions.take_next(site=self.chat, user=self.chat_volunteer)
        assert not chat.messages.filter(author_kind=AuthorKind.COUNSELLOR).exists()

    def test_it_shows_the_greeting_form_to_the_supervisor_only(self):
        self.login(self.chat_volunteer)
        page = self.client.get(reverse("chat:desk", args=["chat"])).content.decode()
        assert "surge/greeting" not in page
        self.login(self.chat_employed)
        page = self.client.get(reverse("chat:desk", args=["chat"])).content.decode()
        assert "surge/greeting" in page
        assert "Første svar i travl tilstand" in page
