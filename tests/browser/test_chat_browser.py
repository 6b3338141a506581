"""The chat in two browsers: a young person on a phone and a counsellor at the desk exchange
messages over WebSockets; the young person's page reloads (a dropped connection) and gets
the transcript back without duplicates; ending opens the prefilled registration.

pytest-django's live server speaks WSGI only, so the test serves the ASGI application
(HTTP and WebSockets, as `frirum serve` does) with uvicorn in a thread on the test database.
"""

import datetime as dt
import socket
import threading
import time
from types import SimpleNamespace

import pytest
import uvicorn
from django.utils import timezone

from frirum.accounts.models import Membership, Role
from frirum.chat import actions
from frirum.chat.models import Chat, ChatMessage, ChatStatus
from frirum.questionnaires.models import FeedbackCode
from frirum.sites.models import OpeningHours, Site, SiteKind
from frirum.sites.schedule import ZONE
from tests.base import make_contact, make_user
from tests.browser.conftest import assert_accessible
from tests.browser.test_contacts_browser import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def asgi_server(transactional_db):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        "frirum.asgi:application",
        host="127.0.0.1",
        port=port,
        lifespan="off",
        log_level="warning",
        access_log=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield SimpleNamespace(url=f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def chat_desk():
    now = timezone.now().astimezone(ZONE)
    if now.time() >= dt.time(23, 57):
        pytest.skip("the chat's opening hours in this test end at midnight")
    site = Site.objects.create(code="hs-chat", name="headspace chat", kind=SiteKind.CHAT)
    OpeningHours.objects.create(
        site=site, weekday=now.weekday(), opens=dt.time(0), closes=dt.time(23, 59)
    )
    counsellor = make_user("chat@example.org", "Chris Chat")
    Membership.objects.create(user=counsellor, site=site, role=Role.VOLUNTEER_COUNSELLOR)
    return site, counsellor


def log_lines(page) -> list[str]:
    return page.locator("[data-chat-log] .chat-body").all_inner_texts()


def test_it_lets_a_young_person_and_a_counsellor_chat(page, phone_page, asgi_server, chat_desk):
    _site, counsellor = chat_desk
    young, desk = phone_page, page

    young.goto(f"{asgi_server.url}/da/chat/hs-chat/")
    assert_accessible(young)
    young.get_by_label("Hvor gammel er du?").fill("16")
    young.get_by_role("button", name="Start chatten").click()
    state = young.locator("[data-chat-state]")
    state.get_by_text("Du er nummer 1 i køen.").wait_for()
    assert "/chat/" in young.url and "token" not in young.url

    log_in(desk, asgi_server, counsellor)
    desk.goto(f"{asgi_server.url}/s/hs-chat/chat/")
    desk.get_by_text("1 venter").wait_for()
    # The desk is online now: the young person's page learns it live.
    state.get_by_text("Du er den næste").wait_for()
    assert_accessible(desk)
    desk.get_by_role("button", name="Tag den næste").click()
    desk.get_by_text("Du har 1 af 1 chats", exact=False).wait_for()
    state.get_by_text("Du chatter med en rådgiver.").wait_for()
    young.get_by_text("En rådgiver er kommet ind i chatten.").wait_for()

    desk.get_by_label("Din besked").fill("Hej, hvad har du lyst til at tale om?")
    desk.get_by_role("button", name="Send", exact=True).click()
    young.get_by_text("Hej, hvad har du lyst til at tale om?").wait_for()
    young.get_by_label("Din besked").fill("Jeg har det svært i skolen")
    young.get_by_role("button", name="Send", exact=True).click()
    desk.get_by_text("Jeg har det svært i skolen").wait_for()
    assert_accessible(young)

    # The phone drops its connection (here: the page reloads) and gets everything back once.
    young.reload()
    young.get_by_text("Jeg har det svært i skolen").wait_for()
    chat = Chat.objects.get()
    stored = list(
        ChatMessage.objects.filter(chat=chat).order_by("seq").values_list("text", flat=True)
    )
    assert log_lines(young) == stored
    desk.get_by_label("Din besked").fill("Er du der stadig?")
    desk.get_by_role("button", name="Send", exact=True).click()
    young.get_by_text("Er du der stadig?").wait_for()
    assert log_lines(young).count("Er du der stadig?") == 1

    desk.get_by_role("button", name="Afslut chatten og registrér den").click()
    desk.wait_for_url(lambda url: "/contacts/new/" in url)
    assert desk.locator("input[name=channel][value=chat]").is_checked()
    assert desk.locator("input[name=age]").input_value() == "16"
    young.get_by_text("Chatten er slut. Tak fordi du skrev.").wait_for()
    chat.refresh_from_db()
    assert chat.status == ChatStatus.ENDED
    # Nothing kept about the young person but the form's CSRF cookie.
    assert {c["name"] for c in young.context.cookies()} <= {"csrftoken"}

    # The questionnaire is offered in the chat: once the registration is saved, one button
    # opens it, no code typed and none in an address.
    actions.link_registration(chat=chat, contact=make_contact(chat.site), actor=counsellor)
    young.get_by_role("button", name="Svar på spørgsmålene").click()
    young.wait_for_url(lambda url: url.endswith("/q/svar/"))
    assert FeedbackCode.objects.get().contact_id == Chat.objects.get().contact_id


def test_it_lets_a_supervisor_read_along_and_whisper(
    browser, page, phone_page, asgi_server, chat_desk
):
    site, counsellor = chat_desk
    chief = make_user("chef@example.org", "Cecilie Chef")
    Membership.objects.create(user=chief, site=site, role=Role.CENTRE_CHIEF)
    young, desk = phone_page, page
    supervisor_context = browser.new_context(
        locale="da-DK", viewport={"width": 1280, "height": 900}
    )
    supervisor = supervisor_context.new_page()
    supervisor.set_default_timeout(15000)

    young.goto(f"{asgi_server.url}/en/chat/hs-chat/")
    young.get_by_role("button", name="Start the chat").click()
    young.locator("[data-chat-state]").get_by_text("You are number 1 in the queue.").wait_for()
    log_in(desk, asgi_server, counsellor)
    desk.goto(f"{asgi_server.url}/s/hs-chat/chat/")
    desk.get_by_role("button", name="Tag den næste").click()
    young.get_by_text("A counsellor has joined the chat.").wait_for()

    log_in(supervisor, asgi_server, chief)
    supervisor.goto(f"{asgi_server.url}/s/hs-chat/chat/")
    supervisor.get_by_role("button", name="Slå travl tilstand til").wait_for()
    supervisor.get_by_role("link", name="Chris Chat", exact=False).click()
    young.get_by_label("Your message").fill("Can anyone read this?")
    young.get_by_role("button", name="Send", exact=True).click()
    supervisor.get_by_text("Can anyone read this?").wait_for()
    assert_accessible(supervisor)
    supervisor.get_by_label("Hvisk til rådgiveren").fill("Spørg om hun har sovet")
    supervisor.get_by_role("button", name="Hvisk", exact=True).click()
    desk.get_by_text("Spørg om hun har sovet").wait_for()
    desk.get_by_label("Din besked").fill("Har du sovet i nat?")
    desk.get_by_role("button", name="Send", exact=True).click()
    young.get_by_text("Har du sovet i nat?").wait_for()
    assert "Spørg om hun har sovet" not in young.locator("[data-chat-log]").inner_text()
    supervisor_context.close()
