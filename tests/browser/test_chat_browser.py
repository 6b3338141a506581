"""The chat in two and three browsers: a young person on a phone and a counsellor at the desk
exchange messages over WebSockets; the young person's page reloads, and its connection drops
while the counsellor writes on, and gets the transcript back without duplicates; ending opens
the prefilled registration. The queue's places move live for the second young person when
the first is taken; a chat passes to a colleague on duty, and a supervisor reads along,
whispers and takes a chat over.

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
from playwright.sync_api import expect

from frirum.accounts.models import Membership, Role
from frirum.chat.models import Chat, ChatMessage, ChatStatus
from frirum.questionnaires.models import FeedbackCode
from frirum.sites.models import OpeningHours, Site, SiteKind
from frirum.sites.schedule import ZONE
from tests.base import make_user
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
    desk.get_by_role("checkbox", name="Angst").check()
    desk.get_by_role("button", name="Registrér samtale").click()
    desk.wait_for_url(lambda url: "/contacts/new/" not in url)
    # The page is told the registration is saved: the questions are ready.
    young.get_by_text("Rådgiveren har skrevet færdigt om chatten.", exact=False).wait_for()
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


def new_page(browser, *, phone: bool = False):
    """A browser context of its own: another person at another device."""
    if phone:
        context = browser.new_context(
            locale="da-DK", viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
        )
    else:
        context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def start_chat(young, asgi_server) -> None:
    young.goto(f"{asgi_server.url}/da/chat/hs-chat/")
    young.get_by_role("button", name="Start chatten").click()
    young.locator("[data-chat-state]").get_by_text("i køen", exact=False).wait_for()


def send(page, text: str) -> None:
    page.get_by_label("Din besked").fill(text)
    page.get_by_role("button", name="Send", exact=True).click()


def counsellor_at(site, email: str, name: str, role=Role.VOLUNTEER_COUNSELLOR):
    user = make_user(email, name)
    Membership.objects.create(user=user, site=site, role=role)
    return user


def test_it_moves_the_second_young_persons_place_when_the_first_is_taken(
    browser, page, phone_page, asgi_server, chat_desk
):
    _site, counsellor = chat_desk
    first, second, desk = phone_page, new_page(browser, phone=True), page
    start_chat(first, asgi_server)
    start_chat(second, asgi_server)
    place = second.locator("[data-chat-state]")
    expect(place).to_contain_text("Du er nummer 2 i køen.")

    log_in(desk, asgi_server, counsellor)
    desk.goto(f"{asgi_server.url}/s/hs-chat/chat/")
    desk.get_by_text("2 venter").wait_for()
    # One counsellor online with a free slot: the first is next, the second waits a chat.
    expect(place).to_contain_text("Du er nummer 2 i køen. Forventet ventetid: cirka 20 min.")
    desk.get_by_role("button", name="Tag den næste").click()
    first.get_by_text("En rådgiver er kommet ind i chatten.").wait_for()
    expect(place).to_contain_text("Du er nummer 1 i køen. Forventet ventetid: cirka 20 min.")
    assert "rådgiver er kommet" not in second.locator("[data-chat-log]").inner_text()
    second.context.close()


def test_it_passes_a_chat_to_a_colleague_on_duty(browser, page, phone_page, asgi_server, chat_desk):
    site, counsellor = chat_desk
    colleague = counsellor_at(site, "kollega@example.org", "Karla Kollega")
    young, desk, other_desk = phone_page, page, new_page(browser)
    start_chat(young, asgi_server)
    log_in(other_desk, asgi_server, colleague)
    other_desk.goto(f"{asgi_server.url}/s/hs-chat/chat/")
    # The colleague's desk is online: the young person's page learns it live.
    young.get_by_text("Du er den næste", exact=False).wait_for()

    log_in(desk, asgi_server, counsellor)
    desk.goto(f"{asgi_server.url}/s/hs-chat/chat/")
    desk.get_by_role("button", name="Tag den næste").click()
    young.get_by_text("En rådgiver er kommet ind i chatten.").wait_for()
    send(young, "Kan jeg tale med en anden?")
    desk.get_by_text("Kan jeg tale med en anden?").wait_for()
    desk.get_by_label("Giv chatten videre til").select_option(label="Karla Kollega")
    desk.get_by_role("button", name="Giv videre").click()
    desk.get_by_text("Chatten er givet videre til Karla Kollega.").wait_for()
    young.get_by_text("En anden rådgiver har overtaget chatten.").wait_for()

    other_desk.goto(f"{asgi_server.url}/s/hs-chat/chat/")
    # The passed chat is the colleague's now: their desk opens it.
    expect(
        other_desk.get_by_role("navigation", name="Dine chats").get_by_role("link")
    ).to_have_count(1)
    # The colleague reads what was written before, and the chat goes on.
    other_desk.get_by_text("Kan jeg tale med en anden?").wait_for()
    send(other_desk, "Hej, jeg hedder Karla. Jeg er her nu.")
    young.get_by_text("Hej, jeg hedder Karla. Jeg er her nu.").wait_for()
    send(young, "Tak")
    other_desk.get_by_text("Tak", exact=True).wait_for()
    assert Chat.objects.get().counsellor == colleague
    other_desk.context.close()


def test_it_lets_a_supervisor_take_a_chat_over(browser, page, phone_page, asgi_server, chat_desk):
    site, counsellor = chat_desk
    chief = counsellor_at(site, "chef@example.org", "Cecilie Chef", Role.CENTRE_CHIEF)
    young, desk, supervisor = phone_page, page, new_page(browser)
    start_chat(young, asgi_server)
    log_in(desk, asgi_server, counsellor)
    desk.goto(f"{asgi_server.url}/s/hs-chat/chat/")
    desk.get_by_role("button", name="Tag den næste").click()
    young.get_by_text("En rådgiver er kommet ind i chatten.").wait_for()
    send(young, "Jeg har brug for hjælp nu")

    log_in(supervisor, asgi_server, chief)
    supervisor.goto(f"{asgi_server.url}/s/hs-chat/chat/")
    supervisor.get_by_role("link", name="Chris Chat", exact=False).click()
    supervisor.get_by_text("Jeg har brug for hjælp nu").wait_for()
    supervisor.get_by_role("button", name="Overtag chatten").click()
    young.get_by_text("En anden rådgiver har overtaget chatten.").wait_for()
    desk.get_by_text("En anden rådgiver har overtaget chatten.").wait_for()
    assert_accessible(supervisor)
    send(supervisor, "Jeg er vagtansvarlig og overtager her.")
    young.get_by_text("Jeg er vagtansvarlig og overtager her.").wait_for()
    send(young, "Okay")
    supervisor.get_by_text("Okay", exact=True).wait_for()
    assert Chat.objects.get().counsellor == chief
    supervisor.context.close()


def test_it_gives_a_dropped_connection_what_it_missed_once(
    page, phone_page, asgi_server, chat_desk
):
    _site, counsellor = chat_desk
    young, desk = phone_page, page
    routes = []
    offline = {"on": False}

    def through(route):
        # Offline: the page's socket opens but reaches no server, like a phone in a tunnel.
        routes.append((route, None if offline["on"] else route.connect_to_server()))

    def drop():
        for side in routes[-1]:
            if side is not None:
                side.close()

    young.route_web_socket("**/ws/chat/", through)
    start_chat(young, asgi_server)
    log_in(desk, asgi_server, counsellor)
    desk.goto(f"{asgi_server.url}/s/hs-chat/chat/")
    desk.get_by_role("button", name="Tag den næste").click()
    send(desk, "Hej, hvordan går det?")
    young.get_by_text("Hej, hvordan går det?").wait_for()

    offline["on"] = True
    drop()
    young.get_by_text("Forbindelsen blev afbrudt", exact=False).wait_for()
    # chat.js opens a new socket a second later: it reaches nothing.
    send(desk, "Er du der?")
    send(desk, "Skriv når du kan.")
    desk.get_by_text("Skriv når du kan.").wait_for()
    send(young, "Jeg er i en tunnel")

    offline["on"] = False
    drop()
    # Back: everything after the last message shown, once; the unsent message goes too.
    young.get_by_text("Skriv når du kan.").wait_for()
    desk.get_by_text("Jeg er i en tunnel").wait_for()
    chat = Chat.objects.get()
    stored = list(
        ChatMessage.objects.filter(chat=chat).order_by("seq").values_list("text", flat=True)
    )
    expect(young.locator("[data-chat-log] [data-seq]")).to_have_count(len(stored))
    assert log_lines(young) == stored
    assert stored.count("Er du der?") == 1 and stored.count("Jeg er i en tunnel") == 1
