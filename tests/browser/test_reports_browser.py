"""The report pages in a browser: every page passes axe (WCAG 2.1 AA), the SVG charts have
accessible names, the downloads answer with their content type, and a municipality viewer reads
only its own municipality's sites."""

import datetime as dt

import pytest
from django.core.cache import cache

from frirum.accounts.models import Membership, MunicipalityViewer, Role
from frirum.reports.forms import default_year
from frirum.sites.models import Municipality, Site, SiteKind
from tests.base import PASSWORD, make_contact, make_outreach, make_user, make_youth
from tests.browser.conftest import assert_accessible, login
from tests.family.helpers import make_conversation, make_inquiry, make_relative
from tests.questionnaires.factories import answer, session_rating

# The flush after a live-server test would take the seeded municipalities and terms with it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def fresh_cache():
    # The live server shares this process's cache; each test's flushed database may reuse ids.
    cache.clear()
    yield
    cache.clear()


THEMES = (["anxiety"], ["loneliness"], ["anxiety", "loneliness"])


@pytest.fixture
def network():
    """Two centres in two municipalities, a Family site and two years of data at Alpha."""
    ballerup = Municipality.objects.get(code="151")
    alpha = Site.objects.create(
        code="alpha", name="headspace Alpha", kind=SiteKind.CENTRE, municipality=ballerup
    )
    beta = Site.objects.create(
        code="beta",
        name="headspace Beta",
        kind=SiteKind.CENTRE,
        municipality=Municipality.objects.get(code="101"),
    )
    family = Site.objects.create(
        code="fam",
        name="headspace Family Aarhus",
        kind=SiteKind.FAMILY,
        municipality=Municipality.objects.get(code="751"),
    )
    year = default_year()
    for offset in (0, 1):
        for n in range(12):
            youth = make_youth(alpha, residence_municipality=ballerup, gender="female")
            contact = make_contact(
                alpha,
                youth,
                dt.date(year - offset, 1 + n, 3),
                age=14 + n % 8,
                themes=THEMES[n % 3],
                channel="phone" if n % 4 == 0 else "in_person",
            )
            session_rating(contact, 8, 9, 7, 8)
            answer(contact, "helped", helped=4 + n % 2)
            answer(contact, "self_efficacy", self_efficacy=1 + n % 5)
        make_outreach(alpha, short_contacts=30, date=dt.date(year - offset, 5, 1))
        make_contact(beta, date=dt.date(year - offset, 2, 2), age=17, themes=["anxiety"])
        for n in range(6):
            make_conversation(
                family,
                [make_relative(family)],
                dt.date(year - offset, 2 + n, 10),
                themes=["parenting"],
            )
        make_inquiry(family, dt.date(year - offset, 9, 1))

    chief = make_user("chief.alpha@example.org", "Centerchef Alpha")
    Membership.objects.create(user=chief, site=alpha, role=Role.CENTRE_CHIEF)
    secretariat = make_user("sekretariat@example.org", "Sekretariatet", is_secretariat=True)
    viewer = make_user("kommune@ballerup.example.org", "Ballerup Kommune")
    MunicipalityViewer.objects.create(user=viewer, municipality=ballerup)
    return {
        "alpha": alpha,
        "beta": beta,
        "chief": chief,
        "secretariat": secretariat,
        "viewer": viewer,
    }


def log_in(page, live_server, user) -> None:
    login(page, live_server, user.email, PASSWORD)


def assert_named_charts(page, at_least: int = 1) -> None:
    """Every chart is an image with a title and a description it is labelled by."""
    charts = page.locator("svg.report-chart")
    assert charts.count() >= at_least
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.get_attribute("role") == "img"
        name = chart.evaluate(
            """svg => (svg.getAttribute('aria-labelledby') || '').split(/\\s+/)
                .map(id => document.getElementById(id)?.textContent || '').join(' ').trim()"""
        )
        assert name, f"chart {index} has no accessible name"
        assert chart.locator("title").first.text_content().strip()


def test_it_shows_the_report_index_to_the_secretariat(page, live_server, network):
    log_in(page, live_server, network["secretariat"])
    page.goto(f"{live_server.url}/reports/")
    assert page.get_by_role("heading", name="Rapporter", level=1).is_visible()
    assert page.locator("main").get_by_role("link", name="headspace Alpha").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Udvikling over årene").click()
    page.wait_for_load_state("networkidle")
    assert "/reports/trends/" in page.url
    assert_named_charts(page, at_least=2)
    assert_accessible(page)


