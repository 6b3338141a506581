"""The design system's header in a browser: the site switcher and the Management submenu on a
wide screen, the mobile menu (drawer, focus, Escape) on a phone, under the strict CSP."""

import pytest
from django.urls import reverse

from tests.browser.test_layout_browser import SCREENSHOTS, network, new_page, sign_in

__all__ = ["network"]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def settle(drawer) -> None:
    """Waits for the drawer's slide-in animation to finish (for the screenshot)."""
    drawer.evaluate("e => Promise.all(e.getAnimations().map(a => a.finished))")


def test_it_switches_site_from_the_chiefs_menu(browser, live_server, network):
    page, refused = new_page(browser, 1280)
    sign_in(page, live_server, network["people"]["chief"].email)
    page.goto(f"{live_server.url}{reverse('accounts:team', args=[network['alpha'].code])}")
    menu = page.get_by_role("navigation", name="Hovedmenu")
    switcher = menu.get_by_role("button", name="headspace Alpha")
    assert switcher.get_attribute("aria-expanded") == "false"
    switcher.click()
    assert switcher.get_attribute("aria-expanded") == "true"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "chief-site-switcher-1280.png"))
    menu.get_by_role("link", name="headspace Family Aarhus").click()
    page.wait_for_url(f"**{reverse('family:dashboard', args=[network['family'].code])}")
    # The management submenu names the page it is on.
    page.goto(f"{live_server.url}{reverse('audit:site_log', args=[network['alpha'].code])}")
    menu.get_by_role("button", name="Ledelse").click()
    current = menu.locator("a[aria-current=page]")
    assert current.inner_text().strip() == "Ændringslog"
    page.keyboard.press("Escape")
    assert menu.get_by_role("button", name="Ledelse").get_attribute("aria-expanded") == "false"
    page.context.close()
    assert not refused, refused


def test_it_opens_and_closes_the_mobile_menu(browser, live_server, network):
    page, refused = new_page(browser, 375)
    sign_in(page, live_server, network["people"]["chief"].email)
    page.goto(f"{live_server.url}{reverse('accounts:team', args=[network['alpha'].code])}")
    drawer = page.locator(".mobile-drawer")
    assert not drawer.is_visible()
    page.get_by_role("button", name="Menu").click()
    assert drawer.is_visible()
    assert page.evaluate("document.body.classList.contains('mobile-nav-active')")
    # The focus moves into the drawer, to its close button.
    assert page.evaluate("document.activeElement.classList.contains('js-menu-close')")
    menu = drawer.get_by_role("navigation", name="Hovedmenu")
    # On a Management page its submenu is open in the drawer, the page marked.
    assert menu.locator("a[aria-current=page]").inner_text().strip() == "Team"
    sites = menu.get_by_role("button", name="headspace Alpha")
    assert sites.get_attribute("aria-expanded") == "true"
    assert menu.get_by_role("link", name="headspace Family Aarhus").is_visible()
    assert drawer.get_by_role("button", name="Log ud").is_visible()
    assert drawer.get_by_role("button", name="English").is_visible()
    settle(drawer)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "chief-menu-open-375.png"))
    page.keyboard.press("Escape")
    assert not drawer.is_visible()
    page.get_by_role("button", name="Menu").click()
    drawer.get_by_role("button", name="Luk menu").click()
    assert not drawer.is_visible()
    page.context.close()
    assert not refused, refused


def test_it_shows_a_peer_volunteer_the_family_menu_on_a_phone(browser, live_server, network):
    page, refused = new_page(browser, 375)
    sign_in(page, live_server, network["people"]["peer"].email)
    page.get_by_role("button", name="Menu").click()
    drawer = page.locator(".mobile-drawer")
    menu = drawer.get_by_role("navigation", name="Hovedmenu")
    links = [text.strip() for text in menu.locator("a").all_inner_texts()]
    # Peer volunteers stand on Family's rosters (frirum.rosters) too.
    assert links == ["headspace Family Aarhus", "Vagtplan", "Mine vagter"]
    settle(drawer)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "peer-menu-open-375.png"))
    page.context.close()
    assert not refused, refused
