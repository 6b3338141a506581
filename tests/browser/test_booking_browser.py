"""Anonymous booking end to end in Chromium: book with a nickname and age, download the
calendar file, look the booking up by its code, move it, cancel it; two browsers after the
last place; the counsellor's day view and the registration it prefills. The booking and
cancel pages pass axe (WCAG 2.1 AA) at 375 and 1280 px."""

import datetime as dt

import pytest
from django.core.cache import cache

from frirum.accounts.models import Membership, Role
from frirum.bookings import codes
from frirum.bookings.models import Booking
from frirum.contacts.models import Contact
from frirum.sites.models import Municipality, OpeningHours, Site, SiteKind
from frirum.sites.schedule import ZONE, local_date
from tests.base import PASSWORD, make_user
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def site():
    # The throttle counts per network in the cache, which outlives a single test.
    cache.clear()
    centre = Site.objects.create(
        code="hs-ballerup",
        name="headspace Ballerup",
        kind=SiteKind.CENTRE,
        municipality=Municipality.objects.get(code="151"),
        address="Banegårdspladsen 1, 2750 Ballerup",
        booking_enabled=True,
        booking_slot_minutes=60,
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            site=centre, weekday=weekday, opens=dt.time(8), closes=dt.time(22)
        )
    return centre


def new_page(browser, width: int):
    context = browser.new_context(
        locale="da-DK",
        viewport={"width": width, "height": 800},
        extra_http_headers={"Accept-Language": "da"},
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def check_page(page, width: int) -> None:
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.mark.parametrize("width", [375, 1280])
def test_it_books_looks_up_moves_and_cancels_with_the_code_alone(browser, live_server, site, width):
    page = new_page(browser, width)
    page.goto(f"{live_server.url}/da/sites/hs-ballerup/book/")
    check_page(page, width)
    # A wrong age: the error is next to the field, the rest is kept.
    page.locator(".youth-option label").first.click()
    page.get_by_label("Kaldenavn").fill("Sol")
    page.get_by_label("Alder").fill("30")
    page.get_by_role("button", name="Book tiden").click()
    assert "12 til 25" in page.locator("#group-id_age .form-error-message").inner_text()
    assert page.get_by_label("Kaldenavn").input_value() == "Sol"
    check_page(page, width)
    page.locator(".youth-option label").first.click()
    page.get_by_label("Alder").fill("17")
    page.get_by_role("button", name="Book tiden").click()
    assert page.get_by_role("heading", name="Din tid er booket").is_visible()
    check_page(page, width)
    booking = Booking.objects.get()
    assert (booking.nickname, booking.age) == ("Sol", 17)
    code = page.locator(".public-code").inner_text().strip()
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent kalenderfil").click()
    assert download.value.suggested_filename == "headspace.ics"
    assert b"BEGIN:VEVENT" in open(download.value.path(), "rb").read()

    # Look up by the code: the link carries it after "#", never to the server.
    page.goto(page.locator("a.public-break").nth(1).get_attribute("href"))
    assert page.get_by_label("Din afbestillingskode").input_value() == code
    assert "#" not in page.url
    check_page(page, width)
    page.get_by_role("button", name="Find min booking").click()
    assert page.get_by_role("heading", name="Din booking", exact=True).is_visible()
    assert page.get_by_text("Rådgiveren ved, at det er “Sol”, der kommer.").is_visible()
    check_page(page, width)

    # Move to another time: the first one offered (its own time is not offered).
    new_label = page.locator(".youth-option label").first.inner_text()
    page.locator(".youth-option label").first.click()
    page.get_by_role("button", name="Flyt min booking").click()
    assert page.get_by_role("heading", name="Din booking er flyttet").is_visible()
    check_page(page, width)
    booking.refresh_from_db()
    assert booking.starts_at.astimezone(ZONE).strftime("%H:%M") == new_label.split("\u2013")[0]
    assert Booking.objects.count() == 1

    # Cancel with the code typed by hand.
    page.goto(f"{live_server.url}/da/booking/cancel/")
    check_page(page, width)
    page.get_by_label("Din afbestillingskode").fill(code.lower())
    page.get_by_role("button", name="Afbestil tiden").click()
    assert page.get_by_role("heading", name="Tiden er afbestilt").is_visible()
    check_page(page, width)
    booking.refresh_from_db()
    assert booking.is_cancelled
    page.context.close()


def test_it_gives_the_last_place_to_one_of_two_browsers_and_tells_the_other(
    browser, live_server, site
):
    pages = [new_page(browser, 375), new_page(browser, 1280)]
    for page in pages:
        page.goto(f"{live_server.url}/en/sites/hs-ballerup/book/")
        page.locator(".youth-option label").first.click()
    # Both press "Book" before either answer has come back.
    for page in pages:
        page.get_by_role("button", name="Book this time").click(no_wait_after=True)
    for page in pages:
        page.wait_for_load_state("load")
        page.locator("h1").wait_for()
    headings = sorted(page.locator("h1").inner_text() for page in pages)
    assert headings == ["Book a time", "Your time is booked"]
    told = next(page for page in pages if page.locator("h1").inner_text() == "Book a time")
    error = told.locator("#group-id_slot .form-error-message").inner_text()
    assert "Choose another" in error
    assert told.locator(".error-summary").is_visible()
    assert_accessible(told)
    assert Booking.objects.filter(cancelled_at__isnull=True).count() == 1
    for page in pages:
        page.context.close()


def test_it_shows_the_counsellor_the_day_and_prefills_the_registration(page, live_server, site):
    counsellor = make_user("raadgiver@example.org", "Rita Rådgiver")
    Membership.objects.create(user=counsellor, site=site, role=Role.EMPLOYED_COUNSELLOR)
    now = dt.datetime.now(ZONE)
    start = dt.datetime.combine(local_date(now), dt.time(9), tzinfo=ZONE)
    booking = Booking.objects.create(
        site=site,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        cancel_hash=codes.cancel_hash(codes.new_code()),
        nickname="Sol",
        age=17,
    )
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", counsellor.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto(f"{live_server.url}/s/hs-ballerup/dashboard/")
    page.get_by_role("link", name="Dagens bookinger og drop-in").click()
    assert page.get_by_role("heading", name="Dagsoversigt").is_visible()
    assert page.get_by_text("Åben 08:00\u201322:00").is_visible()
    row = page.locator("table.bookings-day tbody tr").first
    assert "Sol" in row.inner_text() and "17" in row.inner_text()
    assert_accessible(page)

    row.get_by_role("link", name="Registrér samtale").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("textbox", name="Kaldenavn").input_value() == "Sol"
    assert page.get_by_role("spinbutton", name="Alder").input_value() == "17"
    assert page.locator("input[name=date]").input_value() == start.date().isoformat()
    assert page.locator("input[name=time]").input_value() == "09:00"
    assert page.get_by_role("radio", name="Ny ung").is_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Registrér samtale").click()
    page.wait_for_load_state("networkidle")
    contact = Contact.objects.get()
    assert page.url.endswith(f"/contacts/{contact.code}/")
    booking.refresh_from_db()
    assert booking.contact == contact
    assert contact.youth.nickname == "Sol" and contact.age == 17

    page.goto(f"{live_server.url}/s/hs-ballerup/bookings/day/")
    assert (
        page.locator("table.bookings-day tbody tr")
        .first.get_by_role("link", name="Mødt")
        .is_visible()
    )
