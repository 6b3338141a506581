"""Forms that help: an error summary that names and links each error and takes the focus,
"Fejl:" in the title, Enter saves, the young person search works with and without
JavaScript, the parts of the form open as they are chosen, the logged-in person is
pre-selected, and a conversation with a known young person takes few actions."""

import pytest
from django.urls import reverse

from frirum.accounts.models import Membership, Role
from frirum.contacts.models import Contact
from frirum.family.models import FamilyConversation
from frirum.sites.models import Municipality, Site, SiteKind
from tests.base import PASSWORD, make_user, make_youth
from tests.browser.conftest import _watch_csp, assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = (1280, 375)


@pytest.fixture
def alpha():
    site = Site.objects.create(
        code="hs-alpha",
        name="headspace Alpha",
        kind=SiteKind.CENTRE,
        municipality=Municipality.objects.get(code="151"),
    )
    volunteer = make_user("frivillig@example.org", "Frida Frivillig")
    Membership.objects.create(user=volunteer, site=site, role=Role.VOLUNTEER_COUNSELLOR)
    colleague = make_user("kollega@example.org", "Karl Kollega")
    Membership.objects.create(user=colleague, site=site, role=Role.EMPLOYED_COUNSELLOR)
    return site, volunteer


def open_page(browser, live_server, user, width: int, *, javascript: bool = True):
    context = browser.new_context(
        locale="da-DK",
        viewport={"width": width, "height": 800},
        extra_http_headers={"Accept-Language": "da"},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    refused = _watch_csp(page)
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    return page, refused


class Counted:
    """The user's actions beyond the data itself: clicks, ticks and key presses. Typing
    the data (a search word, a nickname) is not counted."""

    def __init__(self, page):
        self.page, self.actions = page, 0

    def click(self, locator):
        self.actions += 1
        locator.click()

    def check(self, locator):
        self.actions += 1
        locator.check()

    def press(self, locator, key):
        self.actions += 1
        locator.press(key)


@pytest.mark.parametrize("width", WIDTHS)
def test_it_summarises_errors_at_the_top_and_moves_the_focus_there(
    browser, live_server, alpha, width
):
    site, volunteer = alpha
    page, refused = open_page(browser, live_server, volunteer, width)
    page.goto(f"{live_server.url}{reverse('contacts:contact_create', args=[site.code])}")
    assert not page.title().startswith("Fejl")
    page.get_by_role("radio", name="Ny ung").check()
    page.get_by_role("textbox", name="Kaldenavn").fill("Solsikke")
    page.get_by_role("textbox", name="Note").fill("Ring på cpr 010203-1234")
    page.get_by_role("button", name="Registrér samtale").click()
    page.wait_for_load_state("networkidle")

    assert page.title().startswith("Fejl:")
    summary = page.locator("[data-frirum-error-summary]")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.matches('[data-frirum-error-summary]')")
    # At the top of the page: the summary is in view without scrolling.
    assert summary.bounding_box()["y"] < 800
    link = summary.get_by_role("link", name="Note:")
    assert link.get_attribute("href") == "#id_note"
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_note"
    # What was typed is kept, the choice of a new young person too.
    assert page.get_by_role("textbox", name="Kaldenavn").input_value() == "Solsikke"
    assert page.get_by_role("radio", name="Ny ung").is_checked()
    assert_accessible(page)
    assert not Contact.objects.exists()
    page.context.close()
    assert not refused, refused


def test_it_saves_when_enter_is_pressed_in_a_field(browser, live_server, alpha):
    site, volunteer = alpha
    page, _ = open_page(browser, live_server, volunteer, 1280)
    page.goto(f"{live_server.url}{reverse('contacts:contact_create', args=[site.code])}")
    page.get_by_role("radio", name="Ny ung").check()
    page.get_by_role("textbox", name="Kaldenavn").fill("Enter")
    page.get_by_role("spinbutton", name="Alder").fill("17")
    page.get_by_role("spinbutton", name="Alder").press("Enter")
    page.wait_for_url(lambda url: "/contacts/new/" not in url)
    contact = Contact.objects.get()
    assert (contact.youth.nickname, contact.age) == ("Enter", 17)
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_it_registers_a_known_young_person_in_a_few_actions(browser, live_server, alpha, width):
    site, volunteer = alpha
    youth = make_youth(site, nickname="Ræven")
    page, refused = open_page(browser, live_server, volunteer, width)
    page.goto(f"{live_server.url}{reverse('contacts:dashboard', args=[site.code])}")
    user = Counted(page)

    user.click(page.get_by_role("link", name="Registrér samtale").first)
    user.check(page.get_by_role("radio", name="Kendt ung"))
    search = page.get_by_role("searchbox", name="Søg på kaldenavn eller kode")
    search.fill("ræv")  # the data: typed, not counted; htmx searches while typing
    user.check(page.get_by_role("radio", name="Ræven"))
    user.click(page.get_by_role("button", name="Registrér samtale"))
    page.wait_for_url(lambda url: "/contacts/new/" not in url)

    contact = Contact.objects.get()
    assert contact.youth == youth
    # The logged-in counsellor is pre-selected: nothing to tick for the usual case.
    assert list(contact.counsellors.all()) == [volunteer]
    assert user.actions <= 8, user.actions
    page.context.close()
    assert not refused, refused


def test_it_searches_without_javascript_and_enter_in_the_search_does_not_save(
    browser, live_server, alpha
):
    site, volunteer = alpha
    youth = make_youth(site, nickname="Ræven")
    page, _ = open_page(browser, live_server, volunteer, 375, javascript=False)
    page.goto(f"{live_server.url}{reverse('contacts:contact_create', args=[site.code])}")
    # The parts a choice opens work without JavaScript (CSS only).
    assert not page.locator("#new-youth").is_visible()
    page.get_by_role("radio", name="Kendt ung").check()
    search = page.get_by_role("searchbox", name="Søg på kaldenavn eller kode")
    search.fill("ræv")
    search.press("Enter")
    page.wait_for_load_state("load")
    assert "youth_q=" in page.url
    assert not Contact.objects.exists()
    assert page.get_by_role("radio", name="Kendt ung").is_checked()
    page.get_by_role("radio", name="Ræven").check()
    page.get_by_role("button", name="Registrér samtale").click()
    page.wait_for_url(lambda url: "/contacts/new/" not in url)
    assert Contact.objects.get().youth == youth
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_it_opens_the_parts_of_the_form_as_they_are_chosen(browser, live_server, alpha, width):
    site, volunteer = alpha
    page, _ = open_page(browser, live_server, volunteer, width)
    page.goto(f"{live_server.url}{reverse('contacts:contact_create', args=[site.code])}")
    existing, new, bridging = (
        page.locator("#existing-youth"),
        page.locator("#new-youth"),
        page.locator("#bridging-details"),
    )
    assert not existing.is_visible() and not new.is_visible()
    page.get_by_role("radio", name="Ny ung").check()
    assert new.is_visible() and not existing.is_visible()
    page.get_by_role("radio", name="Kendt ung").check()
    assert existing.is_visible() and not new.is_visible()
    assert not bridging.is_visible()
    page.get_by_role("checkbox", name="Brobygget til anden hjælp").check()
    assert bridging.is_visible()
    assert_accessible(page)
    page.context.close()


def test_it_preselects_the_peer_volunteer_on_a_family_conversation(browser, live_server):
    family = Site.objects.create(
        code="hs-fam",
        name="headspace Family Aarhus",
        kind=SiteKind.FAMILY,
        municipality=Municipality.objects.get(code="751"),
    )
    peer = make_user("peer@example.org", "Lærke Peer")
    Membership.objects.create(user=peer, site=family, role=Role.PEER_VOLUNTEER)
    page, refused = open_page(browser, live_server, peer, 375)
    page.goto(f"{live_server.url}{reverse('family:conversation_create', args=[family.code])}")
    assert page.locator("#id_peer_volunteer").input_value() == str(peer.pk)
    page.get_by_role("radio", name="Pårørendesamtale").check()
    page.locator("#id_new-0-relation").select_option(index=1)
    # Enter saves here too, although the relative search comes first in the form.
    page.locator("#id_new-0-label").fill("Mor")
    page.locator("#id_new-0-label").press("Enter")
    page.wait_for_url(lambda url: "/new/" not in url)
    conversation = FamilyConversation.objects.get()
    assert conversation.peer_volunteer == peer
    page.context.close()
    assert not refused, refused


def test_it_searches_on_enter_in_the_search_box_without_leaving_the_page(
    browser, live_server, alpha
):
    site, volunteer = alpha
    make_youth(site, nickname="Ræven")
    page, refused = open_page(browser, live_server, volunteer, 1280)
    url = f"{live_server.url}{reverse('contacts:contact_create', args=[site.code])}"
    page.goto(url)
    page.get_by_role("radio", name="Kendt ung").check()
    search = page.get_by_role("searchbox", name="Søg på kaldenavn eller kode")
    search.press_sequentially("ræ")
    search.press("Enter")
    page.get_by_role("radio", name="Ræven").wait_for()
    assert page.url == url
    assert not Contact.objects.exists()
    page.context.close()
    assert not refused, refused
