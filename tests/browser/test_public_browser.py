"""The public pages on a phone and a desktop: accessible (axe, WCAG 2.1 AA), no sideways
scrolling at 375px, no cookie, and the finder works with the keyboard."""

import datetime as dt

import pytest

from frirum.sites.models import ClosedDay, Municipality, OpeningHours, Region, Site, SiteKind
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def network():
    region, _ = Region.objects.get_or_create(code="1084", defaults={"name": "Region Hovedstaden"})
    ballerup, _ = Municipality.objects.get_or_create(
        code="151", defaults={"name": "Ballerup", "region": region}
    )
    fureso, _ = Municipality.objects.get_or_create(
        code="190", defaults={"name": "Furesø", "region": region}
    )
    hub = Site.objects.create(
        code="hs-ballerup",
        name="headspace Ballerup",
        kind=SiteKind.CENTRE,
        municipality=ballerup,
        address="Banegårdspladsen 1, 2750 Ballerup",
    )
    satellite = Site.objects.create(
        code="hs-fureso",
        name="headspace Furesø",
        kind=SiteKind.SATELLITE,
        municipality=fureso,
        hub=hub,
        address="Farum Hovedgade 51, 3520 Farum",
    )
    chat = Site.objects.create(
        code="hs-chat",
        name="headspace chat",
        kind=SiteKind.CHAT,
        public_link="https://chat.example.org/",
    )
    for site, days in ((hub, range(4)), (satellite, (1, 3)), (chat, range(7))):
        for weekday in days:
            OpeningHours.objects.create(
                site=site, weekday=weekday, opens=dt.time(13), closes=dt.time(18)
            )
    today = dt.date.today()
    ClosedDay.objects.create(site=satellite, date=today + dt.timedelta(days=3), reason="Ferie")
    return hub, satellite, chat


PAGES = (
    "/da/",
    "/en/",
    "/da/sites/hs-fureso/",
    "/en/sites/hs-chat/",
    "/da/accessibility/",
    "/da/sites/hs-fureso/poster/",
    "/en/sites/hs-fureso/embed/",
)


@pytest.mark.parametrize("fixture", ["page", "phone_page"])
def test_it_is_accessible_at_desktop_and_phone_width(request, fixture, live_server, network):
    page = request.getfixturevalue(fixture)
    width = page.viewport_size["width"]
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    assert page.context.cookies() == []


def test_it_finds_the_nearest_site_with_the_keyboard(phone_page, live_server, network):
    page = phone_page
    page.goto(f"{live_server.url}/da/")
    page.get_by_label("Din kommune").select_option(label="Furesø")
    page.get_by_label("Din kommune").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/da/find/?municipality=190")
    cards = page.locator(".public-card-title").all_inner_texts()
    assert cards == ["headspace Furesø", "headspace Ballerup", "headspace chat"]
    assert_accessible(page)
    page.get_by_role("link", name="English").click()
    assert page.get_by_role("heading", name="Nearest to Furesø").is_visible()
    page.get_by_role("link", name="headspace Furesø").click()
    assert page.get_by_role("heading", name="headspace Furesø", level=1).is_visible()
    assert page.get_by_text("Ferie").first.is_visible()
    assert page.context.cookies() == []


def test_it_shows_an_unknown_municipality_as_an_error_next_to_the_field(page, live_server, network):
    page.goto(f"{live_server.url}/en/find/?municipality=999")
    assert (
        page.locator(".form-error-message")
        .inner_text()
        .strip()
        .endswith("Choose a municipality from the list.")
    )
    assert_accessible(page)


def test_it_books_and_cancels_anonymously_on_a_phone(phone_page, live_server, network):
    from frirum.bookings.models import Booking

    _hub, satellite, _chat = network
    satellite.booking_enabled = True
    satellite.save(update_fields=["booking_enabled"])
    page = phone_page
    page.goto(f"{live_server.url}/da/sites/hs-fureso/")
    page.get_by_role("link", name="Book en tid anonymt").click()
    assert_accessible(page)
    page.get_by_role("button", name="Book tiden").click()
    # Nothing chosen: the error is next to the times, and the page stays accessible.
    assert page.locator(".form-error-message").first.is_visible()
    assert_accessible(page)
    page.locator(".youth-option label").first.click()
    page.get_by_role("button", name="Book tiden").click()
    assert page.get_by_role("heading", name="Din tid er booket").is_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    code = page.locator(".public-code").inner_text().strip()
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent kalenderfil").click()
    assert download.value.suggested_filename == "headspace.ics"
    page.goto(page.locator("a.public-break").first.get_attribute("href"))
    # The link's code is in the field, and no longer in the address.
    assert page.get_by_label("Din afbestillingskode").input_value() == code
    assert "#" not in page.url
    assert_accessible(page)
    page.get_by_role("button", name="Afbestil tiden").click()
    assert page.get_by_role("heading", name="Tiden er afbestilt").is_visible()
    assert Booking.objects.get().cancelled_at is not None
