"""A counsellor registers a conversation with a new young person and finds it on the course."""

import importlib

import pytest
from django.apps import apps as django_apps

from frirum.accounts.models import Membership, Role
from frirum.contacts.models import Contact
from frirum.people.models import Youth
from frirum.sites.models import Municipality, Site, SiteKind
from frirum.taxonomies.defaults import seed_terms
from frirum.taxonomies.models import Term
from tests.base import PASSWORD, make_user
from tests.browser.conftest import assert_accessible

# The flush after a live-server test would take the seeded municipalities and terms with it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def seed_reference_data() -> None:
    """The municipalities and taxonomy defaults the migrations seed, in case an earlier
    live-server test's flush removed them (both loaders are idempotent)."""
    importlib.import_module("frirum.sites.migrations.0002_municipalities").load(django_apps, None)
    seed_terms(Term)


@pytest.fixture
def volunteer():
    seed_reference_data()
    site = Site.objects.create(
        code="alpha",
        name="headspace Alpha",
        kind=SiteKind.CENTRE,
        municipality=Municipality.objects.get(code="151"),
    )
    user = make_user("frivillig@example.org", "Frida Frivillig")
    Membership.objects.create(user=user, site=site, role=Role.VOLUNTEER_COUNSELLOR)
    return user


def log_in(page, live_server, user) -> None:
    # Debian's headless Chromium sends en-US whatever the context's locale: ask for Danish,
    # the interface's default. The shared `login` helper clicks the first submit button on
    # the page, which is the header's language switch, so this logs in through the form.
    page.context.set_extra_http_headers({"Accept-Language": "da-DK,da;q=0.9"})
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)


def test_it_registers_a_conversation_with_a_new_young_person(page, live_server, volunteer):
    log_in(page, live_server, volunteer)
    page.goto(f"{live_server.url}/s/alpha/dashboard/")
    page.get_by_role("link", name="Registrér samtale").first.click()
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
    # A row's fields stand in line: date, time and duration start at the same height.
    tops = {
        round(page.locator(f"#id_{name}").bounding_box()["y"])
        for name in ("date", "time", "duration_minutes")
    }
    assert len(tops) == 1, tops

    page.get_by_role("radio", name="Ny ung").check()
    page.get_by_role("textbox", name="Kaldenavn").fill("Solsikke")
    page.get_by_role("spinbutton", name="Alder").fill("16")
    page.get_by_role("checkbox", name="Angst").check()
    page.get_by_role("spinbutton", name="Varighed (minutter)").fill("40")
    page.get_by_role("button", name="Registrér samtale").click()
    page.wait_for_load_state("networkidle")

    contact = Contact.objects.get()
    assert page.url.endswith(f"/contacts/{contact.code}/")
    # The design system's success alert, with its icon.
    alert = page.locator(".alert-success")
    assert "Samtalen er registreret" in alert.inner_text()
    assert alert.locator("svg.alert-icon").bounding_box()["width"] > 0
    assert contact.youth.nickname == "Solsikke"
    assert contact.counsellors.get() == volunteer

    page.get_by_role("link", name="Den unges forløb").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/s/alpha/youth/{contact.youth.code}/")
    assert page.get_by_role("heading", name="Solsikke").is_visible()
    assert page.get_by_role("link", name="1. samtale").is_visible()
    assert_accessible(page)


def test_it_finds_a_young_person_by_search_while_registering(page, live_server, volunteer):
    youth = Youth.objects.create(nickname="Ræven", registered_at_site=Site.objects.get())
    log_in(page, live_server, volunteer)
    page.goto(f"{live_server.url}/s/alpha/contacts/new/")
    # The search opens with the choice of a known young person.
    page.get_by_role("radio", name="Kendt ung").check()
    page.get_by_label("Søg på kaldenavn eller kode").fill("ræv")
    # The search button works without JavaScript too (a form of its own); with htmx the
    # hits come while typing.
    page.get_by_role("button", name="Søg", exact=True).click()
    page.get_by_label("Ræven").check()
    page.get_by_role("button", name="Registrér samtale").click()
    page.wait_for_load_state("networkidle")
    assert Contact.objects.get().youth == youth


def test_it_fits_a_phone_screen(phone_page, live_server, volunteer):
    log_in(phone_page, live_server, volunteer)
    phone_page.goto(f"{live_server.url}/s/alpha/contacts/new/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375 + 1
