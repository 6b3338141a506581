"""Every main page, in every role, at 1280 and 375 pixels: nothing cut off (wide tables scroll
within themselves), input text at least 16px, the design system's 24px checkboxes and radios,
axe at WCAG 2.1 AA. Screenshots go to var/screenshots/ (or FRIRUM_SCREENSHOTS), outside git,
to look at after a run."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.urls import reverse

from frirum.accounts.models import Membership, MunicipalityViewer, Role
from frirum.sites.models import Municipality, Site, SiteKind
from tests.base import PASSWORD, make_contact, make_outreach, make_user, make_youth
from tests.browser.conftest import _watch_csp, assert_accessible
from tests.family.helpers import make_conversation, make_group, make_relative

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WIDTHS = (1280, 375)
SCREENSHOTS = Path(
    os.environ.get(
        "FRIRUM_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"
    )
)

# What a page must not do at any width: be wider than the screen, show input text under 16px,
# or checkboxes and radios smaller than the design system's 24px.
MEASURE = """() => {
  const controls = Array.from(document.querySelectorAll(
    'main input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button]), #content input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button]), main select, main textarea, #content select, #content textarea'));
  const small = controls.filter(e => e.offsetParent !== null && parseFloat(getComputedStyle(e).fontSize) < 16)
    .map(e => e.name || e.id);
  const boxes = Array.from(document.querySelectorAll('main input[type=checkbox], main input[type=radio]'))
    .filter(e => !e.closest('.sr-only') && e.getClientRects().length);
  const tiny = boxes.filter(e => {
    const label = e.classList.contains('form-checkbox') || e.classList.contains('form-radio')
      ? e.nextElementSibling : null;
    const box = label ? getComputedStyle(label, '::before') : getComputedStyle(e);
    return parseFloat(box.width) < 24 || parseFloat(box.height) < 24;
  }).map(e => e.name + '=' + e.value);
  return {width: document.documentElement.scrollWidth, small: small, tiny: tiny};
}"""


@pytest.fixture
def network():
    """Two sites with a little of everything, and one person in each role the issue walked."""
    ballerup = Municipality.objects.get(code="151")
    alpha = Site.objects.create(
        code="hs-alpha", name="headspace Alpha", kind=SiteKind.CENTRE, municipality=ballerup
    )
    family = Site.objects.create(
        code="hs-fam",
        name="headspace Family Aarhus",
        kind=SiteKind.FAMILY,
        municipality=Municipality.objects.get(code="751"),
    )
    people = {
        "volunteer": make_user("frivillig@example.org", "Frida Frivillig"),
        "chief": make_user("chef@example.org", "Clara Chefsen"),
        "peer": make_user("peer@example.org", "Lærke Peer"),
        "viewer": make_user("kommune@example.org", "Ballerup Kommune"),
        "secretariat": make_user(
            "sekretariat@example.org", "Sekretariatet", is_secretariat=True, is_staff=True
        ),
    }
    Membership.objects.create(user=people["volunteer"], site=alpha, role=Role.VOLUNTEER_COUNSELLOR)
    Membership.objects.create(user=people["chief"], site=alpha, role=Role.CENTRE_CHIEF)
    Membership.objects.create(user=people["chief"], site=family, role=Role.CENTRE_CHIEF)
    Membership.objects.create(user=people["peer"], site=family, role=Role.PEER_VOLUNTEER)
    MunicipalityViewer.objects.create(user=people["viewer"], municipality=ballerup)
    today = dt.date.today()
    youth = make_youth(alpha, nickname="Ræven")
    contact = None
    for days in range(6):
        contact = make_contact(
            alpha,
            youth,
            date=today - dt.timedelta(days=days),
            age=16,
            education_status="in_education",
            bridged=days == 0,
            note="Kort note",
            counsellors=[people["volunteer"], people["chief"]],
            themes=["anxiety", "stress"],
        )
    make_outreach(alpha, date=today)
    group = make_group(family, label="Familien Sol")
    mum = make_relative(family, label="Mor", family_group=group)
    conversation = make_conversation(family, [mum], today, family_group=group)
    return {
        "people": people,
        "alpha": alpha,
        "family": family,
        "youth": youth,
        "contact": contact,
        "group": group,
        "relative": mum,
        "conversation": conversation,
    }


def main_pages(net) -> dict[str, list[tuple[str, str]]]:
    a, f = net["alpha"].code, net["family"].code
    year = dt.date.today().year
    return {
        "volunteer": [
            ("dashboard", reverse("contacts:dashboard", args=[a])),
            ("contacts", reverse("contacts:contact_list", args=[a])),
            ("contact-new", reverse("contacts:contact_create", args=[a])),
            ("contact", reverse("contacts:contact_detail", args=[net["contact"].code])),
            ("contact-edit", reverse("contacts:contact_edit", args=[net["contact"].code])),
            ("youth", reverse("contacts:youth_list", args=[a])),
            ("course", reverse("contacts:youth_course", args=[a, net["youth"].code])),
            ("group-new", reverse("contacts:group_session_create", args=[a])),
            ("outreach", reverse("contacts:outreach_list", args=[a])),
            ("outreach-new", reverse("contacts:outreach_create", args=[a])),
            ("two-factor", reverse("accounts:two_factor")),
        ],
        "chief": [
            ("home", reverse("core:home")),
            ("team", reverse("accounts:team", args=[a])),
            ("log", reverse("audit:site_log", args=[a])),
            ("anonymity", reverse("core:anonymity_review", args=[a])),
            ("questionnaires", reverse("questionnaires:site_instruments", args=[a])),
            ("reports", reverse("reports:index")),
            ("annual", reverse("reports:annual", args=[a]) + f"?year={year}"),
        ],
        "peer": [
            ("family", reverse("family:dashboard", args=[f])),
            ("family-new", reverse("family:conversation_create", args=[f])),
            ("family-list", reverse("family:conversation_list", args=[f])),
            (
                "family-conversation",
                reverse("family:conversation_detail", args=[net["conversation"].code]),
            ),
            ("relatives", reverse("family:relative_list", args=[f])),
            ("relative", reverse("family:relative_detail", args=[net["relative"].code])),
            ("groups", reverse("family:group_list", args=[f])),
            ("group", reverse("family:group_detail", args=[net["group"].code])),
            ("inquiries", reverse("family:inquiry_list", args=[f])),
            ("inquiry-new", reverse("family:inquiry_create", args=[f])),
            ("peers", reverse("family:peer_volunteers", args=[f])),
        ],
        "viewer": [
            ("reports", reverse("reports:index")),
            ("annual", reverse("reports:annual", args=[a]) + f"?year={year}"),
        ],
        "secretariat": [
            ("reports", reverse("reports:index")),
            ("national", reverse("reports:national") + f"?year={year}"),
            ("family-report", reverse("reports:family_national") + f"?year={year}"),
            ("trends", reverse("reports:trends")),
            ("imports", reverse("interchange:imports")),
            ("admin", reverse("admin:index")),
            ("admin-sites", reverse("admin:sites_site_changelist")),
        ],
    }


def new_page(browser, width: int):
    context = browser.new_context(
        locale="da-DK",
        viewport={"width": width, "height": 900},
        extra_http_headers={"Accept-Language": "da"},
        is_mobile=width < 600,
        has_touch=width < 600,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    return page, _watch_csp(page)


def sign_in(page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)


def check_page(page, width: int, shot: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{shot}-{width}.png"), full_page=True)
    measured = page.evaluate(MEASURE)
    assert measured["width"] <= width, (shot, "wider than the screen", measured["width"])
    assert not measured["small"], (shot, "input text under 16px", measured["small"])
    if "admin" not in shot:
        # Django's admin keeps its own (native) checkboxes.
        assert not measured["tiny"], (shot, "checkboxes or radios under 24px", measured["tiny"])
    assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_it_fits_every_main_page_in_every_role(browser, live_server, network, width):
    page, refused = new_page(browser, width)
    for name in ("login", "password-reset", "questionnaire"):
        path = {
            "login": reverse("accounts:login"),
            "password-reset": reverse("accounts:password_reset"),
            "questionnaire": reverse("questionnaires:start"),
        }[name]
        page.goto(f"{live_server.url}{path}")
        check_page(page, width, f"anonymous-{name}")
    for role, pages in main_pages(network).items():
        page.context.clear_cookies()
        sign_in(page, live_server, network["people"][role].email)
        for name, path in pages:
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, (role, name, response.status)
            check_page(page, width, f"{role}-{name}")
    page.context.close()
    assert not refused, refused


@pytest.mark.parametrize("width", WIDTHS)
def test_it_keeps_the_header_to_two_rows_for_a_chief(browser, live_server, network, width):
    page, _ = new_page(browser, width)
    sign_in(page, live_server, network["people"]["chief"].email)
    page.goto(f"{live_server.url}{reverse('accounts:team', args=[network['alpha'].code])}")
    # The design system's navigation row: one row at 1280px (its own script moves what does
    # not fit into "Mere"), hidden behind the menu button on a phone.
    nav_height = page.evaluate(
        "document.querySelector('.navigation-menu .mainmenu').getBoundingClientRect().height"
    )
    link_height = page.evaluate(
        "document.querySelector('.navigation-menu .mainmenu > li').getBoundingClientRect().height"
    )
    if width >= 1280:
        assert nav_height < link_height * 1.5, "the navigation wraps at 1280px"
    else:
        assert page.locator(".js-menu-open").is_visible()
        assert not page.locator(".navigation-menu").is_visible()
    # The team table is wider than a phone: it scrolls within itself, the page does not.
    scroller = page.locator(".table--responsive-scroll").first
    assert scroller.evaluate(
        "e => e.scrollWidth <= e.clientWidth || getComputedStyle(e).overflowX === 'auto'"
    )
    page.context.close()


def test_it_shows_the_import_to_the_secretariat_only(browser, live_server, network):
    page, _ = new_page(browser, 1280)
    sign_in(page, live_server, network["people"]["secretariat"].email)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Import").click()
    assert page.url.endswith(reverse("interchange:imports"))
    page.context.clear_cookies()
    sign_in(page, live_server, network["people"]["chief"].email)
    assert (
        page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Import").count()
        == 0
    )
    assert page.locator("link[rel=icon]").get_attribute("href").endswith("favicon.svg")
    page.context.close()
