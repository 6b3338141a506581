"""The young person answers the anonymous questionnaire on their own phone."""

import datetime as dt

import pytest
from django.core.cache import cache

from frirum.contacts.models import Contact
from frirum.people.models import Youth
from frirum.questionnaires.actions import issue_feedback_code
from frirum.questionnaires.defaults import seed_instruments
from frirum.questionnaires.models import Instrument, InstrumentVersion, Item, Response
from frirum.sites.models import Municipality, Region, Site, SiteKind
from tests.browser.conftest import assert_accessible
from tests.browser.test_layout_browser import SCREENSHOTS

# The flush after a live-server test would take the seeded instruments and terms with it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def code():
    cache.clear()
    # Another live-server test's flush may have taken the seeded rows; put back what we need.
    seed_instruments(Instrument, InstrumentVersion, Item)
    region, _ = Region.objects.get_or_create(code="1084", defaults={"name": "Region Hovedstaden"})
    municipality, _ = Municipality.objects.get_or_create(
        code="151", defaults={"name": "Ballerup", "region": region}
    )
    site = Site.objects.create(
        code="alpha", name="headspace Alpha", kind=SiteKind.CENTRE, municipality=municipality
    )
    contact = Contact.objects.create(
        site=site, youth=Youth.objects.create(), date=dt.date(2025, 3, 4)
    )
    _record, plain = issue_feedback_code(contact=contact, actor=None)
    return contact, plain


def test_it_lets_the_young_person_answer_on_a_phone(phone_page, live_server, code):
    contact, plain = code
    page = phone_page
    page.goto(f"{live_server.url}/q/")
    assert_accessible(page)
    page.get_by_label("Din kode").fill(f"{plain[:4].lower()}-{plain[4:]}")
    page.get_by_role("button", name="Fortsæt").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Hvordan var det at tale med os?").is_visible()
    assert_accessible(page)
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # Every scale names its ends where they are: "Dårligst" first, "Bedst" last.
    efficacy = page.get_by_role("group", name="Hvor godt tror du på")
    assert efficacy.locator(".youth-end").all_inner_texts() == ["Dårligst", "Bedst"]
    assert efficacy.get_by_role("radio", name="Meget godt (bedst)").count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "youth-questionnaire-375.png"), full_page=True)

    relationship = page.get_by_role(
        "group", name="Følte du dig hørt, forstået og respekteret i samtalen?"
    )
    relationship.get_by_text("9", exact=True).click()
    # The keyboard works too: focus a radio and move with the arrow keys.
    helped = page.get_by_role("group", name="Har det hjulpet dig at komme her?")
    helped.get_by_role("radio", name="3 Noget").focus()
    page.keyboard.press("ArrowDown")
    # Self-efficacy reads from its bad end to its good end by its words (stored 2 = well).
    page.get_by_role("group", name="Hvor godt tror du på").get_by_role(
        "radio", name="Godt", exact=True
    ).check()
    page.get_by_role("button", name="Send mine svar").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Tak!").is_visible()
    assert_accessible(page)

    answers = dict(Response.objects.filter(contact=contact).values_list("item_code", "value"))
    assert answers == {"relationship": 9, "helped": 4, "self_efficacy": 2}

    # The QR code's link again: its code is posted from the fragment, and was used.
    page.goto(f"{live_server.url}/q/#{plain}")
    page.wait_for_url(f"{live_server.url}/q/")
    assert page.get_by_role("heading", name="Du har allerede svaret").is_visible()


def test_it_opens_the_questionnaire_from_the_qr_link_without_the_code_in_any_url(
    phone_page, live_server, code
):
    _contact, plain = code
    page = phone_page
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/q/#{plain}")
    page.wait_for_url(f"{live_server.url}/q/svar/")
    assert page.get_by_role("heading", name="Hvordan var det at tale med os?").is_visible()
    # Nothing the browser asked for, and nothing left in the address bar, holds the code.
    assert requested
    assert not [url for url in requested if plain in url]
    assert plain not in page.url
    assert page.evaluate("window.location.hash") == ""


def test_it_switches_to_english(phone_page, live_server, code):
    _contact, plain = code
    page = phone_page
    page.goto(f"{live_server.url}/q/#{plain}")
    page.wait_for_url(f"{live_server.url}/q/svar/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="How was it to talk with us?").is_visible()
    assert page.get_by_text("Has it helped you to come here?").is_visible()
    assert_accessible(page)


def _use_up_free_guesses():
    from django.test import RequestFactory

    from frirum.questionnaires import ratelimit

    request = RequestFactory().post("/q/", REMOTE_ADDR="127.0.0.1")
    while ratelimit.claim(request) is not None:
        pass


@pytest.mark.parametrize("bits", [12, 21])
def test_it_lets_a_phone_pay_the_proof_of_work_on_a_network_past_its_free_guesses(
    phone_page, live_server, code, settings, bits
):
    # 21 is the real difficulty, solved by questionnaires/proof-of-work.js as on a phone.
    settings.FRIRUM_QUESTIONNAIRE_POW_BITS = bits
    _contact, plain = code
    _use_up_free_guesses()
    page = phone_page
    page.goto(f"{live_server.url}/q/")
    assert_accessible(page)
    page.get_by_label("Din kode").fill(plain)
    page.get_by_role("button", name="Fortsæt").click()
    page.wait_for_url(f"{live_server.url}/q/svar/", timeout=120_000)
    assert page.get_by_role("heading", name="Hvordan var det at tale med os?").is_visible()


def test_it_solves_the_work_before_posting_the_qr_codes_link(
    phone_page, live_server, code, settings
):
    settings.FRIRUM_QUESTIONNAIRE_POW_BITS = 12
    _contact, plain = code
    _use_up_free_guesses()
    requested = []
    phone_page.on("request", lambda request: requested.append(request.url))
    phone_page.goto(f"{live_server.url}/q/#{plain}")
    phone_page.wait_for_url(f"{live_server.url}/q/svar/")
    assert not [url for url in requested if plain in url]