def test_it_shows_a_sites_annual_report_to_its_chief(page, live_server, network):
    log_in(page, live_server, network["chief"])
    page.goto(f"{live_server.url}/reports/")
    assert_accessible(page)
    page.locator("main").get_by_role("link", name="headspace Alpha").click()
    page.wait_for_load_state("networkidle")
    year = default_year()
    assert page.get_by_role("heading", level=1).text_content().startswith(f"Årsrapport {year}")
    # The chief may lower k to see the small numbers of the own site.
    assert page.get_by_role("link", name="Nøjagtige tal (JSON)").is_visible()
    assert_named_charts(page, at_least=3)
    assert_accessible(page)

    page.select_option("#id_year", str(year - 1))
    page.get_by_role("button", name="Vis").click()
    page.wait_for_load_state("networkidle")
    assert f"year={year - 1}" in page.url
    assert page.get_by_role("heading", level=1).text_content().startswith(f"Årsrapport {year - 1}")
    # The year before has no data: said so, and no change column.
    main = page.inner_text("main")
    assert f"{year - 2}: ingen data" in main
    assert "Ændring" not in main
    # The year list holds the years with data only.
    assert page.locator("#id_year option").all_inner_texts() == [str(year), str(year - 1)]
    assert_accessible(page)
    # Chart text is at least 12px, on a wide screen and on a phone (the chart then scrolls
    # inside its figure). The font size is the text's size in the chart times its scale.
    font_px = """t => parseFloat(t.getAttribute('font-size'))
        * t.ownerSVGElement.getBoundingClientRect().width
        / t.ownerSVGElement.viewBox.baseVal.width"""
    texts = page.locator("svg.report-chart text")
    assert min(texts.nth(i).evaluate(font_px) for i in range(texts.count())) >= 12
    page.set_viewport_size({"width": 360, "height": 740})
    assert texts.first.evaluate(font_px) >= 12
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Bad options (typed into the address) show their errors next to the fields.
    page.goto(f"{live_server.url}/reports/annual/alpha/?year=1999&k=0")
    assert page.locator(".form-error-message").count() == 2
    assert page.input_value("#id_k") == "0"
    assert_accessible(page)


def test_it_downloads_the_pdf_and_the_spreadsheet_from_the_page(page, live_server, network):
    log_in(page, live_server, network["chief"])
    page.goto(f"{live_server.url}/reports/annual/alpha/")
    expected = {
        "PDF": ("application/pdf", b"%PDF"),
        "Regneark (XLSX)": (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            b"PK",
        ),
    }
    for name, (content_type, start) in expected.items():
        href = page.get_by_role("link", name=name, exact=True).get_attribute("href")
        response = page.request.get(f"{live_server.url}{href}")
        assert response.status == 200, name
        assert response.headers["content-type"] == content_type
        assert "attachment" in response.headers["content-disposition"]
        assert response.body().startswith(start)


def test_it_shows_the_national_and_family_reports_to_the_secretariat(page, live_server, network):
    log_in(page, live_server, network["secretariat"])
    page.goto(f"{live_server.url}/reports/national/")
    assert page.get_by_role("heading", level=1).text_content().startswith("National rapport")
    assert_named_charts(page, at_least=3)
    assert_accessible(page)

    page.goto(f"{live_server.url}/reports/family/")
    assert "Family" in page.get_by_role("heading", level=1).text_content()
    assert_named_charts(page)
    assert_accessible(page)

    page.goto(f"{live_server.url}/reports/family/fam/")
    assert "headspace Family Aarhus" in page.get_by_role("heading", level=1).text_content()
    assert_accessible(page)


def test_it_shows_a_municipality_viewer_its_own_sites_only(page, live_server, network):
    log_in(page, live_server, network["viewer"])
    page.goto(f"{live_server.url}/reports/")
    assert page.locator("main").get_by_role("link", name="headspace Alpha").is_visible()
    assert page.locator("main").get_by_role("link", name="headspace Beta").count() == 0
    assert_accessible(page)

    page.locator("main").get_by_role("link", name="headspace Alpha").click()
    page.wait_for_load_state("networkidle")
    assert_named_charts(page, at_least=3)
    # No exact figures for a municipality: small numbers stay hidden.
    assert page.get_by_role("link", name="Nøjagtige tal (JSON)").count() == 0
    assert_accessible(page)

    response = page.goto(f"{live_server.url}/reports/annual/beta/")
    assert response.status == 404
    response = page.goto(f"{live_server.url}/reports/national/")
    assert response.status == 404


def test_it_shows_the_report_pages_on_a_phone(phone_page, live_server, network):
    log_in(phone_page, live_server, network["chief"])
    phone_page.goto(f"{live_server.url}/reports/annual/alpha/")
    assert_named_charts(phone_page, at_least=3)
    assert_accessible(phone_page)
