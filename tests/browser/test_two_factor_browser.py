"""A counsellor sets up an authenticator when two-factor is required, then signs in with a
code from it, as a phone app would compute it."""

from base64 import b32decode

import pytest

from frirum.accounts.models import Membership, Role
from frirum.sites.models import Municipality, Site, SiteKind
from tests.accounts.helpers import totp_code
from tests.base import PASSWORD, make_user
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def volunteer():
    site = Site.objects.create(
        code="alpha",
        name="headspace Alpha",
        kind=SiteKind.CENTRE,
        municipality=Municipality.objects.get(code="151"),
    )
    user = make_user("frivillig@example.org", "Frida Frivillig")
    Membership.objects.create(user=user, site=site, role=Role.VOLUNTEER_COUNSELLOR)
    return user


def password_step(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


def test_it_sets_up_and_signs_in_with_totp(page, live_server, volunteer, settings):
    settings.FRIRUM_REQUIRE_2FA = True
    password_step(page, live_server, volunteer)
    page.wait_for_url("**/account/two-factor/set-up/**")
    assert page.locator(".frirum-qr svg").count() == 1
    assert_accessible(page)

    # The key as the app gets it (base32, in groups of four), read off the page.
    secret = page.locator(".frirum-secret").inner_text().replace(" ", "")
    key = b32decode(secret).hex()
    page.fill("input[name=code]", totp_code(key))
    page.click("main button[type=submit]")
    page.wait_for_selector(".frirum-recovery-codes")
    assert page.locator(".frirum-recovery-codes li").count() == 10
    assert_accessible(page)
    page.get_by_role("link", name="Jeg har gemt koderne").click()
    page.wait_for_url(lambda url: "/account/" not in url and "/login/" not in url)

    page.locator("header").get_by_role("button", name="Log ud").click()
    page.wait_for_url("**/login/**")
    password_step(page, live_server, volunteer)
    page.wait_for_url("**/login/code/**")
    assert_accessible(page)
    # The set-up used this 30-second step's code; a code is accepted once, so take the next.
    page.fill("input[name=code]", totp_code(key, steps_ahead=1))
    page.click("main button[type=submit]")
    page.wait_for_url("**/s/alpha/dashboard/")
    assert page.locator("h1").count() >= 1
